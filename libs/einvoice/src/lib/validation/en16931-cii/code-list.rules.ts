import type { XmlElement } from '../../xml/xml-node';
import {
  ATTACHMENT_MIME_CODES,
  type CodeList,
  EAS_SCHEMES,
  ISO4217_CURRENCIES,
  ISO6523_ICD,
  UNCL1153_REFERENCE_QUALIFIERS,
  UNCL4461_PAYMENT_MEANS,
  UNCL5189_ALLOWANCE_REASONS,
  UNCL5305_VAT_CATEGORIES,
  UNCL7143_ITEM_CLASSIFICATIONS,
  UNCL7161_CHARGE_REASONS,
  UNECE_UNITS,
  VATEX_CODES,
} from '../common';
import type { CiiDoc } from './cii-doc';
import {
  CII_COUNTRIES,
  CII_DOCUMENT_TYPES,
  CII_DUE_DATE_TYPES,
  CII_TEXT_SUBJECTS,
  CII_VAT_PREFIXES,
} from './cii-code-lists';
import {
  at,
  hasAncestor,
  indicatorMatches,
  is,
  RAM,
  RSM,
} from './cii-xpath.util';
import type { Reporter, Rule } from './rule-kit';
import { rules } from './rule-kit';

/** The EN 16931 code list rules as bound to CII (pattern EN16931-Codes). */
export const CODE_LIST_RULES = rules('fatal', {
  'BR-CL-01':
    'The document type code (BT-3) shall be coded by UNTDID 1001 (invoice and credit note codes of EN 16931).',
  'BR-CL-03': 'currencyID shall be coded using ISO 4217 alpha-3.',
  'BR-CL-04':
    'The invoice currency code (BT-5) shall be coded using ISO 4217 alpha-3.',
  'BR-CL-05':
    'The tax currency code (BT-6) shall be coded using ISO 4217 alpha-3.',
  'BR-CL-06':
    'The value added tax point date code (BT-8) shall be coded using UNTDID 2475 (5, 29 or 72).',
  'BR-CL-07':
    'The object identifier scheme (BT-18-1) shall be coded using UNTDID 1153.',
  'BR-CL-08':
    'The invoice note subject code (BT-21) shall be coded using UNTDID 4451.',
  'BR-CL-10':
    'Any identifier scheme shall be coded using the ISO/IEC 6523 ICD list.',
  'BR-CL-11':
    'Any registration identifier scheme shall be coded using the ISO/IEC 6523 ICD list.',
  'BR-CL-13':
    'The item classification identifier scheme (BT-158-1) shall be coded using UNTDID 7143.',
  'BR-CL-14': 'Country codes shall be coded using ISO 3166-1 alpha-2.',
  'BR-CL-15':
    'The country of origin code (BT-159) shall be coded using ISO 3166-1 alpha-2.',
  'BR-CL-16':
    'The payment means code (BT-81) shall be coded using UNTDID 4461.',
  'BR-CL-17':
    'The document level allowance or charge VAT category code (BT-95, BT-102) shall be coded using UNCL 5305.',
  'BR-CL-18':
    'The VAT category code (BT-118, BT-151) shall be coded using UNCL 5305.',
  'BR-CL-19':
    'The allowance reason code (BT-98, BT-140) shall be coded using UNCL 5189.',
  'BR-CL-20':
    'The charge reason code (BT-105, BT-145) shall be coded using UNCL 7161.',
  'BR-CL-21':
    'The item standard identifier scheme (BT-157-1) shall be coded using the ISO/IEC 6523 ICD list.',
  'BR-CL-22':
    'The VAT exemption reason code (BT-121) shall be coded using the CEF VATEX list.',
  'BR-CL-23':
    'The unit code (BT-130, BT-150) shall be coded using UN/ECE Recommendation 20 or 21.',
  'BR-CL-24':
    'The attachment mime code (BT-125-1) shall be application/pdf, image/png, image/jpeg, text/csv, xlsx or ods.',
  'BR-CL-25':
    'The electronic address scheme (BT-34-1, BT-49-1) shall be coded using the CEF EAS list.',
  'BR-CL-26':
    'The delivery location identifier scheme (BT-71-1) shall be coded using the ISO/IEC 6523 ICD list.',
});
const R = CODE_LIST_RULES;

