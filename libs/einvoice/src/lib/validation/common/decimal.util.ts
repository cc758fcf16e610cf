import Decimal from 'decimal.js';
import { trimXml } from './xpath.util';

/**
 * Decimal class for money and percentages: a private clone with enough precision that sums and
 * products of invoice amounts are exact (the global Decimal default of 20 digits is not).
 */
export const Dec = Decimal.clone({ precision: 100, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });
/** An exact decimal value. */
export type Dec = Decimal;

/** Zero, shared. */
export const ZERO: Dec = new Dec(0);

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Cast to xs:decimal: optional sign, digits with an optional fraction, surrounding whitespace allowed,
 * no exponent. `undefined` where XPath raises an error (empty, exponent, letters, ...).
 */
export function xsDecimal(s: string): Dec | undefined {
  const t = trimXml(s);
  return DECIMAL_RE.test(t) ? new Dec(t) : undefined;
}

/** True when the text is a valid xs:decimal literal. */
export function isXsDecimal(s: string): boolean {
  return DECIMAL_RE.test(trimXml(s));
}

/**
 * XPath `fn:round` on a decimal: nearest integer, halves towards positive infinity
 * (round(2.5) = 3, round(-2.5) = -2).
 */
export function xpathRound(d: Dec): Dec {
  return d.toDecimalPlaces(0, Decimal.ROUND_HALF_CEIL);
}

/**
 * `round(x * 10 * 10) div 100`, the rules' "round to 2 decimals": halves go towards positive infinity
 * (1.005 -> 1.01, -1.005 -> -1.00).
 */
export function round2(d: Dec): Dec {
  return d.toDecimalPlaces(2, Decimal.ROUND_HALF_CEIL);
}

/** Sum of decimals; XPath `sum(())` is 0. */
export function sumDec(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
