import Decimal from 'decimal.js';
import type { XmlElement } from '../../xml/xml-node';
import { Dec } from '../common';
import { ExactSum } from './exact-sum';
import { XPathError } from './xpath-error';

/**
 * Number semantics of the EN 16931 CII rules, exact: untyped values cast like xs:double or
 * xs:decimal (kept as decimals), general comparisons, sums and the rules' rounding. A cast that
 * XPath would refuse throws {@link XPathError}.
 */

const DOUBLE_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const WS_TRIM = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/**
 * An untyped value cast to xs:double (what XPath does when an untyped value meets a number),
 * kept as an exact decimal; INF and NaN included. Throws where the cast fails.
 */
export function num(s: string): Decimal {
  const t = trimmed(s);
  if (DOUBLE_RE.test(t)) return new Dec(t);
  if (t === 'INF' || t === '+INF') return new Dec(Infinity);
  if (t === '-INF') return new Dec(-Infinity);
  if (t === 'NaN') return new Dec(NaN);
  throw new XPathError(`not a number: ${s}`);
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Trims XML whitespace, allocating only when there is some. */
export function trimmed(s: string): string {
  return s.length > 0 &&
    (isWs(s.charCodeAt(0)) || isWs(s.charCodeAt(s.length - 1)))
    ? s.replace(WS_TRIM, '')
    : s;
}

const ZERO_RE = /^[+-]?0*\.?0*(?:[eE][+-]?\d+)?$/;

/**
 * Sign of an untyped value cast to xs:double, exactly (no rounding): -1, 0, 1, or NaN; throws
 * where the cast fails. Used for comparisons with 0 without building a decimal.
 */
export function sign(s: string): number {
  const t = trimmed(s);
  if (DOUBLE_RE.test(t))
    return ZERO_RE.test(t) ? 0 : t.charCodeAt(0) === 0x2d ? -1 : 1;
  if (t === 'INF' || t === '+INF') return 1;
  if (t === '-INF') return -1;
  if (t === 'NaN') return NaN;
  throw new XPathError(`not a number: ${s}`);
}

/** General comparison of untyped nodes with 0, e.g. `ram:RateApplicablePercent > 0`. */
export function anyVsZero(
  items: readonly XmlElement[],
  op: '=' | '>' | '>=',
): boolean {
  for (const it of items) {
    const sg = sign(it.text);
    if (op === '=' ? sg === 0 : op === '>' ? sg > 0 : sg >= 0) return true;
  }
  return false;
}

/** XPath comparison operators. */
export type Cmp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** Compares two numbers like XPath (NaN compares false except with !=). */
export function cmp(a: Decimal, op: Cmp, b: Decimal.Value): boolean {
  switch (op) {
    case '=':
      return a.eq(b);
    case '!=':
      return !a.eq(b);
    case '<':
      return a.lt(b);
    case '<=':
      return a.lte(b);
    case '>':
      return a.gt(b);
    default:
      return a.gte(b);
  }
}

/** General comparison of untyped nodes with a number, e.g. `ram:RateApplicablePercent > 0`. */
export function anyNum(
  items: readonly XmlElement[],
  op: Cmp,
  value: Decimal.Value,
): boolean {
  for (const it of items) if (cmp(num(it.text), op, value)) return true;
  return false;
}

/** `xs:decimal(seq)`: undefined for the empty sequence, error for several items or a bad literal. */
export function dec(items: readonly XmlElement[]): Decimal | undefined {
  if (items.length === 0) return undefined;
  if (items.length > 1) throw new XPathError('xs:decimal of several items');
  const d = decimalOf((items[0] as XmlElement).text);
  if (d === undefined) throw new XPathError('not an xs:decimal');
  return d;
}

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** `xs:decimal(text)`, or undefined where the cast fails. */
export function decimalOf(text: string): Decimal | undefined {
  const t = trimmed(text);
  const m = DECIMAL_RE.exec(t);
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return undefined;
  return new Dec(t);
}

/**
 * Canonical text of `xs:decimal(text)` (no sign for zero, no leading or trailing zeros), so
 * equal decimals have equal keys; undefined where the cast fails.
 */
export function decimalKey(text: string): string | undefined {
  const m = DECIMAL_RE.exec(trimmed(text));
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return undefined;
  const intPart = (m[2] ?? '').replace(/^0+/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (intPart === '' && frac === '') return '0';
  return `${m[1] === '-' ? '-' : ''}${intPart === '' ? '0' : intPart}${frac === '' ? '' : `.${frac}`}`;
}

/** xs:decimal of one number (double to decimal): error for NaN and infinities. */
export function finite(d: Decimal): Decimal {
  if (!d.isFinite()) throw new XPathError('NaN or INF to xs:decimal');
  return d;
}

/** `sum(nodes)` over untyped nodes: each is cast to xs:double; `sum(())` is 0. Exact. */
export function sumNum(items: readonly XmlElement[]): Decimal {
  const exact = new ExactSum();
  let other: Decimal | undefined;
  for (const it of items) {
    // Plain decimals go to the fast exact sum; exponents, INF and NaN through a decimal.
    if (!exact.add(it.text)) other = (other ?? new Dec(0)).plus(num(it.text));
  }
  const total = exact.value();
  return other === undefined ? total : total.plus(other);
}

/** `sum(values)` of decimals. */
export function sumOf(values: readonly Decimal[]): Decimal {
  let total: Decimal = new Dec(0);
  for (const v of values) total = total.plus(v);
  return total;
}

/** XPath `round(x)`: halves go towards positive infinity. */
export function round0(d: Decimal): Decimal {
  return d.toDecimalPlaces(0, Decimal.ROUND_HALF_CEIL);
}

/** The rules' `round(x * 10 * 10) div 100`. */
export function round2(d: Decimal): Decimal {
  return d.toDecimalPlaces(2, Decimal.ROUND_HALF_CEIL);
}
