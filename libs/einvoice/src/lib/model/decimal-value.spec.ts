import Decimal from 'decimal.js';
import { DecimalValue } from './decimal-value';
import { kindOfTypeCode } from './code-lists';

describe('DecimalValue', () => {
  it('keeps the lexical form exactly (trimmed)', () => {
    expect(DecimalValue.of(' 100.50 ').text).toBe('100.50');
    expect(String(DecimalValue.of('1.000'))).toBe('1.000');
    expect(JSON.stringify({ a: DecimalValue.of('0.10') })).toBe('{"a":"0.10"}');
  });

  it('does exact arithmetic through decimal.js, never floats', () => {
    const sum = DecimalValue.of('0.1')
      .toDecimal()
      .plus(DecimalValue.of('0.2').toDecimal());
    expect(sum.toString()).toBe('0.3');
    expect(
      DecimalValue.fromDecimal(new Decimal('12345678901234567890.125'), 2).text,
    ).toBe('12345678901234567890.13');
  });

  it('compares numerically and validates the xs:decimal lexical space', () => {
    expect(DecimalValue.of('1.0').equals(DecimalValue.of('1'))).toBe(true);
    expect(DecimalValue.of('-.5').isValid()).toBe(true);
    expect(DecimalValue.of('1e3').isValid()).toBe(false);
    expect(DecimalValue.of('abc').isValid()).toBe(false);
    expect(DecimalValue.of('abc').equals(DecimalValue.of('abc'))).toBe(true);
  });
});

describe('kindOfTypeCode', () => {
  it('maps the credit note codes of UNTDID 1001 to credit-note', () => {
    expect(kindOfTypeCode('381')).toBe('credit-note');
    expect(kindOfTypeCode('396')).toBe('credit-note');
    expect(kindOfTypeCode('380')).toBe('invoice');
    expect(kindOfTypeCode('384')).toBe('invoice');
  });
});
