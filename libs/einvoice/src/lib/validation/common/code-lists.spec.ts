import * as lists from './code-lists';
import { CodeList, ISO3166_COUNTRIES, ISO4217_CURRENCIES, UNCL4451_TEXT_SUBJECTS, UNECE_UNITS, VAT_ID_PREFIXES, VATEX_CODES } from './code-lists';

describe('code lists', () => {
  it('holds the published values', () => {
    expect(ISO4217_CURRENCIES.has('EUR')).toBe(true);
    expect(ISO4217_CURRENCIES.has('eur')).toBe(false);
    expect(ISO4217_CURRENCIES.codes.size).toBe(178);
    expect(ISO3166_COUNTRIES.has('XI')).toBe(true);
    expect(ISO3166_COUNTRIES.has('EL')).toBe(false);
    expect(VAT_ID_PREFIXES.has('EL')).toBe(true);
    expect(UNECE_UNITS.has('C62')).toBe(true);
    expect(UNECE_UNITS.has('XZZ')).toBe(true);
    expect(VATEX_CODES.has('VATEX-EU-AE')).toBe(true);
  });

  it('normalises whitespace but rejects inner spaces and empty values', () => {
    expect(ISO4217_CURRENCIES.hasNormalized('  EUR\n')).toBe(true);
    expect(ISO4217_CURRENCIES.hasNormalized('EUR USD')).toBe(false);
    expect(ISO4217_CURRENCIES.hasNormalized('')).toBe(false);
  });

  it('offers the raw substring test some rules use', () => {
    expect(VAT_ID_PREFIXES.containsText('')).toBe(true);
    expect(VAT_ID_PREFIXES.containsText('DE')).toBe(true);
    expect(VAT_ID_PREFIXES.containsText('E ')).toBe(true); // "...DE EC..." contains "E "
    expect(VAT_ID_PREFIXES.containsText('QQ')).toBe(false);
    expect(UNCL4451_TEXT_SUBJECTS.containsText('AAI')).toBe(true);
    expect(UNCL4451_TEXT_SUBJECTS.containsText('A A')).toBe(true);
  });

  it('can be extended', () => {
    const list = new CodeList('test', 'A B').with('test+', ['C']);
    expect([...list.codes]).toEqual(['A', 'B', 'C']);
  });
});

describe('code list sizes (guards against a damaged data file)', () => {
  it.each([
    [lists.UNCL1001_INVOICE, 50],
    [lists.UNCL1001_CREDIT_NOTE, 13],
    [lists.ISO4217_CURRENCIES, 178],
    [lists.UNCL1153_REFERENCE_QUALIFIERS, 818],
    [lists.UNCL4451_TEXT_SUBJECTS, 383],
    [lists.ISO6523_ICD, 243],
    [lists.UNCL7143_ITEM_CLASSIFICATIONS, 185],
    [lists.ISO3166_COUNTRIES, 251],
    [lists.VAT_ID_PREFIXES, 252],
    [lists.UNCL4461_PAYMENT_MEANS, 84],
    [lists.UNCL5305_VAT_CATEGORIES, 10],
    [lists.UNCL5189_ALLOWANCE_REASONS, 19],
    [lists.UNCL7161_CHARGE_REASONS, 178],
    [lists.VATEX_CODES, 88],
    [lists.UNECE_UNITS, 2162],
    [lists.EAS_SCHEMES, 104],
  ])('%# has the published number of codes, all well-formed', (list, size) => {
    expect(list.codes.size).toBe(size);
    for (const c of list.codes) expect(c).toMatch(/^[A-Za-z0-9][A-Za-z0-9-]*$/);
    expect(list.padded).not.toMatch(/ {2}/);
  });
});
