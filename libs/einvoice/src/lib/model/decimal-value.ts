import Decimal from 'decimal.js';

/**
 * A decimal number kept as the exact text it was written with (e.g. `"100.50"`).
 *
 * Money must never pass through a JS `number`: the model stores the lexical form so a
 * read → write round trip reproduces the document byte for byte, and arithmetic goes
 * through decimal.js (`toDecimal()`), which is exact. The text is not validated on
 * construction because readers must accept the broken fragments validation rules judge;
 * use `isValid()` before arithmetic on untrusted input.
 */
export class DecimalValue {
  private constructor(
    /** The decimal exactly as written, trimmed of surrounding whitespace. */
    readonly text: string,
  ) {}

  /** Wraps the lexical form of a decimal (whitespace trimmed, otherwise kept as is). */
  static of(text: string): DecimalValue {
    return new DecimalValue(text.trim());
  }

  /** From an exact decimal.js value; `decimalPlaces` fixes the scale (e.g. 2 for money). */
  static fromDecimal(value: Decimal, decimalPlaces?: number): DecimalValue {
    return new DecimalValue(
      decimalPlaces === undefined
        ? value.toFixed()
        : value.toFixed(decimalPlaces),
    );
  }

  /** True when the text is an xs:decimal (optional sign, digits, optional fraction). */
  isValid(): boolean {
    return DECIMAL_LEXICAL.test(this.text);
  }

  /** Exact value; throws on a text that is not a decimal. */
  toDecimal(): Decimal {
    return new Decimal(this.text);
  }

  /** Numeric equality (`"1.0"` equals `"1"`); false when either side is not a decimal. */
  equals(other: DecimalValue): boolean {
    if (!this.isValid() || !other.isValid()) return this.text === other.text;
    return this.toDecimal().equals(other.toDecimal());
  }

  toString(): string {
    return this.text;
  }

  toJSON(): string {
    return this.text;
  }
}

/** xs:decimal lexical space (no exponent, no NaN). Compiled once. */
const DECIMAL_LEXICAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A monetary amount in the document's currency unless stated otherwise (EN 16931 "Amount"). */
export type Amount = DecimalValue;
/** A unit price amount (EN 16931 "Unit price amount"; may have more decimals than money). */
export type UnitPriceAmount = DecimalValue;
/** A quantity (EN 16931 "Quantity"). */
export type Quantity = DecimalValue;
/** A percentage, 0–100 scale (EN 16931 "Percentage"). */
export type Percentage = DecimalValue;
