import { stringLength as strLen } from '../common';
import { castableInteger, substr, xpNumber } from './xpath.util';

function codepoints(s: string): string[] {
  return Array.from(s);
}

/**
 * Check-digit and format checks for the party identifiers the Peppol rules validate
 * (ICD/EAS schemes and national numbers). All arithmetic is on small integers or BigInt,
 * never on floating-point approximations of long digit strings, so the answers are exact.
 * Each function takes the identifier as the rule passes it (usually normalize-space'd).
 */

const ASCII_DIGITS = /^[0-9]*$/;
const ASCII_LETTERS = /^[A-Za-z]*$/;
const ASCII_ALNUM6 = /^[A-Za-z0-9]{6}$/;

function digitValue(cp: string | undefined): number {
  return cp === undefined ? NaN : (cp.codePointAt(0) ?? 0) - 48;
}

/**
 * GS1 mod-10 check digit (GLN, EAN/GTIN): weights 3,1,3,... from the digit left of the check digit.
 * `gln('5790000435951')` is true.
 */
export function gln(val: string): boolean {
  const cps = codepoints(val);
  if (cps.length === 0) return false;
  let sum = 0;
  for (let i = 0; i < cps.length - 1; i++) {
    const d = digitValue(cps[cps.length - 2 - i]);
    sum += d * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10 === xpNumber(cps[cps.length - 1]);
}

/** Norwegian organisation number check: weights 2..7 repeating from the right, mod 11, and value > 0. */
export function mod11(val: string): boolean {
  const cps = codepoints(val);
  if (cps.length === 0 || !(xpNumber(val) > 0)) return false;
  let sum = 0;
  for (let i = 0; i < cps.length - 1; i++) {
    sum += digitValue(cps[cps.length - 2 - i]) * ((i % 6) + 2);
  }
  return (11 - (sum % 11)) % 11 === xpNumber(cps[cps.length - 1]);
}

/** Norwegian organisation number (ICD 0192): nine digits with a valid mod-11 check digit. */
export function norwegianOrgNumber(val: string): boolean {
  return /^[0-9]{9}$/.test(val) && mod11(val);
}

/** Belgian enterprise number check (ICD 0208): digits 9-10 equal 97 - (first eight mod 97). */
export function belgianMod97(val: string): boolean {
  const head = substr(val, 1, 8);
  if (!castableInteger(head)) return false;
  const calculated = 97n - (BigInt(head.trim()) % 97n);
  return xpNumber(substr(val, 9, 2)) === Number(calculated);
}

/** Belgian enterprise number (ICD 0208): ten digits with a valid mod-97 check. */
export function belgianEnterpriseNumber(val: string): boolean {
  return /^[0-9]{10}$/.test(val) && belgianMod97(val);
}

/** Danish CVR (ICD 0184) format: `DK` + 8 digits, or 8 digits. */
export function danishCvrFormat(val: string): boolean {
  const len = strLen(val);
  if (len === 10 && substr(val, 1, 2) === 'DK' && ASCII_DIGITS.test(substr(val, 3, 8))) return true;
  return len === 8 && ASCII_DIGITS.test(substr(val, 1, 8));
}

/** Italian IPA code (ICD 0201): exactly six ASCII letters or digits. */
export function codiceIpa(val: string): boolean {
  return ASCII_ALNUM6.test(val);
}

function codiceFiscale16(val: string): boolean {
  return (
    ASCII_LETTERS.test(substr(val, 1, 6)) &&
    castableInteger(substr(val, 7, 2)) &&
    ASCII_LETTERS.test(substr(val, 9, 1)) &&
    castableInteger(substr(val, 10, 2)) &&
    castableInteger(substr(val, 15, 1)) &&
    ASCII_LETTERS.test(substr(val, 16, 1))
  );
}

/**
 * Italian tax code (Codice Fiscale, ICD 0210 / EAS 9907) format: 16 characters in the
 * personal pattern (letters/digits by position), or 11 characters forming an integer.
 */
export function codiceFiscale(val: string): boolean {
  const len = strLen(val);
  if (len === 16) return codiceFiscale16(val);
  if (len === 11) return castableInteger(val);
  return false;
}

const PIVA_DOUBLED = '0246813579';

/**
 * Partita IVA checksum: digits at odd positions count as is, digits at even positions are
 * doubled with digit sum; the total must be a multiple of 10. Returns the total mod 10,
 * or 1 when the value is not an integer (as the official function does).
 */
export function partitaIvaRemainder(arg: string): number {
  if (!castableInteger(arg)) return 1;
  let rest = arg;
  let even = false;
  let total = 0;
  while (castableInteger(rest)) {
    const first = rest.charCodeAt(0) - 48;
    // A sign or blank at the head is an integer as a whole but not as a digit: the official
    // function fails there, so the number is invalid.
    if (first < 0 || first > 9) return 1;
    total += even ? PIVA_DOUBLED.charCodeAt(first) - 48 : first;
    rest = substr(rest, 2);
    even = !even;
  }
  return total % 10;
}

/**
 * Italian VAT number (ICD 0211 / EAS 9906): when prefixed `IT`/`it`, eleven digits with a
 * valid checksum must follow; values without that prefix are accepted.
 */
export function partitaIvaWithCountry(val: string): boolean {
  const country = substr(val, 1, 2);
  if (country !== 'IT' && country !== 'it') return true;
  const code = substr(val, 3);
  return strLen(code) === 11 && partitaIvaRemainder(code) === 0;
}

/** Swedish organisation number (ICD 0007) check digit: Luhn over the first nine digits, checked against the tenth. */
export function swedishOrgNumberLuhn(val: string): boolean {
  if (!/^[0-9]+$/.test(val)) return false;
  const main = substr(val, 1, 9);
  const check = xpNumber(substr(val, 10, 1));
  let sum = 0;
  for (let pos = 1; pos <= main.length; pos++) {
    const d = main.charCodeAt(main.length - pos) - 48;
    sum += pos % 2 === 1 ? ((d * 2) % 10) + Math.floor((d * 2) / 10) : d;
  }
  return (10 - (sum % 10)) % 10 === check;
}

/** Swedish organisation number (ICD 0007): ten digits with a valid Luhn check digit. */
export function swedishOrgNumber(val: string): boolean {
  return strLen(val) === 10 && !Number.isNaN(xpNumber(val)) && swedishOrgNumberLuhn(val);
}

const ABN_WEIGHTS = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19] as const;

