import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { InboxDocumentReceived } from '@hub/contracts';
import { OutboxWriter } from '@hub/messaging';
import { hasFatal } from '../documents/document-finding';
import type { ReceiptMatch } from '../documents/document-receipt.entity';
import type { DocumentState } from '../documents/document-state';
import { preparedQuery } from '../documents/prepared-query';
import { DigitiseService, type DigitisedDocument, type PreparedFile } from '../digitise/digitise.service';
import { DOCUMENT_STORAGE, type DocumentStorage } from '../originals/document-storage.port';
import type { IngestCommand, IngestedDocument } from './ingest.command';

const MAX_RACE_RETRIES = 3;

/**
 * Every channel ends here: digitise the files, then — in one transaction — either create
 * the document (originals, keys, receipt, transitions) or, when its fingerprint or the hash
 * of its original is already known for the company, add a receipt to the existing one.
 * Publishes `inbox.document.received.v1` through the outbox in the same transaction.
 *
 * Concurrency: the (company, key) primary key of `document_key` decides. Two deliveries of
 * the same invoice racing each other both try to insert the key; the loser's insert waits
 * for the winner's commit, conflicts, deletes the document it had just inserted and records
 * a receipt on the winner's document instead.
 *
 * Hot path (an e-invoice flood): a new document costs one statement — key lookup, document,
 * keys, receipt, files, transitions and original bytes together — plus the outbox row, both
 * prepared statements.
 */
