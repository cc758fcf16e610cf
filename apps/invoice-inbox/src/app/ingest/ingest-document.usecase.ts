import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { DataSource, type EntityManager } from 'typeorm';
import { InboxDocumentReceived } from '@hub/contracts';
import { OutboxWriter } from '@hub/messaging';
import { hasFatal } from '../documents/document-finding';
import type { ReceiptMatch } from '../documents/document-receipt.entity';
import type { DocumentState } from '../documents/document-state';
import { DocumentsRepository } from '../documents/documents.repository';
import { updateReturning } from '../documents/update-returning';
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
 * for the winner's commit, conflicts, rolls back to its savepoint and records a receipt on
 * the winner's document instead.
 */
@Injectable()
export class IngestDocumentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly digitiser: DigitiseService,
    private readonly documents: DocumentsRepository,
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
        plainToInstance(InboxDocumentReceived, {
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

  private async storeOne(manager: EntityManager, command: IngestCommand, doc: DigitisedDocument): Promise<IngestedDocument> {
    const keys = keysOf(doc);
    for (let attempt = 1; ; attempt++) {
      const existing = await this.lookup(manager, command.companyId, keys);
      if (existing) return this.addReceipt(manager, command, doc, existing.documentId, existing.matchedBy, keys);
      await manager.query('SAVEPOINT ingest_new_document');
      const created = await this.tryCreate(manager, command, doc, keys);
      if (created) {
        await manager.query('RELEASE SAVEPOINT ingest_new_document');
        return created;
      }
      await manager.query('ROLLBACK TO SAVEPOINT ingest_new_document');
      if (attempt >= MAX_RACE_RETRIES) throw new Error('Could not settle a concurrent delivery of the same document; retry');
    }
  }

  /**
   * Finds the document a delivery belongs to: by fingerprint first, then by the hash of an
   * original. A hash match with a document whose fingerprint differs is not a duplicate (two
   * invoices sharing one PDF): that hash is dropped from `keys` and the delivery stays new.
   */
  private async lookup(manager: EntityManager, companyId: string, keys: DocumentKeys): Promise<{ documentId: string; matchedBy: ReceiptMatch } | undefined> {
    const all = [...(keys.fingerprint ? [keys.fingerprint] : []), ...keys.hashes];
    if (all.length === 0) return undefined;
    const rows: { key: string; document_id: string; fingerprint: string | null }[] = await manager.query(
      `SELECT k.key, k.document_id, d.fingerprint FROM document_key k JOIN document d ON d.id = k.document_id
       WHERE k.company_id = $1 AND k.key = ANY($2::text[])`,
      [companyId, all],
    );
    const byFingerprint = rows.find((r) => r.key === keys.fingerprint);
    if (byFingerprint) return { documentId: byFingerprint.document_id, matchedBy: 'fingerprint' };
    for (const row of rows) {
      if (keys.fingerprint && row.fingerprint && `fp:${row.fingerprint}` !== keys.fingerprint) {
        keys.hashes = keys.hashes.filter((h) => h !== row.key);
        continue;
      }
      return { documentId: row.document_id, matchedBy: 'sha256' };
    }
    return undefined;
  }

  private async tryCreate(manager: EntityManager, command: IngestCommand, doc: DigitisedDocument, keys: DocumentKeys): Promise<IngestedDocument | undefined> {
    const id = randomUUID();
    const findings = [...(command.channelFindings ?? []), ...doc.findings];
    const target: DocumentState = hasFatal(findings) ? 'needs-attention' : 'ready';
    const h = doc.header;
    await manager.query(
      `INSERT INTO document (id, company_id, state, channel, received_at, kind, type_code, syntax, profile, supplier_name,
         supplier_identifier, supplier_vat_id, supplier_registration_code, invoice_number, issue_date, due_date, currency,
         total_net, total_vat, total_gross, amount_due, buyer_reference, order_reference, contract_reference, invoice, findings, fingerprint)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)`,
      [
        id, command.companyId, target, command.channel, command.receivedAt, h.kind, h.typeCode, doc.syntax, doc.profile, h.supplierName,
        h.supplierIdentifier, h.supplierVatId, h.supplierRegistrationCode, h.invoiceNumber, h.issueDate, h.dueDate, h.currency,
        h.totalNet, h.totalVat, h.totalGross, h.amountDue, h.buyerReference, h.orderReference, h.contractReference,
        doc.invoice ? JSON.stringify(doc.invoice) : null, JSON.stringify(findings), doc.fingerprint,
      ],
    );
    const all = [...(keys.fingerprint ? [keys.fingerprint] : []), ...keys.hashes];
    const inserted: unknown[] = all.length
      ? await manager.query(
          `INSERT INTO document_key (company_id, key, document_id) SELECT $1, k, $2 FROM unnest($3::text[]) k
           ON CONFLICT (company_id, key) DO NOTHING RETURNING key`,
          [command.companyId, id, all],
        )
      : [];
    if (inserted.length < all.length) return undefined;
    const receiptId = await this.insertReceipt(manager, command, id, 'new');
    await this.insertFiles(manager, command.companyId, id, receiptId, doc.files, new Set());
    await this.documents.recordTransition(manager, command.companyId, id, null, 'received', { actor: command.actor, reason: `received by ${command.channel}` });
    await this.documents.recordTransition(manager, command.companyId, id, 'received', target, {
      actor: 'system',
      reason: target === 'ready' ? 'digitised' : attentionReason(findings),
    });
    return { documentId: id, receiptId, duplicate: false, matchedBy: 'new', state: target };
  }

  private async addReceipt(
    manager: EntityManager,
    command: IngestCommand,
    doc: DigitisedDocument,
    documentId: string,
    matchedBy: ReceiptMatch,
    keys: DocumentKeys,
  ): Promise<IngestedDocument> {
    const rows = await updateReturning<{ state: DocumentState }>(
      manager,
      `UPDATE document SET receipt_count = receipt_count + 1, updated_at = now() WHERE id = $1 AND company_id = $2 RETURNING state`,
      [documentId, command.companyId],
    );
    const receiptId = await this.insertReceipt(manager, command, documentId, matchedBy);
    const known: { sha256: string }[] = await manager.query(`SELECT sha256 FROM document_file WHERE document_id = $1`, [documentId]);
    await this.insertFiles(manager, command.companyId, documentId, receiptId, doc.files, new Set(known.map((k) => k.sha256)));
    // The other channel's original (e.g. the PDF of an invoice first received as XML) is recognised next time too.
    await manager.query(
      `INSERT INTO document_key (company_id, key, document_id) SELECT $1, k, $2 FROM unnest($3::text[]) k ON CONFLICT DO NOTHING`,
      [command.companyId, documentId, keys.hashes],
    );
    return { documentId, receiptId, duplicate: true, matchedBy, state: rows[0]?.state ?? 'received' };
  }

  private async insertReceipt(manager: EntityManager, command: IngestCommand, documentId: string, matchedBy: ReceiptMatch): Promise<string> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO document_receipt (id, document_id, company_id, channel, received_at, matched_by, external_ref, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, documentId, command.companyId, command.channel, command.receivedAt, matchedBy, command.externalRef ?? null, JSON.stringify(command.source)],
    );
    return id;
  }

  private async insertFiles(
    manager: EntityManager,
    companyId: string,
    documentId: string,
    receiptId: string,
    files: PreparedFile[],
    known: Set<string>,
  ): Promise<void> {
    for (const file of files) {
      if (known.has(file.sha256)) continue;
      known.add(file.sha256);
      await this.storage.put(manager, companyId, file.sha256, file.bytes);
      await manager.query(
        `INSERT INTO document_file (id, document_id, receipt_id, company_id, role, filename, content_type, size_bytes, sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [randomUUID(), documentId, receiptId, companyId, file.role, file.filename, file.contentType, file.bytes.length, file.sha256],
      );
    }
  }
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