/** Australian Business Number checksum (ICD 0151): (first digit - 1) and weights 10,1,3,...,19; sum mod 89 = 0. */
export function abnChecksum(val: string): boolean {
  const cps = codepoints(val);
  if (cps.length < 11) return false;
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    const cp = cps[i]?.codePointAt(0) ?? 0;
    sum += (cp - (i === 0 ? 49 : 48)) * (ABN_WEIGHTS[i] ?? 0);
  }
  return sum % 89 === 0;
}

/** Australian Business Number (ICD 0151): eleven digits with a valid checksum. */
export function australianBusinessNumber(val: string): boolean {
  return /^[0-9]{11}$/.test(val) && abnChecksum(val);
}

const TIN_WEIGHTS = [256, 128, 64, 32, 16, 8, 4, 2] as const;

/** Greek TIN (AFM) check digit: digits 1-8 weighted 256..2, sum mod 11 mod 10 equals digit 9. */
export function greekTin(val: string): boolean {
  const cps = codepoints(val);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += xpNumber(cps[i]) * (TIN_WEIGHTS[i] ?? 0);
  return (sum % 11) % 10 === xpNumber(cps[8]);
}

const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}$/;

/**
 * IBAN check as the German rules (DE-R-019/020) state it: blanks removed, shape
 * `CCdd` + up to 30 alphanumerics, and ISO 7064 mod 97 = 1 computed with BigInt
 * (a double loses digits on a 30-digit number, which is the reference XSLT's bug).
 */
export function ibanValid(raw: string): boolean {
  const iban = raw.replace(/[ \n\r\t]/g, '');
  if (!IBAN_SHAPE.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 2).toUpperCase() + iban.slice(2, 4);
  let digits = '';
  for (let i = 0; i < rearranged.length; i++) {
    const cp = rearranged.charCodeAt(i);
    digits += String(cp > 64 ? cp - 55 : cp - 48);
  }
  return BigInt(digits) % 97n === 1n;
}
