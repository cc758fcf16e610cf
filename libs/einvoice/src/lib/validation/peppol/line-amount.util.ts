/**
 * Fast exact check of PEPPOL-EN16931-R120 (line net amount = quantity * price / base quantity
 * + charges - allowances, within 0.02) for the common case, run for every invoice line.
 *
 * Values are held as scaled integers (m / 10^s with m a safe integer), so every step is exact
 * integer arithmetic on doubles. Whenever a value does not fit (more than 15 digits, a base
 * quantity other than 1, allowances with more than 2 decimals, an intermediate beyond 2^53) or
 * is not a plain decimal, the caller falls back to the general decimal.js computation.
 */

/** m / 10^s, m a safe integer. */
interface Scaled {
  readonly m: number;
  readonly s: number;
}

const PLAIN = /^[ \t\n\r]*([+-]?)(\d*)(?:\.(\d*))?[ \t\n\r]*$/;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Parses an xs:decimal of at most 15 digits; undefined otherwise (including invalid text). */
function scaled(text: string): Scaled | undefined {
  const match = PLAIN.exec(text);
  if (!match) return undefined;
  const int = match[2] ?? '';
  const frac = match[3] ?? '';
  const digits = int + frac;
  if (digits === '' || digits.length > 15) return undefined;
  const v = Number(digits);
  return { m: match[1] === '-' ? -v : v, s: frac.length };
}

/** m * 10^by if still a safe integer. */
function up(m: number, by: number): number | undefined {
  const f = POW10[by];
  if (f === undefined) return undefined;
  const r = m * f;
  return Number.isSafeInteger(r) ? r : undefined;
}

/** Texts of one line's inputs; undefined marks an absent element (XPath defaults apply). */
export interface LineTexts {
  readonly lineAmount: string | undefined;
  readonly quantity: string | undefined;
  readonly price: string | undefined;
  readonly baseQuantity: string | undefined;
  /** Amount texts of the line's charges / allowances (none: the total is 0). */
  readonly charges: readonly string[];
  readonly allowances: readonly string[];
}

/** Sum of amounts with at most 2 decimals, as hundredths; undefined when not in the fast domain. */
function hundredths(texts: readonly string[]): number | undefined {
  let sum = 0;
  for (const t of texts) {
    const v = scaled(t);
    if (!v || v.s > 2) return undefined;
    const h = up(v.m, 2 - v.s);
    if (h === undefined) return undefined;
    sum += h;
    if (!Number.isSafeInteger(sum)) return undefined;
  }
  return sum;
}

/** R120 verdict when the fast exact path applies, undefined when the caller must use decimal.js. */
export function lineNetWithinSlackFast(t: LineTexts): boolean | undefined {
  if (t.baseQuantity !== undefined) {
    const base = scaled(t.baseQuantity);
    // A zero base quantity counts as 1 in the rule; any other value needs a division.
    if (!base || (base.m !== 0 && base.m !== POW10[base.s])) return undefined;
  }
  const line = t.lineAmount === undefined ? { m: 0, s: 0 } : scaled(t.lineAmount);
  const qty = t.quantity === undefined ? { m: 1, s: 0 } : scaled(t.quantity);
  const price = t.price === undefined ? { m: 0, s: 0 } : scaled(t.price);
  const charges = hundredths(t.charges);
  const allowances = hundredths(t.allowances);
  if (!line || !qty || !price || charges === undefined || allowances === undefined) return undefined;
  const product = qty.m * price.m;
  if (!Number.isSafeInteger(product)) return undefined;
  const scale = Math.max(qty.s + price.s, line.s, 2);
  const p = up(product, scale - qty.s - price.s);
  const l = up(line.m, scale - line.s);
  const c = up(charges, scale - 2);
  const a = up(allowances, scale - 2);
  const slack = up(2, scale - 2);
  if (p === undefined || l === undefined || c === undefined || a === undefined || slack === undefined) return undefined;
  // Each partial result is checked: a sum beyond 2^53 could be inexact.
  const withCharges = p + c;
  const expected = withCharges - a;
  const diff = l - expected;
  if (!Number.isSafeInteger(withCharges) || !Number.isSafeInteger(expected) || !Number.isSafeInteger(diff)) return undefined;
  return diff <= slack && diff >= -slack;
}
