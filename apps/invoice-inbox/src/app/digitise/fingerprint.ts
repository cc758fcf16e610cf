import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import type { HeaderFields } from './header-fields';
import { normaliseId } from './header-fields';

/**
 * The business identity of a document: seller identifier, invoice number, issue date,
 * gross total and document type, normalised, hashed. Null while any of them is unknown:
 * such a document is matched only by the bytes of its originals (see README, "Duplicates").
 */
export function fingerprintOf(h: HeaderFields): string | null {
  const seller = normaliseId(h.supplierIdentifier);
  const number = h.invoiceNumber?.replace(/\s+/g, '').toUpperCase();
  const type = documentTypeOf(h);
  if (!seller || !number || !h.issueDate || !h.totalGross || !type) return null;
  const gross = new Decimal(h.totalGross).toFixed(2);
  return sha256Hex(['v1', seller, number, h.issueDate, gross, type].join('\u001f'));
}

/** The "document type" part: a declared receipt stays a receipt; otherwise BT-3, else the kind. */
export function documentTypeOf(h: Pick<HeaderFields, 'kind' | 'typeCode'>): string | null {
  if (h.kind === 'receipt') return 'receipt';
  if (h.typeCode) return h.typeCode.trim();
  return h.kind === 'unknown' ? null : h.kind;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