@Injectable()
export class IngestDocumentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly digitiser: DigitiseService,
    private readonly outbox: OutboxWriter,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /** Ingests in a transaction of its own (HTTP and SMTP channels). */
  async execute(command: IngestCommand): Promise<IngestedDocument[]> {
    const digitised = await this.digitiser.digitise(command.files, { declaredKind: command.declaredKind });
    return this.dataSource.transaction((manager) => this.store(manager, command, digitised));
  }

  /** Ingests inside the caller's transaction (the JetStream handler's). */
  async executeIn(manager: EntityManager, command: IngestCommand): Promise<IngestedDocument[]> {
    const digitised = await this.digitiser.digitise(command.files, { declaredKind: command.declaredKind });
    return this.store(manager, command, digitised);
  }

  private async store(manager: EntityManager, command: IngestCommand, digitised: DigitisedDocument[]): Promise<IngestedDocument[]> {
    const results: IngestedDocument[] = [];
    for (const doc of digitised) {
      const result = await this.storeOne(manager, command, doc);
      results.push(result);
      await this.outbox.publish(
        manager,
        Object.assign(new InboxDocumentReceived(), {
          companyId: command.companyId,
          documentId: result.documentId,
          receiptId: result.receiptId,
          channel: command.channel,
          duplicate: result.duplicate,
          state: result.state,
          receivedAt: command.receivedAt.toISOString(),
        }),
        result.receiptId,
      );
    }
    return results;
  }

  /**
   * Tries to create the document; when one of its keys is known already, records the
   * delivery on that document instead (see {@link match}). A key taken by a concurrent
   * delivery in the meantime makes it try again.
   */
  private async storeOne(manager: EntityManager, command: IngestCommand, doc: DigitisedDocument): Promise<IngestedDocument> {
    const keys = keysOf(doc);
    for (let races = 0; ; ) {
      const attempt = await this.tryCreate(manager, command, doc, keys);
      if (attempt.created) return attempt.created;
      const existing = match(keys, attempt.known);
      if (existing) return this.addReceipt(manager, command, doc, existing.documentId, existing.matchedBy, keys);
      // No known key (they were taken concurrently), or only hashes of other invoices (dropped from `keys`).
      if (attempt.known.length === 0 && ++races >= MAX_RACE_RETRIES) {
        throw new Error('Could not settle a concurrent delivery of the same document; retry');
      }
    }
  }

  /**
   * Creates the document with its keys, receipt, files and first transitions in one
   * statement (see CREATE_SQL) unless one of its keys is known already, then stores its
   * originals. Without `created`: `known` holds the keys found, or is empty when another
   * delivery took a key while this one inserted (it committed, or committed while this
   * insert waited for it) — the document just inserted is then deleted again, its keys,
   * receipt, files and transitions with it (ON DELETE CASCADE).
   */
  private async tryCreate(
    manager: EntityManager,
    command: IngestCommand,
    doc: DigitisedDocument,
    keys: DocumentKeys,
  ): Promise<{ created?: IngestedDocument; known: KnownKey[] }> {
    const id = randomUUID();
    const receiptId = randomUUID();
    const findings = [...(command.channelFindings ?? []), ...doc.findings];
    const target: DocumentState = hasFatal(findings) ? 'needs-attention' : 'ready';
    const h = doc.header;
    const all = allKeys(keys);
    const files = distinctFiles(doc.files);
    const inline = this.storage.inServiceSchema;
    const [row] = await preparedQuery<{ created: number; keys: number; known: KnownKey[] }>(manager, 'inbox_ingest_create', CREATE_SQL, [
      id, command.companyId, target, command.channel, command.receivedAt, h.kind, h.typeCode, doc.syntax, doc.profile, h.supplierName,
      h.supplierIdentifier, h.supplierVatId, h.supplierRegistrationCode, h.invoiceNumber, h.issueDate, h.dueDate, h.currency,
      h.totalNet, h.totalVat, h.totalGross, h.amountDue, h.buyerReference, h.orderReference, h.contractReference,
      doc.invoice ? JSON.stringify(doc.invoice) : null, JSON.stringify(findings), doc.fingerprint,
      all,
      receiptId, command.externalRef ?? null, JSON.stringify(command.source),
      ...fileColumns(files),
      command.actor, `received by ${command.channel}`, target === 'ready' ? 'digitised' : attentionReason(findings),
      // The originals, in this statement when they live in this schema (see DocumentStorage.inServiceSchema).
      inline ? files.map((f) => f.sha256) : [], inline ? files.map((f) => f.bytes) : [],
    ]);
    if (!row || row.created === 0) return { known: row?.known ?? [] };
    if (row.keys < all.length) {
      await preparedQuery(manager, 'inbox_ingest_undo_create', `DELETE FROM document WHERE id = $1 AND company_id = $2`, [id, command.companyId]);
      return { known: [] };
    }
    if (!inline) await this.storage.put(manager, command.companyId, files);
    return { created: { documentId: id, receiptId, duplicate: false, matchedBy: 'new', state: target }, known: [] };
  }

  /**
   * Records a delivery of a known document in one statement (see RECEIPT_SQL): a receipt,
   * the originals the document does not have yet, and their hashes as keys; then stores
   * those originals.
   */
  private async addReceipt(
    manager: EntityManager,
    command: IngestCommand,
    doc: DigitisedDocument,
    documentId: string,
    matchedBy: ReceiptMatch,
    keys: DocumentKeys,
  ): Promise<IngestedDocument> {
    const receiptId = randomUUID();
    const files = distinctFiles(doc.files);
    const [row] = await preparedQuery<{ state: DocumentState | null; stored: string[] }>(manager, 'inbox_ingest_receipt', RECEIPT_SQL, [
      documentId, command.companyId, receiptId, command.channel, command.receivedAt, matchedBy, command.externalRef ?? null, JSON.stringify(command.source),
      ...fileColumns(files),
      keys.hashes,
    ]);
    const stored = new Set(row?.stored ?? []);
    await this.storage.put(manager, command.companyId, files.filter((f) => stored.has(f.sha256)));
    return { documentId, receiptId, duplicate: true, matchedBy, state: row?.state ?? 'received' };
  }
}

