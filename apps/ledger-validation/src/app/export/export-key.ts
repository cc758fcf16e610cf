import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import type { ExportableEntry } from './ports/exportable-entry';

/**
 * A fingerprint of what the external ledger will receive: date, description and rows
 * with normalised amounts and sorted projects. Two loads of the same entry give the same
 * hash; an ERP update that changes the content gives a new one.
 */
export function entryContentHash(entry: ExportableEntry): string {
  const canonical = {
    date: entry.date,
    description: entry.description,
    rows: entry.rows.map((r) => ({
      account: r.accountNumber,
      debit: new Decimal(r.debit).toFixed(2),
      credit: new Decimal(r.credit).toFixed(2),
      vat: r.vatCode ?? '',
      text: r.description ?? '',
      projects: r.projects.map((p) => `${p.group}=${p.code}`).sort(),
    })),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * The idempotency key (Xero `Idempotency-Key`, Sage `idempotency_id`, SAP B1 `Reference`)
 * of one version of one entry: derived from company, entry number and content hash, never
 * random per call, so every retry of the same export carries the same key. 68 ASCII
 * characters: within Xero's 128 and SAP's 100-character Ref1.
 */
export function exportIdempotencyKey(companyId: string, entryNumber: string, contentHash: string): string {
  return `lv1-${createHash('sha256').update(`${companyId}\n${entryNumber}\n${contentHash}`).digest('hex')}`;
}
