import { Inject, Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  checkContract,
  GATEWAY_INLINE_MAX_BASE64,
  GatewayDocumentFile,
  GatewayDocumentReceived,
  GatewaySalesInvoiceReceived,
  SalesInvoiceCustomer,
  SalesInvoiceLine,
} from '@hub/contracts';
import { OutboxWriter } from '@hub/messaging';
import { SERVICE_ENV } from '@hub/platform';
import type { OperatorGatewayEnv } from '../operator-gateway.env';
import { OPERATOR_ADAPTERS, type InboundDocument, type OperatorAdapter } from '../operators/operator-adapter.port';
import { OperatorKeysService } from '../registration/operator-keys.service';
import { ReceiverEndpoints } from './receiver-endpoints';

/** Why a document was left at the operator (not acknowledged). */
export type AttentionReason = 'UNKNOWN_RECEIVER' | 'FILE_TOO_LARGE' | 'FILE_HASH_MISMATCH' | 'INVALID_DOCUMENT';

/** What became of one listed document. */
export type DocumentOutcome =
  | { operatorDocumentId: string; outcome: 'delivered' | 'redelivered'; companyId: string; acked: boolean }
  | { operatorDocumentId: string; outcome: 'needs-attention'; companyId?: string; reason: AttentionReason }
  | { operatorDocumentId: string; outcome: 'failed'; companyId?: string; message: string };

/** A company's connection to an operator: its key, and at least one active registration. */
export interface Connection {
  companyId: string;
  operator: string;
}

/** A file too big to travel inline, kept by the gateway and served at its `fetchUrl`. */
interface StoredFile {
  id: string;
  token: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

class Undeliverable extends Error {
  constructor(
    readonly reason: AttentionReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Inbound delivery: takes the documents an operator holds, routes each to the company
 * registered for the RECEIVER endpoint it was delivered to (never to whoever's key fetched
 * it), records a receipt keyed by (operator, operator document id) and the event in the
 * outbox in one transaction, and only then acknowledges at the operator. A document that
 * cannot be routed or carried is recorded as needing attention and left unacknowledged,
 * so the operator keeps it. A listed document that already has a receipt is a redelivery
 * (e.g. the acknowledgement was lost): it is acknowledged again, not emitted again.
 */
@Injectable()
export class InboundDeliveryService {
  private readonly logger = new Logger('InboundDelivery');

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: OperatorKeysService,
    private readonly endpoints: ReceiverEndpoints,
    private readonly outbox: OutboxWriter,
    @Inject(OPERATOR_ADAPTERS) private readonly adapters: Map<string, OperatorAdapter>,
    @Inject(SERVICE_ENV) private readonly env: OperatorGatewayEnv,
  ) {}

  /** Connections to poll: a stored key and an active registration, for operators this gateway has. */
  async connections(companyId?: string): Promise<Connection[]> {
    const rows: { company_id: string; operator: string }[] = await this.dataSource.query(
      `SELECT DISTINCT c.company_id, c.operator FROM operator_credential c
         JOIN service_registration r ON r.company_id = c.company_id AND r.operator = c.operator AND r.active
        WHERE $1::text IS NULL OR c.company_id = $1
        ORDER BY c.company_id, c.operator`,
      [companyId ?? null],
    );
    return rows.filter((r) => this.adapters.has(r.operator)).map((r) => ({ companyId: r.company_id, operator: r.operator }));
  }

  /** Fetches and delivers what the operator holds for one connection. Operator errors propagate. */
  async fetchFor(connection: Connection): Promise<DocumentOutcome[]> {
    const adapter = this.adapters.get(connection.operator);
    const key = await this.keys.reveal(this.dataSource.manager, connection.companyId, connection.operator);
    if (!adapter || !key) return [];
    const documents = await adapter.listNew(key);
    const outcomes: DocumentOutcome[] = [];
    for (const doc of documents) {
      try {
        outcomes.push(await this.deliver(adapter, key, doc));
      } catch (error) {
        // One broken document does not stop the others; it stays at the operator for the next poll.
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn(`${adapter.code} document ${doc.operatorDocumentId}: ${message}`);
        outcomes.push({ operatorDocumentId: doc.operatorDocumentId, outcome: 'failed', message });
      }
    }
    return outcomes;
  }

  private async deliver(adapter: OperatorAdapter, key: string, doc: InboundDocument): Promise<DocumentOutcome> {
    const id = doc.operatorDocumentId;
    const known: { company_id: string }[] = await this.dataSource.query(
      // As a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH seen AS (UPDATE inbound_receipt SET deliveries = deliveries + 1 WHERE operator = $1 AND operator_document_id = $2 RETURNING company_id)
       SELECT company_id FROM seen`,
      [adapter.code, id],
    );
    if (known[0]) {
      return { operatorDocumentId: id, outcome: 'redelivered', companyId: known[0].company_id, acked: await this.ack(adapter, key, id) };
    }
    const companyId = await this.endpoints.resolve(adapter.code, doc.receiver.endpointId, doc.receiver.scheme);
    if (!companyId) {
      const scheme = doc.receiver.scheme ? ` (scheme ${doc.receiver.scheme})` : '';
      await this.needsAttention(adapter.code, doc, undefined, new Undeliverable('UNKNOWN_RECEIVER', `No company is registered for endpoint ${doc.receiver.endpointId}${scheme} at ${adapter.code}`));
      return { operatorDocumentId: id, outcome: 'needs-attention', reason: 'UNKNOWN_RECEIVER' };
    }
    const eventId = randomUUID();
    let event: GatewayDocumentReceived | GatewaySalesInvoiceReceived;
    const stored: StoredFile[] = [];
    try {
      event = doc.kind === 'sales-invoice' ? salesEvent(adapter.code, companyId, doc, eventId) : await this.documentEvent(adapter, key, companyId, doc, stored);
    } catch (error) {
      if (!(error instanceof Undeliverable)) throw error;
      await this.needsAttention(adapter.code, doc, companyId, error);
      return { operatorDocumentId: id, outcome: 'needs-attention', companyId, reason: error.reason };
    }
    const recorded = await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbound_receipt (operator, operator_document_id, company_id, kind, receiver_endpoint_id, event_id, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING event_id`,
        [adapter.code, id, companyId, doc.kind, doc.receiver.endpointId, eventId, event.receivedAt],
      );
      // Another poll (or replica) took it over first: its event is the one.
      if (inserted.length === 0) return false;
      for (const f of stored) {
        await manager.query(
          `INSERT INTO inbound_file (id, token_sha256, operator, operator_document_id, filename, content_type, bytes, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8::double precision / 1000))`,
          [f.id, sha256Hex(Buffer.from(f.token)), adapter.code, id, f.filename, f.contentType, f.bytes, this.env.INBOUND_FILE_LINK_TTL_MS],
        );
      }
      await this.outbox.publish(manager, event, eventId);
      await manager.query(
        'UPDATE inbound_attention SET resolved_at = now() WHERE operator = $1 AND operator_document_id = $2 AND resolved_at IS NULL',
        [adapter.code, id],
      );
      return true;
    });
    return { operatorDocumentId: id, outcome: recorded ? 'delivered' : 'redelivered', companyId, acked: await this.ack(adapter, key, id) };
  }