/** The list behind each code-list rule (BR-CO-09 included), for the conformance cross-check. */
export const CODE_LISTS_BY_RULE: Readonly<Record<string, CodeList>> = {
  'BR-CL-01': CII_DOCUMENT_TYPES,
  'BR-CL-03': ISO4217_CURRENCIES,
  'BR-CL-04': ISO4217_CURRENCIES,
  'BR-CL-05': ISO4217_CURRENCIES,
  'BR-CL-06': CII_DUE_DATE_TYPES,
  'BR-CL-07': UNCL1153_REFERENCE_QUALIFIERS,
  'BR-CL-08': CII_TEXT_SUBJECTS,
  'BR-CL-10': ISO6523_ICD,
  'BR-CL-11': ISO6523_ICD,
  'BR-CL-13': UNCL7143_ITEM_CLASSIFICATIONS,
  'BR-CL-14': CII_COUNTRIES,
  'BR-CL-15': CII_COUNTRIES,
  'BR-CL-16': UNCL4461_PAYMENT_MEANS,
  'BR-CL-17': UNCL5305_VAT_CATEGORIES,
  'BR-CL-18': UNCL5305_VAT_CATEGORIES,
  'BR-CL-19': UNCL5189_ALLOWANCE_REASONS,
  'BR-CL-20': UNCL7161_CHARGE_REASONS,
  'BR-CL-21': ISO6523_ICD,
  'BR-CL-22': VATEX_CODES,
  'BR-CL-23': UNECE_UNITS,
  'BR-CL-24': ATTACHMENT_MIME_CODES,
  'BR-CL-25': EAS_SCHEMES,
  'BR-CL-26': ISO6523_ICD,
  'BR-CO-09': CII_VAT_PREFIXES,
};

/** The official code-list idiom: normalised value, no inner space, one of the codes. */
function inList(
  r: Reporter,
  rule: Rule,
  el: XmlElement,
  list: CodeList,
  value: string | undefined,
): void {
  r.ok(rule, el, list.hasNormalized(value ?? ''));
}

/** `ram:` names with a rule context in the code list pattern. */
export const CODE_NAMES: ReadonlySet<string> = new Set([
  'TypeCode',
  'TaxTotalAmount',
  'InvoiceCurrencyCode',
  'TaxCurrencyCode',
  'DueDateTypeCode',
  'ReferenceTypeCode',
  'SubjectCode',
  'GlobalID',
  'ID',
  'ClassCode',
  'CountryID',
  'CategoryCode',
  'ReasonCode',
  'ExemptionReasonCode',
  'BasisQuantity',
  'BilledQuantity',
  'AttachmentBinaryObject',
  'URIID',
]);

/**
 * Judges one element against the code list pattern; the first matching context wins, as in
 * Schematron (a `ram:OriginTradeCountry/ram:ID` with @schemeID is judged by BR-CL-11, not 15).
 */