/** Files as parameter arrays for `unnest` ($F .. $F+5 in CREATE_SQL and RECEIPT_SQL). */
function fileColumns(files: PreparedFile[]): unknown[] {
  return [
    files.map(() => randomUUID()),
    files.map((f) => f.role),
    files.map((f) => f.filename),
    files.map((f) => f.contentType),
    files.map((f) => f.bytes.length),
    files.map((f) => f.sha256),
  ];
}

const FILES_FROM = (first: number): string =>
  `unnest($${first}::uuid[], $${first + 1}::text[], $${first + 2}::text[], $${first + 3}::text[], $${first + 4}::int[], $${first + 5}::text[])
     WITH ORDINALITY AS f (id, role, filename, content_type, size_bytes, sha256, n)`;

/**
 * A new document unless one of its keys is known (then nothing is written and `known`
 * lists them): the document row, its keys (ON CONFLICT DO NOTHING: the caller compares how
 * many were inserted), the receipt, the files, the two first transitions and the original
 * bytes ($41/$42; empty when they are stored elsewhere). Foreign keys are checked at the
 * end of the statement, when every row exists.
 */
const CREATE_SQL = `WITH known AS (
    SELECT k.key, k.document_id, d.fingerprint FROM document_key k JOIN document d ON d.id = k.document_id
    WHERE k.company_id = $2 AND k.key = ANY($28::text[])
  ), created AS (
    INSERT INTO document (id, company_id, state, channel, received_at, kind, type_code, syntax, profile, supplier_name,
      supplier_identifier, supplier_vat_id, supplier_registration_code, invoice_number, issue_date, due_date, currency,
      total_net, total_vat, total_gross, amount_due, buyer_reference, order_reference, contract_reference, invoice, findings, fingerprint)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27
    WHERE NOT EXISTS (SELECT 1 FROM known)
    RETURNING id
  ), key_rows AS (
    INSERT INTO document_key (company_id, key, document_id) SELECT $2, k, c.id FROM created c, unnest($28::text[]) k
    ON CONFLICT (company_id, key) DO NOTHING RETURNING key
  ), receipt AS (
    INSERT INTO document_receipt (id, document_id, company_id, channel, received_at, matched_by, external_ref, source)
    SELECT $29, c.id, $2, $4, $5, 'new', $30, $31 FROM created c
  ), file_rows AS (
    INSERT INTO document_file (id, document_id, receipt_id, company_id, role, filename, content_type, size_bytes, sha256)
    SELECT f.id, c.id, $29, $2, f.role, f.filename, f.content_type, f.size_bytes, f.sha256 FROM created c, ${FILES_FROM(32)} ORDER BY f.n
  ), transitions AS (
    INSERT INTO document_transition (document_id, company_id, from_state, to_state, actor, reason)
    SELECT c.id, $2, t.from_state, t.to_state, t.actor, t.reason
    FROM created c, (VALUES (1, NULL::text, 'received', $38::text, $39::text), (2, 'received', $3, 'system', $40)) AS t (n, from_state, to_state, actor, reason)
    ORDER BY t.n
  ), originals AS (
    INSERT INTO original_blob (company_id, sha256, size_bytes, content)
    SELECT $2, o.sha256, length(o.content), o.content FROM created c, unnest($41::text[], $42::bytea[]) AS o (sha256, content)
    ON CONFLICT (company_id, sha256) DO NOTHING
  )
  SELECT (SELECT count(*) FROM created)::int AS created, (SELECT count(*) FROM key_rows)::int AS keys,
    (SELECT coalesce(json_agg(known), '[]'::json) FROM known) AS known`;

/**
 * Another delivery of a known document: counts it, adds its receipt and the files whose
 * bytes the document does not have yet (answered in `stored`), and makes the hashes keys
 * of the document (the other channel's original is recognised next time too).
 */
