import {
  EAS_SCHEMES_DATA,
  ISO3166_COUNTRIES_DATA,
  ISO4217_CURRENCIES_DATA,
  ISO6523_ICD_DATA,
  UNCL1001_CREDIT_NOTE_DATA,
  UNCL1001_INVOICE_DATA,
  UNCL1153_REFERENCE_QUALIFIERS_DATA,
  UNCL4451_TEXT_SUBJECTS_DATA,
  UNCL4461_PAYMENT_MEANS_DATA,
  UNCL5189_ALLOWANCE_REASONS_DATA,
  UNCL5305_VAT_CATEGORIES_DATA,
  UNCL7143_ITEM_CLASSIFICATIONS_DATA,
  UNCL7161_CHARGE_REASONS_DATA,
  UNECE_UNITS_DATA,
  VAT_ID_PREFIXES_DATA,
  VATEX_CODES_DATA,
} from './code-lists.data';
import { normalizeSpaceText } from './xpath.util';

/**
 * An immutable code list. Two membership tests exist because the official rules use two idioms:
 * `has` is the usual "exactly one of the codes" check (`contains(' A B ', concat(' ', normalize-space(v), ' '))`
 * together with "no space inside"), `containsText` is the raw XPath `contains(' A B ', v)` substring test
 * that a few rules (BR-CL-08 on UBL notes, BR-CO-09) use without padding.
 */
export class CodeList {
  readonly codes: ReadonlySet<string>;
  /** The codes joined by single spaces with a leading and trailing space. */
  readonly padded: string;

  constructor(readonly name: string, data: string | readonly string[]) {
    const list = typeof data === 'string' ? data.split(/\s+/).filter((c) => c !== '') : [...data];
    this.codes = new Set(list);
    this.padded = ` ${list.join(' ')} `;
  }

  /** Exact membership of the value as written. */
  has(value: string): boolean {
    return this.codes.has(value);
  }

  /**
   * The official idiom for code-list rules: the whitespace-normalised value contains no space and is
   * one of the codes. An empty value is never a member.
   */
  hasNormalized(value: string): boolean {
    return this.codes.has(normalizeSpaceText(value));
  }

  /** XPath `contains(padded-list, value)`: true for any substring of the list text, including ''. */
  containsText(value: string): boolean {
    return this.padded.includes(value);
  }

  /** A new list with extra codes (e.g. a syntax that accepts a newer version of a list). */
  with(name: string, extra: readonly string[]): CodeList {
    return new CodeList(name, [...this.codes, ...extra]);
  }
}

/** UNTDID 1001 codes allowed as invoice type code (BT-3) on an invoice. */
export const UNCL1001_INVOICE = new CodeList('UNCL1001 invoice', UNCL1001_INVOICE_DATA);
/** UNTDID 1001 codes allowed as type code (BT-3) on a credit note. */
export const UNCL1001_CREDIT_NOTE = new CodeList('UNCL1001 credit note', UNCL1001_CREDIT_NOTE_DATA);
/** ISO 4217 currency codes. */
export const ISO4217_CURRENCIES = new CodeList('ISO 4217', ISO4217_CURRENCIES_DATA);
/** UNTDID 1153 reference qualifiers (scheme of the invoiced object identifier, BT-18-1). */
export const UNCL1153_REFERENCE_QUALIFIERS = new CodeList('UNCL1153', UNCL1153_REFERENCE_QUALIFIERS_DATA);
/** UNTDID 4451 text subject qualifiers (note subject code, BT-21), as in the EN 16931 UBL artefacts. */
export const UNCL4451_TEXT_SUBJECTS = new CodeList('UNCL4451', UNCL4451_TEXT_SUBJECTS_DATA);
/** ISO/IEC 6523 ICD schemes (party, legal, standard item and location identifiers). */
export const ISO6523_ICD = new CodeList('ISO 6523 ICD', ISO6523_ICD_DATA);
/** UNTDID 7143 item classification list identifiers (BT-158-1). */
export const UNCL7143_ITEM_CLASSIFICATIONS = new CodeList('UNCL7143', UNCL7143_ITEM_CLASSIFICATIONS_DATA);
/** ISO 3166-1 alpha-2 country codes as used by EN 16931 (with 1A and XI). */
export const ISO3166_COUNTRIES = new CodeList('ISO 3166-1', ISO3166_COUNTRIES_DATA);
/** Prefixes accepted at the start of a VAT identifier: the country codes plus EL (Greece). */
export const VAT_ID_PREFIXES = new CodeList('VAT prefixes', VAT_ID_PREFIXES_DATA);
/** UNTDID 4461 payment means codes (BT-81). */
export const UNCL4461_PAYMENT_MEANS = new CodeList('UNCL4461', UNCL4461_PAYMENT_MEANS_DATA);
/** UNTDID 5305 VAT category codes allowed by EN 16931. */
export const UNCL5305_VAT_CATEGORIES = new CodeList('UNCL5305', UNCL5305_VAT_CATEGORIES_DATA);
/** UNTDID 5189 allowance reason codes. */
export const UNCL5189_ALLOWANCE_REASONS = new CodeList('UNCL5189', UNCL5189_ALLOWANCE_REASONS_DATA);
/** UNTDID 7161 charge reason codes. */
export const UNCL7161_CHARGE_REASONS = new CodeList('UNCL7161', UNCL7161_CHARGE_REASONS_DATA);
/** CEF VATEX exemption reason codes (compared upper-cased by the rules). */
export const VATEX_CODES = new CodeList('VATEX', VATEX_CODES_DATA);
/** UN/ECE Recommendation 20 and 21 unit codes. */
export const UNECE_UNITS = new CodeList('UNECE Rec 20/21', UNECE_UNITS_DATA);
/** CEF Electronic Address Scheme codes (BT-34-1, BT-49-1). */
export const EAS_SCHEMES = new CodeList('EAS', EAS_SCHEMES_DATA);
/** UNTDID 2005 codes allowed as VAT point date code (BT-8). */
export const UNCL2005_VAT_DATE_CODES = new CodeList('UNCL2005 subset', ['3', '35', '432']);
/** MIME types allowed for attached documents (BT-125-1). */
export const ATTACHMENT_MIME_CODES = new CodeList('MIME', [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
]);
