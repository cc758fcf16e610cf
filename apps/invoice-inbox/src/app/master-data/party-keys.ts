/**
 * Normalised keys for matching a document's supplier to an ERP contact. Documents and ERPs
 * write the same identifier differently (`EE 101 234 567`, `ee101234567`; `Acme OÜ`, `ACME`),
 * so both sides are compared through these keys, never verbatim.
 */

/** Registration codes: letters and digits only, upper-case. */
export function registrationKey(value: string | null | undefined): string | null {
  const key = (value ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
  return key.length > 0 ? key : null;
}

/** VAT ids: letters and digits only, upper-case; `101234567` and `EE101234567` stay distinct. */
export function vatKey(value: string | null | undefined): string | null {
  return registrationKey(value);
}

const LEGAL_FORMS = new Set([
  'as', 'oü', 'ou', 'mtü', 'sa', 'tü', 'fie', 'uab', 'ab', 'sia', 'ltd', 'limited', 'llc', 'inc', 'gmbh', 'ag', 'oy', 'oyj',
  'sp', 'zoo', 'z', 'o', 'srl', 'sa', 'bv', 'nv', 'plc', 'aps', 'asa', 'kg', 'co',
]);

/** Names: lower-case words without punctuation and legal forms (`Acme OÜ` → `acme`). */
export function nameKey(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w.length > 0 && !LEGAL_FORMS.has(w))
    .join(' ');
}