export function codeListRules(doc: CiiDoc, r: Reporter, el: XmlElement): void {
  if (el.ns !== RAM) return;
  const p = el.parent;
  switch (el.local) {
    case 'TypeCode':
      if (is(p, RSM, 'ExchangedDocument'))
        return inList(r, R['BR-CL-01'], el, CII_DOCUMENT_TYPES, el.text);
      if (is(p, RAM, 'SpecifiedTradeSettlementPaymentMeans'))
        return inList(r, R['BR-CL-16'], el, UNCL4461_PAYMENT_MEANS, el.text);
      return;
    case 'TaxTotalAmount': {
      const cur = at(el, 'currencyID');
      if (cur !== undefined)
        inList(r, R['BR-CL-03'], el, ISO4217_CURRENCIES, cur);
      return;
    }
    case 'InvoiceCurrencyCode':
      return inList(r, R['BR-CL-04'], el, ISO4217_CURRENCIES, el.text);
    case 'TaxCurrencyCode':
      return inList(r, R['BR-CL-05'], el, ISO4217_CURRENCIES, el.text);
    case 'DueDateTypeCode':
      return inList(r, R['BR-CL-06'], el, CII_DUE_DATE_TYPES, el.text);
    case 'ReferenceTypeCode':
      return inList(
        r,
        R['BR-CL-07'],
        el,
        UNCL1153_REFERENCE_QUALIFIERS,
        el.text,
      );
    case 'SubjectCode':
      return inList(r, R['BR-CL-08'], el, CII_TEXT_SUBJECTS, el.text);
    case 'GlobalID': {
      const scheme = at(el, 'schemeID');
      if (scheme === undefined) return;
      if (
        !hasAncestor(el, doc.root, 'SpecifiedTradeProduct') &&
        !hasAncestor(el, doc.root, 'ShipToTradeParty')
      ) {
        return inList(r, R['BR-CL-10'], el, ISO6523_ICD, scheme);
      }
      if (is(p, RAM, 'SpecifiedTradeProduct'))
        return inList(r, R['BR-CL-21'], el, ISO6523_ICD, scheme);
      // A fresh read: the type guard above narrowed `p` to undefined.
      const shipTo = el.parent;
      if (
        is(shipTo, RAM, 'ShipToTradeParty') &&
        is(shipTo.parent, RAM, 'ApplicableHeaderTradeDelivery')
      ) {
        return inList(r, R['BR-CL-26'], el, ISO6523_ICD, scheme);
      }
      return;
    }
    case 'ID': {
      const scheme = at(el, 'schemeID');
      if (
        scheme !== undefined &&
        !hasAncestor(el, doc.root, 'SpecifiedTaxRegistration')
      ) {
        return inList(r, R['BR-CL-11'], el, ISO6523_ICD, scheme);
      }
      if (is(p, RAM, 'OriginTradeCountry'))
        return inList(r, R['BR-CL-15'], el, CII_COUNTRIES, el.text);
      return;
    }
    case 'ClassCode': {
      const list = at(el, 'listID');
      if (list !== undefined)
        inList(r, R['BR-CL-13'], el, UNCL7143_ITEM_CLASSIFICATIONS, list);
      return;
    }
    case 'CountryID':
      return inList(r, R['BR-CL-14'], el, CII_COUNTRIES, el.text);
    case 'CategoryCode':
      if (is(p, RAM, 'CategoryTradeTax'))
        return inList(r, R['BR-CL-17'], el, UNCL5305_VAT_CATEGORIES, el.text);
      if (is(p, RAM, 'ApplicableTradeTax'))
        return inList(r, R['BR-CL-18'], el, UNCL5305_VAT_CATEGORIES, el.text);
      return;
    case 'ReasonCode':
      if (!is(p, RAM, 'SpecifiedTradeAllowanceCharge')) return;
      if (indicatorMatches(p, false))
        return inList(
          r,
          R['BR-CL-19'],
          el,
          UNCL5189_ALLOWANCE_REASONS,
          el.text,
        );
      if (indicatorMatches(p, true))
        return inList(r, R['BR-CL-20'], el, UNCL7161_CHARGE_REASONS, el.text);
      return;
    case 'ExemptionReasonCode':
      // Compared upper-cased: 'vatex-eu-132-1a' is accepted.
      return inList(r, R['BR-CL-22'], el, VATEX_CODES, el.text.toUpperCase());
    case 'BasisQuantity':
    case 'BilledQuantity': {
      const unit = at(el, 'unitCode');
      if (unit !== undefined) inList(r, R['BR-CL-23'], el, UNECE_UNITS, unit);
      return;
    }
    case 'AttachmentBinaryObject': {
      const mime = at(el, 'mimeCode');
      if (mime !== undefined)
        r.ok(R['BR-CL-24'], el, ATTACHMENT_MIME_CODES.has(mime));
      return;
    }
    case 'URIID': {
      const scheme = at(el, 'schemeID');
      if (scheme !== undefined && is(p, RAM, 'URIUniversalCommunication'))
        inList(r, R['BR-CL-25'], el, EAS_SCHEMES, scheme);
      return;
    }
    default:
      return;
  }
}
