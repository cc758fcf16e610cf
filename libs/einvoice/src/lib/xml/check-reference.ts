/**
 * Validation of one `&...;` reference. Only the five predefined entities and character
 * references are legal: without a DTD every other name is undeclared, and we never accept a DTD.
 */

const ENTITY_NAME = /^[A-Za-z_:][\w.:-]*$/;
const HEX_DIGITS = /^[0-9a-fA-F]{1,6}$/;
const DEC_DIGITS = /^[0-9]{1,7}$/;
/** Longer "references" are really a stray `&`: stop looking for the `;` there. */
const MAX_REFERENCE = 100;

export interface ReferenceProblem {
  readonly code: 'MALFORMED' | 'ENTITY_FORBIDDEN';
  readonly message: string;
}

export function isLegalCodePoint(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** What is wrong with the reference starting at `s[amp] === '&'`, or `undefined` when it is fine. */
export function referenceProblem(s: string, amp: number): ReferenceProblem | undefined {
  const semi = s.indexOf(';', amp + 1);
  if (semi < 0 || semi - amp > MAX_REFERENCE) return { code: 'MALFORMED', message: "Unescaped '&' or unterminated reference" };
  if (s.charCodeAt(amp + 1) === 0x23 /* # */) {
    const hex = s.charCodeAt(amp + 2) === 0x78; /* x */
    const digits = s.slice(amp + (hex ? 3 : 2), semi);
    const ok = (hex ? HEX_DIGITS : DEC_DIGITS).test(digits);
    if (!ok || !isLegalCodePoint(parseInt(digits, hex ? 16 : 10))) {
      return { code: 'MALFORMED', message: `Invalid character reference &${s.slice(amp + 1, semi)};` };
    }
    return undefined;
  }
  const name = s.slice(amp + 1, semi);
  if (name === 'lt' || name === 'gt' || name === 'amp' || name === 'quot' || name === 'apos') return undefined;
  if (ENTITY_NAME.test(name)) return { code: 'ENTITY_FORBIDDEN', message: `Entity reference &${name}; is not allowed` };
  return { code: 'MALFORMED', message: "Unescaped '&' or malformed reference" };
}
