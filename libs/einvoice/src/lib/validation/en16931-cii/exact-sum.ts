import type Decimal from 'decimal.js';
import { Dec } from '../common';

const TEN = 10n;

/**
 * An exact running sum of xs:decimal lexical values, kept as a scaled BigInt: adding a line
 * amount costs a string-to-BigInt conversion instead of building a decimal object, which
 * matters for invoices with thousands of lines. Converted to a decimal once, at the end.
 */
export class ExactSum {
  private units = 0n;
  private scale = 0;

  /**
   * Adds the value of an xs:decimal literal (surrounding XML whitespace allowed); false, and
   * nothing added, when the text is not one.
   */
  add(text: string): boolean {
    let i = 0;
    let end = text.length;
    while (i < end && isWs(text.charCodeAt(i))) i++;
    while (end > i && isWs(text.charCodeAt(end - 1))) end--;
    let negative = false;
    const c0 = text.charCodeAt(i);
    if (c0 === 0x2d || c0 === 0x2b) {
      negative = c0 === 0x2d;
      i++;
    }
    const intStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    const intEnd = i;
    let fracStart = i;
    let fracEnd = i;
    if (i < end && text.charCodeAt(i) === 0x2e) {
      fracStart = ++i;
      while (i < end && isDigit(text.charCodeAt(i))) i++;
      fracEnd = i;
    }
    if (i !== end || (intEnd === intStart && fracEnd === fracStart))
      return false;
    const digits =
      text.slice(intStart, intEnd) + text.slice(fracStart, fracEnd);
    let v = BigInt(digits);
    if (negative) v = -v;
    const sc = fracEnd - fracStart;
    if (sc > this.scale) {
      this.units *= TEN ** BigInt(sc - this.scale);
      this.scale = sc;
    } else if (sc < this.scale) v *= TEN ** BigInt(this.scale - sc);
    this.units += v;
    return true;
  }

  /** The sum as an exact decimal. */
  value(): Decimal {
    const d = new Dec(this.units.toString());
    return this.scale === 0 ? d : d.div(new Dec(10).pow(this.scale));
  }
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
