import Decimal from 'decimal.js';
import { normalizeSpace } from '../../xml/query';
import { trimXml, xsDouble, type Dec } from '../common';

/**
 * XPath 2.0 functions the Peppol Schematron relies on that the shared helpers do not cover,
 * with the exact XPath semantics (whitespace, NaN, empty sequences, code points). Where XPath
 * would raise a dynamic error the helpers return a value that makes the test fail, and say so.
 */

const INTEGER_LEX = /^[+-]?\d+$/;

/** XPath `normalize-space` of an optional value (an absent node gives ''). */
export function nsp(s: string | undefined): string {
  return s === undefined ? '' : normalizeSpace(s);
}

/** XPath `number(s)`: the xs:double value, NaN when the text is not a number (or absent). */
export function xpNumber(s: string | undefined): number {
  if (s === undefined) return NaN;
  return xsDouble(s) ?? NaN;
}

/** `string(number(s)) != 'NaN'`. */
export function isNumeric(s: string | undefined): boolean {
  return !Number.isNaN(xpNumber(s));
}

/** `s castable as xs:integer`. */
export function castableInteger(s: string | undefined): boolean {
  return s !== undefined && INTEGER_LEX.test(trimXml(s));
}

/**
 * An untyped node compared with a number literal (`cbc:PaymentMeansCode = 58`): XPath casts the
 * node to xs:double. A value that cannot be cast raises an error in XPath; here it is unequal.
 */
export function numEq(s: string | undefined, n: number): boolean {
  return s !== undefined && xsDouble(s) === n;
}

/** XPath `substring(s, start, length?)`: 1-based code-point positions, rounded. */
export function substr(s: string | undefined, start: number, length?: number): string {
  if (s === undefined || s === '') return '';
  const from = Math.round(start);
  const to = length === undefined ? Infinity : from + Math.round(length);
  let out = '';
  let p = 1;
  for (const ch of s) {
    if (p >= to) break;
    if (p >= from) out += ch;
    p++;
  }
  return out;
}

/** XPath `tokenize(s, pattern)`: no tokens for '' input; separators at the ends give '' tokens. */
export function tokenize(s: string | undefined, sep: RegExp): string[] {
  if (s === undefined || s === '') return [];
  return s.split(sep);
}

/** `u:slack(exp, val, slack)`: exp - slack <= val <= exp + slack, exactly. */
export function withinSlack(exp: Dec, val: Dec, slack: Dec): boolean {
  // Same as exp + slack >= val and exp - slack <= val, with one exact subtraction.
  return exp.minus(val).abs().lte(slack);
}

/** XPath xs:decimal `div`: Saxon keeps at least 18 fraction digits. Undefined on division by zero. */
export function decDiv(a: Dec, b: Dec): Dec | undefined {
  if (b.isZero()) return undefined;
  return a.div(b).toDecimalPlaces(Math.max(18, a.decimalPlaces(), b.decimalPlaces()), Decimal.ROUND_HALF_DOWN);
}
