import { Dec } from './decimal.util';

const DECIMAL_PARTS = /^[ \t\r\n]*([+-]?)(\d*)(?:\.(\d*))?[ \t\r\n]*$/;
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

interface Parts {
  readonly negative: boolean;
  readonly int: string;
  readonly frac: string;
}

/** Splits an xs:decimal literal; undefined when the text is not one. */
function parts(text: string): Parts | undefined {
  const m = DECIMAL_PARTS.exec(text);
  if (!m) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return undefined;
  return { negative: m[1] === '-', int, frac };
}

/**
 * The canonical form of an xs:decimal literal ('19.00' -> '19', '+07.50' -> '7.5', '-0' -> '0'), so
 * equal values give equal keys without building a Decimal. Undefined when the text is not a decimal.
 */
export function canonicalDecimal(text: string): string | undefined {
  const p = parts(text);
  if (!p) return undefined;
  const int = p.int.replace(/^0+/, '');
  const frac = p.frac.replace(/0+$/, '');
  if (int === '' && frac === '') return '0';
  return `${p.negative ? '-' : ''}${int === '' ? '0' : int}${frac === '' ? '' : `.${frac}`}`;
}

/**
 * An exact running sum of decimal literals. Typical invoice amounts are added as scaled safe integers
 * (no allocation); anything larger or finer falls back to arbitrary precision, so the result is
 * always exact.
 */
export class DecimalSum {
  private units = 0;
  private scale = 0;
  private big: Dec | undefined = undefined;

  /** Adds a literal; returns false (and adds nothing) when the text is not an xs:decimal. */
  add(text: string): boolean {
    if (this.big === undefined && this.addSmall(text)) return true;
    const p = parts(text);
    if (!p) return false;
    this.big = this.value().plus(new Dec(`${p.negative ? '-' : ''}${p.int || '0'}.${p.frac || '0'}`));
    this.units = 0;
    this.scale = 0;
    return true;
  }

  /**
   * Fast path without allocation: a plain literal of at most 15 digits added as a scaled integer.
   * Returns false when the literal needs the slow path (or is invalid: the slow path decides).
   */
  private addSmall(text: string): boolean {
    let i = 0;
    let end = text.length;
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    while (end > i && isSpace(text.charCodeAt(end - 1))) end--;
    let negative = false;
    const sign = text.charCodeAt(i);
    if (sign === 45 || sign === 43) {
      negative = sign === 45;
      i++;
    }
    let n = 0;
    let digits = 0;
    let frac = -1;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 46) {
        if (frac >= 0) return false;
        frac = 0;
      } else if (c >= 48 && c <= 57) {
        if (++digits > 15) return false;
        n = n * 10 + (c - 48);
        if (frac >= 0) frac++;
      } else {
        return false;
      }
    }
    if (digits === 0) return false;
    if (frac < 0) frac = 0;
    if (negative) n = -n;
    let units = this.units;
    let scale = this.scale;
    if (frac > scale) {
      units *= POW10[frac - scale] as number;
      scale = frac;
    } else if (frac < scale) {
      n *= POW10[scale - frac] as number;
    }
    const sum = units + n;
    if (!Number.isSafeInteger(units) || !Number.isSafeInteger(n) || !Number.isSafeInteger(sum)) return false;
    this.units = sum;
    this.scale = scale;
    return true;
  }

  /** Adds an exact value. */
  addDec(d: Dec): void {
    this.big = this.value().plus(d);
    this.units = 0;
    this.scale = 0;
  }

  /** The exact sum (0 when nothing was added). */
  value(): Dec {
    const small = this.units === 0 ? undefined : new Dec(`${this.units}e-${this.scale}`);
    if (this.big === undefined) return small ?? new Dec(0);
    return small === undefined ? this.big : this.big.plus(small);
  }
}