const RECEIPT_SQL = `WITH counted AS (
    UPDATE document SET receipt_count = receipt_count + 1, updated_at = now() WHERE id = $1 AND company_id = $2 RETURNING state
  ), receipt AS (
    INSERT INTO document_receipt (id, document_id, company_id, channel, received_at, matched_by, external_ref, source)
    VALUES ($3, $1, $2, $4, $5, $6, $7, $8)
  ), file_rows AS (
    INSERT INTO document_file (id, document_id, receipt_id, company_id, role, filename, content_type, size_bytes, sha256)
    SELECT f.id, $1, $3, $2, f.role, f.filename, f.content_type, f.size_bytes, f.sha256 FROM ${FILES_FROM(9)}
    WHERE NOT EXISTS (SELECT 1 FROM document_file known WHERE known.document_id = $1 AND known.sha256 = f.sha256)
    ORDER BY f.n
    RETURNING sha256
  ), key_rows AS (
    INSERT INTO document_key (company_id, key, document_id) SELECT $2, k, $1 FROM unnest($15::text[]) k ON CONFLICT DO NOTHING
  )
  SELECT (SELECT state FROM counted) AS state, ARRAY(SELECT sha256 FROM file_rows) AS stored`;

/** The files of a delivery, each content once (the first of several with the same bytes). */
function distinctFiles(files: PreparedFile[]): PreparedFile[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.sha256) && seen.add(f.sha256));
}

function allKeys(keys: DocumentKeys): string[] {
  return [...(keys.fingerprint ? [keys.fingerprint] : []), ...keys.hashes];
}

/** A key of a delivery that some document of the company holds already. */
interface KnownKey {
  key: string;
  document_id: string;
  /** That document's fingerprint. */
  fingerprint: string | null;
}

/**
 * The document a delivery belongs to: by fingerprint first, then by the hash of an
 * original. A hash match with a document whose fingerprint differs is not a duplicate (two
 * invoices sharing one PDF): that hash is dropped from `keys` and the delivery stays new.
 */
function match(keys: DocumentKeys, known: KnownKey[]): { documentId: string; matchedBy: ReceiptMatch } | undefined {
  const byFingerprint = known.find((r) => r.key === keys.fingerprint);
  if (byFingerprint) return { documentId: byFingerprint.document_id, matchedBy: 'fingerprint' };
  for (const row of known) {
    if (keys.fingerprint && row.fingerprint && `fp:${row.fingerprint}` !== keys.fingerprint) {
      keys.hashes = keys.hashes.filter((h) => h !== row.key);
      continue;
    }
    return { documentId: row.document_id, matchedBy: 'sha256' };
  }
  return undefined;
}

interface DocumentKeys {
  fingerprint: string | null;
  hashes: string[];
}

/**
 * The keys a document is recognised by: its fingerprint, the hash of its primary original
 * (the XML, or the first PDF/image), and the hash of its PDF rendering when it is the only
 * one. Other attachments (terms and conditions, a price list) are deliberately not keys:
 * the same T&C PDF in next month's mail must not make next month's invoice a duplicate.
 */
function keysOf(doc: DigitisedDocument): DocumentKeys {
  const originals = doc.files.filter((f) => !f.derived);
  const primary = originals.find((f) => f.role === 'invoice-xml') ?? originals.find((f) => f.role === 'rendering' || f.role === 'image');
  const renderings = originals.filter((f) => f.role === 'rendering');
  const hashes = new Set<string>();
  const suffix = doc.part ? `#${doc.part.index}` : '';
  if (primary) hashes.add(`sha:${primary.sha256}${suffix}`);
  if (renderings.length === 1 && renderings[0] && !doc.part) hashes.add(`sha:${renderings[0].sha256}`);
  return { fingerprint: doc.fingerprint ? `fp:${doc.fingerprint}` : null, hashes: [...hashes] };
}

function attentionReason(findings: { flag: string; message: string }[]): string {
  const fatal = findings.filter((f) => f.flag === 'fatal').map((f) => f.message);
  const text = fatal.slice(0, 3).join('; ') + (fatal.length > 3 ? ` (+${fatal.length - 3} more)` : '');
  return text.slice(0, 2000);
}