  /** Acknowledges at the operator; a failure is logged and retried with the next poll (the receipt prevents a second event). */
  private async ack(adapter: OperatorAdapter, key: string, operatorDocumentId: string): Promise<boolean> {
    try {
      await adapter.acknowledge(key, operatorDocumentId);
    } catch (error) {
      this.logger.warn(`${adapter.code} document ${operatorDocumentId}: acknowledgement failed, retried next poll: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    await this.dataSource.query('UPDATE inbound_receipt SET acked_at = now() WHERE operator = $1 AND operator_document_id = $2', [adapter.code, operatorDocumentId]);
    return true;
  }

  /** The event; files too big to travel inline go to `stored` (saved with the receipt) and travel as `fetchUrl`. */
  private async documentEvent(adapter: OperatorAdapter, key: string, companyId: string, doc: InboundDocument, stored: StoredFile[]): Promise<GatewayDocumentReceived> {
    if (doc.files.length === 0) throw new Undeliverable('INVALID_DOCUMENT', 'The operator delivered the document without files');
    const files: GatewayDocumentFile[] = [];
    for (const ref of doc.files) {
      // Checked before fetching: a file that cannot be passed on is not downloaded for nothing.
      if (!this.canCarry(ref.sizeBytes)) throw this.tooLarge(ref.name, ref.sizeBytes);
      const bytes = await adapter.fetchFile(key, doc.operatorDocumentId, ref);
      if (!this.canCarry(bytes.length)) throw this.tooLarge(ref.name, bytes.length);
      const sha256 = sha256Hex(bytes);
      if (ref.sha256 && ref.sha256.toLowerCase() !== sha256) {
        throw new Undeliverable('FILE_HASH_MISMATCH', `${ref.name}: the bytes fetched do not match the sha256 the operator listed`);
      }
      const common = { filename: ref.name, contentType: ref.contentType, sizeBytes: bytes.length, sha256 };
      if (base64Length(bytes.length) <= GATEWAY_INLINE_MAX_BASE64) {
        files.push(plainToInstance(GatewayDocumentFile, { ...common, contentBase64: bytes.toString('base64') }));
      } else {
        const file: StoredFile = { id: randomUUID(), token: randomBytes(32).toString('base64url'), filename: ref.name, contentType: ref.contentType, bytes };
        stored.push(file);
        const base = this.env.INBOUND_FILES_BASE_URL.replace(/\/+$/, '');
        files.push(plainToInstance(GatewayDocumentFile, { ...common, fetchUrl: `${base}/inbound-files/${file.id}/${file.token}` }));
      }
    }
    return checked(
      GatewayDocumentReceived,
      plainToInstance(GatewayDocumentReceived, {
        companyId,
        receiverEndpointId: doc.receiver.endpointId,
        ...(doc.receiver.scheme ? { receiverScheme: doc.receiver.scheme } : {}),
        operator: adapter.code,
        operatorDocumentId: doc.operatorDocumentId,
        receivedAt: isoTime(doc.receivedAt),
        files,
      }),
    );
  }

  /** Inline up to GATEWAY_INLINE_MAX_BASE64; beyond that only with a file URL base, up to INBOUND_FILE_MAX_BYTES. */
  private canCarry(bytes: number): boolean {
    if (base64Length(bytes) <= GATEWAY_INLINE_MAX_BASE64) return true;
    return this.env.INBOUND_FILES_BASE_URL !== '' && bytes <= this.env.INBOUND_FILE_MAX_BYTES;
  }

  private tooLarge(name: string, bytes: number): Undeliverable {
    const limit = this.env.INBOUND_FILES_BASE_URL === ''
      ? `${Math.floor((GATEWAY_INLINE_MAX_BASE64 / 4) * 3)} bytes inline (INBOUND_FILES_BASE_URL is not set, so larger files cannot travel as fetchUrl)`
      : `${this.env.INBOUND_FILE_MAX_BYTES} bytes (INBOUND_FILE_MAX_BYTES)`;
    return new Undeliverable('FILE_TOO_LARGE', `${name} is ${bytes} bytes; the gateway passes on files up to ${limit}`);
  }

  private async needsAttention(operator: string, doc: InboundDocument, companyId: string | undefined, problem: Undeliverable): Promise<void> {
    this.logger.warn(`${operator} document ${doc.operatorDocumentId} needs attention: ${problem.message}`);
    await this.dataSource.query(
      `INSERT INTO inbound_attention (operator, operator_document_id, company_id, kind, receiver_endpoint_id, receiver_scheme, reason, message)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (operator, operator_document_id) DO UPDATE SET
         company_id = EXCLUDED.company_id, reason = EXCLUDED.reason, message = EXCLUDED.message,
         last_seen_at = now(), attempts = inbound_attention.attempts + 1, resolved_at = NULL`,
      [operator, doc.operatorDocumentId, companyId ?? null, doc.kind, doc.receiver.endpointId, doc.receiver.scheme ?? null, problem.reason, problem.message],
    );
  }
}

function salesEvent(operator: string, companyId: string, doc: InboundDocument, deliveryId: string): GatewaySalesInvoiceReceived {
  const s = doc.salesInvoice;
  if (!s) throw new Undeliverable('INVALID_DOCUMENT', 'The operator delivered a sales invoice without its data');
  return checked(
    GatewaySalesInvoiceReceived,
    plainToInstance(GatewaySalesInvoiceReceived, {
      companyId,
      platform: operator,
      platformId: s.platformId,
      platformInvoiceId: s.platformInvoiceId,
      invoiceNumber: s.invoiceNumber,
      issueDate: s.issueDate,
      ...(s.dueDate ? { dueDate: s.dueDate } : {}),
      currency: s.currency,
      customer: plainToInstance(SalesInvoiceCustomer, s.customer),
      netAmount: s.netAmount,
      vatAmount: s.vatAmount,
      grossAmount: s.grossAmount,
      lines: s.lines.map((l) => plainToInstance(SalesInvoiceLine, l)),
      deliveryId,
      receivedAt: isoTime(doc.receivedAt),
    }),
  );
}

/** The event, or needs-attention naming the fields the operator's data got wrong. */
function checked<T extends object>(type: new () => T, event: T): T {
  const check = checkContract(type, { ...event });
  if (!check.ok) {
    const fields = check.violations.map((v) => `${v.field}: ${v.errors.join('; ')}`).join(' | ');
    throw new Undeliverable('INVALID_DOCUMENT', `The document cannot be passed on: ${fields}`);
  }
  return event;
}

function isoTime(value: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new Undeliverable('INVALID_DOCUMENT', `The operator gave no valid receipt time (${value})`);
  return time.toISOString();
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}
