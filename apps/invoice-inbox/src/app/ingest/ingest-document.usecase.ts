import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { InboxDocumentReceived } from '@hub/contracts';
import { OutboxWriter } from '@hub/messaging';
import { hasFatal } from '../documents/document-finding';
import type { ReceiptMatch } from '../documents/document-receipt.entity';
import type { DocumentState } from '../documents/document-state';
import { byteaArray, preparedQuery } from '../documents/prepared-query';
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
 * Hot path (an e-invoice flood, delivered as batches): the new documents of a batch cost one
 * statement together — key lookup, documents, keys, receipts, files, transitions and
 * original bytes — plus one statement for their outbox rows.
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
    const items = await this.digitise([command]);
    return this.dataSource.transaction((manager) => this.store(manager, items));
  }

  /** Ingests inside the caller's transaction (the JetStream handler's, the SMTP receiver's). */
  async executeIn(manager: EntityManager, command: IngestCommand): Promise<IngestedDocument[]> {
    return this.store(manager, await this.digitise([command]));
  }

  /**
   * Ingests several deliveries inside the caller's transaction (a batch of the JetStream
   * handler): their new documents are created together. One result list per command.
   */
  async executeManyIn(manager: EntityManager, commands: readonly IngestCommand[]): Promise<IngestedDocument[][]> {
    const items = await this.digitise(commands);
    const stored = await this.store(manager, items);
    const results = commands.map((): IngestedDocument[] => []);
    items.forEach((item, i) => results[item.index]?.push(stored[i] as IngestedDocument));
    return results;
  }

  private async digitise(commands: readonly IngestCommand[]): Promise<IngestItem[]> {
    const items: IngestItem[] = [];
    for (const [index, command] of commands.entries()) {
      for (const doc of await this.digitiser.digitise(command.files, { declaredKind: command.declaredKind })) {
        items.push({ index, command, doc, keys: keysOf(doc) });
      }
    }
    return items;
  }

  /**
   * Stores the documents, one result each (in order), and their events. The documents whose
   * keys no earlier one of the same call shares are tried together (see {@link tryCreate});
   * the rest — a known document, a copy of an earlier one in the same batch, a lost race —
   * are settled one by one, so they see what the others wrote.
   */
  private async store(manager: EntityManager, items: IngestItem[]): Promise<IngestedDocument[]> {
    const results: IngestedDocument[] = new Array<IngestedDocument>(items.length);
    const together: number[] = [];
    const later: number[] = [];
    const taken = new Set<string>();
    for (const [i, item] of items.entries()) {
      const scoped = allKeys(item.keys).map((k) => `${item.command.companyId}\n${k}`);
      if (scoped.some((k) => taken.has(k))) {
        later.push(i);
        continue;
      }
      for (const k of scoped) taken.add(k);
      together.push(i);
    }
    const attempts = await this.tryCreate(manager, together.map((i) => items[i] as IngestItem));
    for (const [j, i] of together.entries()) {
      const attempt = attempts[j] as CreateAttempt;
      results[i] = attempt.created ?? (await this.settle(manager, items[i] as IngestItem, attempt.known));
    }
    for (const i of later) results[i] = await this.settle(manager, items[i] as IngestItem);
    await this.outbox.publishMany(
      manager,
      items.map(({ command }, i) => {
        const result = results[i] as IngestedDocument;
        return Object.assign(new InboxDocumentReceived(), {
          companyId: command.companyId,
          documentId: result.documentId,
          receiptId: result.receiptId,
          channel: command.channel,
          duplicate: result.duplicate,
          state: result.state,
          receivedAt: command.receivedAt.toISOString(),
        });
      }),
    );
    return results;
  }

  /**
   * A document that was not created together with others: when one of its keys is known
   * already (`known`, else looked up by trying to create it alone), records the delivery on
   * that document (see {@link match}). A key taken by a concurrent delivery in the meantime
   * makes it try again.
   */
  private async settle(manager: EntityManager, item: IngestItem, known?: KnownKey[]): Promise<IngestedDocument> {
    for (let races = 0; ; known = undefined) {
      if (known === undefined) {
        const [attempt] = await this.tryCreate(manager, [item]);
        if (attempt?.created) return attempt.created;
        known = attempt?.known ?? [];
      }
      const existing = match(item.keys, known);
      if (existing) return this.addReceipt(manager, item.command, item.doc, existing.documentId, existing.matchedBy, item.keys);
      // No known key (they were taken concurrently), or only hashes of other invoices (dropped from `keys`).
      if (known.length === 0 && ++races >= MAX_RACE_RETRIES) {
        throw new Error('Could not settle a concurrent delivery of the same document; retry');
      }
    }
  }

  /**
   * Creates the documents with their keys, receipts, files, first transitions and originals
   * in one statement (see CREATE_SQL); a document one of whose keys is known already is not
   * created. One attempt per item: without `created`, `known` holds the keys found, or is
   * empty when another delivery took a key while this one inserted (it committed, or
   * committed while this insert waited for it) — that document is then deleted again, its
   * keys, receipt, files and transitions with it (ON DELETE CASCADE).
   */
  private async tryCreate(manager: EntityManager, items: IngestItem[]): Promise<CreateAttempt[]> {
    if (items.length === 0) return [];
    const inline = this.storage.inServiceSchema;
    const documents: Record<string, unknown>[] = [];
    const files: Record<string, unknown>[] = [];
    const keys: { n: number[]; key: string[] } = { n: [], key: [] };
    const originals: { n: number[]; sha256: string[]; content: Buffer[] } = { n: [], sha256: [], content: [] };
    const planned = items.map(({ command, doc, keys: own }, n) => {
      const findings = [...(command.channelFindings ?? []), ...doc.findings];
      const target: DocumentState = hasFatal(findings) ? 'needs-attention' : 'ready';
      const h = doc.header;
      const id = randomUUID();
      const receiptId = randomUUID();
      const all = allKeys(own);
      const distinct = distinctFiles(doc.files);
      documents.push({
        n, id, company_id: command.companyId, state: target, channel: command.channel, received_at: command.receivedAt.toISOString(),
        kind: h.kind, type_code: h.typeCode, syntax: doc.syntax, profile: doc.profile, supplier_name: h.supplierName,
        supplier_identifier: h.supplierIdentifier, supplier_vat_id: h.supplierVatId, supplier_registration_code: h.supplierRegistrationCode,
        invoice_number: h.invoiceNumber, issue_date: h.issueDate, due_date: h.dueDate, currency: h.currency,
        total_net: h.totalNet, total_vat: h.totalVat, total_gross: h.totalGross, amount_due: h.amountDue,
        buyer_reference: h.buyerReference, order_reference: h.orderReference, contract_reference: h.contractReference,
        invoice: doc.invoice, findings, fingerprint: doc.fingerprint,
        receipt_id: receiptId, external_ref: command.externalRef ?? null, source: command.source,
        actor: command.actor, received_reason: `received by ${command.channel}`, state_reason: target === 'ready' ? 'digitised' : attentionReason(findings),
      });
      for (const key of all) {
        keys.n.push(n);
        keys.key.push(key);
      }
      for (const [ord, f] of distinct.entries()) {
        files.push({ n, ord, id: randomUUID(), role: f.role, filename: f.filename, content_type: f.contentType, size_bytes: f.bytes.length, sha256: f.sha256 });
        // The originals, in this statement when they live in this schema (see DocumentStorage.inServiceSchema).
        if (inline) {
          originals.n.push(n);
          originals.sha256.push(f.sha256);
          originals.content.push(f.bytes);
        }
      }
      return { id, receiptId, target, keyCount: all.length, files: distinct };
    });
    const rows = await preparedQuery<{ n: number; created: boolean; keys: number; known: KnownKey[] }>(manager, 'inbox_ingest_create', CREATE_SQL, [
      JSON.stringify(documents), keys.n, keys.key, JSON.stringify(files), originals.n, originals.sha256, byteaArray(originals.content),
    ]);
    const attempts: CreateAttempt[] = [];
    const undone: string[] = [];
    for (const [n, plan] of planned.entries()) {
      const row = rows[n];
      if (!row?.created) {
        attempts.push({ known: row?.known ?? [] });
      } else if (row.keys < plan.keyCount) {
        undone.push(plan.id);
        attempts.push({ known: [] });
      } else {
        const { companyId } = (items[n] as IngestItem).command;
        if (!inline) await this.storage.put(manager, companyId, plan.files);
        attempts.push({ created: { documentId: plan.id, receiptId: plan.receiptId, duplicate: false, matchedBy: 'new', state: plan.target }, known: [] });
      }
    }
    if (undone.length > 0) await preparedQuery(manager, 'inbox_ingest_undo_create', `DELETE FROM document WHERE id = ANY($1::uuid[])`, [undone]);
    return attempts;
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

/** One document of a delivery on its way into the store (`index`: its command in the call). */
interface IngestItem {
  index: number;
  command: IngestCommand;
  doc: DigitisedDocument;
  keys: DocumentKeys;
}

/** What {@link IngestDocumentUseCase.tryCreate} made of one document. */
interface CreateAttempt {
  created?: IngestedDocument;
  known: KnownKey[];
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
 * New documents ($1: a JSON array of their columns, `n` = position), each unless one of its
 * keys ($2/$3: position, key) is known (then nothing of it is written and `known` lists
 * them): the document rows, their keys (ON CONFLICT DO NOTHING, in key order: the caller
 * compares how many were inserted), receipts, files ($4, JSON), the two first transitions
 * and the original bytes ($5–$7, a binary bytea[]; empty when they are stored elsewhere).
 * Foreign keys are checked at the end of the statement, when every row exists.
 */
const CREATE_SQL = `WITH input AS (
    SELECT * FROM json_to_recordset($1::json) AS i (n int, id uuid, company_id text, state text, channel text, received_at timestamptz,
      kind text, type_code text, syntax text, profile text, supplier_name text, supplier_identifier text, supplier_vat_id text,
      supplier_registration_code text, invoice_number text, issue_date date, due_date date, currency text, total_net numeric,
      total_vat numeric, total_gross numeric, amount_due numeric, buyer_reference text, order_reference text, contract_reference text,
      invoice jsonb, findings jsonb, fingerprint text, receipt_id uuid, external_ref text, source jsonb, actor text, received_reason text,
      state_reason text)
  ), wanted AS (
    SELECT w.n, w.key, i.company_id FROM unnest($2::int[], $3::text[]) AS w (n, key) JOIN input i ON i.n = w.n
  ), known AS (
    SELECT w.n, k.key, k.document_id, d.fingerprint FROM wanted w
    JOIN document_key k ON k.company_id = w.company_id AND k.key = w.key JOIN document d ON d.id = k.document_id
  ), fresh AS (
    SELECT * FROM input i WHERE NOT EXISTS (SELECT 1 FROM known WHERE known.n = i.n)
  ), created AS (
    INSERT INTO document (id, company_id, state, channel, received_at, kind, type_code, syntax, profile, supplier_name,
      supplier_identifier, supplier_vat_id, supplier_registration_code, invoice_number, issue_date, due_date, currency,
      total_net, total_vat, total_gross, amount_due, buyer_reference, order_reference, contract_reference, invoice, findings, fingerprint)
    SELECT id, company_id, state, channel, received_at, kind, type_code, syntax, profile, supplier_name,
      supplier_identifier, supplier_vat_id, supplier_registration_code, invoice_number, issue_date, due_date, currency,
      total_net, total_vat, total_gross, amount_due, buyer_reference, order_reference, contract_reference, invoice, coalesce(findings, '[]'), fingerprint
    FROM fresh ORDER BY n
    RETURNING id
  ), key_rows AS (
    INSERT INTO document_key (company_id, key, document_id)
    SELECT w.company_id, w.key, f.id FROM wanted w JOIN fresh f ON f.n = w.n ORDER BY w.company_id, w.key
    ON CONFLICT (company_id, key) DO NOTHING RETURNING document_id
  ), receipt AS (
    INSERT INTO document_receipt (id, document_id, company_id, channel, received_at, matched_by, external_ref, source)
    SELECT receipt_id, id, company_id, channel, received_at, 'new', external_ref, source FROM fresh ORDER BY n
  ), file_rows AS (
    INSERT INTO document_file (id, document_id, receipt_id, company_id, role, filename, content_type, size_bytes, sha256)
    SELECT fl.id, f.id, f.receipt_id, f.company_id, fl.role, fl.filename, fl.content_type, fl.size_bytes, fl.sha256
    FROM json_to_recordset($4::json) AS fl (n int, ord int, id uuid, role text, filename text, content_type text, size_bytes int, sha256 text)
    JOIN fresh f ON f.n = fl.n ORDER BY fl.n, fl.ord
  ), transitions AS (
    INSERT INTO document_transition (document_id, company_id, from_state, to_state, actor, reason)
    SELECT f.id, f.company_id, t.from_state, t.to_state, t.actor, t.reason
    FROM fresh f CROSS JOIN LATERAL (VALUES (1, NULL::text, 'received', f.actor, f.received_reason), (2, 'received', f.state, 'system', f.state_reason))
      AS t (step, from_state, to_state, actor, reason)
    ORDER BY f.n, t.step
  ), originals AS (
    INSERT INTO original_blob (company_id, sha256, size_bytes, content)
    SELECT DISTINCT ON (f.company_id, o.sha256) f.company_id, o.sha256, length(o.content), o.content
    FROM unnest($5::int[], $6::text[], $7::bytea[]) AS o (n, sha256, content) JOIN fresh f ON f.n = o.n
    ORDER BY f.company_id, o.sha256
    ON CONFLICT (company_id, sha256) DO NOTHING
  )
  SELECT i.n, EXISTS (SELECT 1 FROM created c WHERE c.id = i.id) AS created,
    (SELECT count(*) FROM key_rows r WHERE r.document_id = i.id)::int AS keys,
    (SELECT coalesce(json_agg(json_build_object('key', k.key, 'document_id', k.document_id, 'fingerprint', k.fingerprint)), '[]'::json)
     FROM known k WHERE k.n = i.n) AS known
  FROM input i ORDER BY i.n`;

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
