import type { XmlElement } from '../../xml/xml-node';
import {
  ATTACHMENT_MIME_CODES,
  type CodeList,
  EAS_SCHEMES,
  ISO3166_COUNTRIES,
  ISO4217_CURRENCIES,
  ISO6523_ICD,
  UNCL1001_CREDIT_NOTE,
  UNCL1001_INVOICE,
  UNCL1153_REFERENCE_QUALIFIERS,
  UNCL2005_VAT_DATE_CODES,
  UNCL4451_TEXT_SUBJECTS,
  UNCL4461_PAYMENT_MEANS,
  UNCL5189_ALLOWANCE_REASONS,
  UNCL5305_VAT_CATEGORIES,
  UNCL7143_ITEM_CLASSIFICATIONS,
  UNCL7161_CHARGE_REASONS,
  UNECE_UNITS,
  VATEX_CODES,
} from '../common/code-lists';
import { normalizeSpaceText, stringLength, substringAfter, substringBefore, upperCase } from '../common/xpath.util';
import { CAC, type UblIndex, attr, cbcs, chargeIndicatorIs } from './ubl-index';

/** Amount elements whose currencyID must be an ISO 4217 code (BR-CL-03). */
const AMOUNT_NAMES = [
  'Amount',
  'BaseAmount',
  'PriceAmount',
  'TaxAmount',
  'TaxableAmount',
  'LineExtensionAmount',
  'TaxExclusiveAmount',
  'TaxInclusiveAmount',
  'AllowanceTotalAmount',
  'ChargeTotalAmount',
  'PrepaidAmount',
  'PayableRoundingAmount',
  'PayableAmount',
];

/** Checks an attribute-valued code: the context only matches when the attribute exists. */
function attrCode(ix: UblIndex, els: readonly XmlElement[], name: string, list: CodeList, rule: string, message: string, parentLocal?: string): void {
  for (const el of els) {
    if (parentLocal !== undefined && !(el.parent?.local === parentLocal && el.parent.ns === CAC)) continue;
    const value = attr(el, name);
    if (value === undefined) continue;
    ix.check(list.hasNormalized(value), rule, el, message);
  }
}

/** Checks an element-valued code. */
function textCode(ix: UblIndex, els: readonly XmlElement[], list: CodeList, rule: string, message: string, parentLocal?: string): void {
  for (const el of els) {
    if (parentLocal !== undefined && !(el.parent?.local === parentLocal && el.parent.ns === CAC)) continue;
    ix.check(list.hasNormalized(el.text), rule, el, message);
  }
}

/** BR-CL-01..26: code list membership. */
export function codeListRules(ix: UblIndex): void {
  for (const el of ix.named('cbc:InvoiceTypeCode')) {
    ix.check(UNCL1001_INVOICE.hasNormalized(el.text), 'BR-CL-01', el, 'The document type code (BT-3) shall be coded by the invoice and credit note related code lists of UNTDID 1001.');
  }
  for (const el of ix.named('cbc:CreditNoteTypeCode')) {
    ix.check(UNCL1001_CREDIT_NOTE.hasNormalized(el.text), 'BR-CL-01', el, 'The document type code (BT-3) shall be coded by the invoice and credit note related code lists of UNTDID 1001.');
  }
  for (const local of AMOUNT_NAMES) {
    for (const el of ix.named(`cbc:${local}`)) {
      ix.check(ISO4217_CURRENCIES.hasNormalized(attr(el, 'currencyID') ?? ''), 'BR-CL-03', el, 'currencyID shall be coded using ISO 4217 alpha-3.');
    }
  }
  textCode(ix, ix.named('cbc:DocumentCurrencyCode'), ISO4217_CURRENCIES, 'BR-CL-04', 'Invoice currency code (BT-5) shall be coded using ISO 4217 alpha-3.');
  textCode(ix, ix.named('cbc:TaxCurrencyCode'), ISO4217_CURRENCIES, 'BR-CL-05', 'Tax currency code (BT-6) shall be coded using ISO 4217 alpha-3.');
  textCode(ix, ix.named('cbc:DescriptionCode'), UNCL2005_VAT_DATE_CODES, 'BR-CL-06', 'Value added tax point date code (BT-8) shall be 3, 35 or 432 of UNTDID 2005.', 'InvoicePeriod');
  for (const id of ix.named('cbc:ID')) {
    const p = id.parent;
    if (!p || p.ns !== CAC) continue;
    if (p.local === 'TaxCategory') {
      ix.check(UNCL5305_VAT_CATEGORIES.hasNormalized(id.text), 'BR-CL-17', id, 'Invoice tax categories shall be coded using UNCL5305.');
      continue;
    }
    if (p.local === 'ClassifiedTaxCategory') {
      ix.check(UNCL5305_VAT_CATEGORIES.hasNormalized(id.text), 'BR-CL-18', id, 'Invoice tax categories shall be coded using UNCL5305.');
      continue;
    }
    const scheme = attr(id, 'schemeID');
    if (scheme === undefined) continue;
    switch (p.local) {
      case 'AdditionalDocumentReference':
      case 'DocumentReference':
        // Predicate [cbc:DocumentTypeCode = '130'] compares the raw string value.
        if (cbcs(p, 'DocumentTypeCode').some((c) => c.text === '130')) {
          ix.check(UNCL1153_REFERENCE_QUALIFIERS.hasNormalized(scheme), 'BR-CL-07', id, 'Object identifier identification scheme identifier (BT-18-1) shall be coded using a code from UNTDID 1153.');
        }
        break;
      case 'PartyIdentification': {
        const ok = ISO6523_ICD.hasNormalized(scheme) || (normalizeSpaceText(scheme) === 'SEPA' && hasAncestor(id, ix.root, ['AccountingSupplierParty', 'PayeeParty']));
        ix.check(ok, 'BR-CL-10', id, 'Any identifier identification scheme identifier shall be coded using one of the ISO 6523 ICD list.');
        break;
      }
      case 'StandardItemIdentification':
        ix.check(ISO6523_ICD.hasNormalized(scheme), 'BR-CL-21', id, 'Item standard identifier scheme identifier (BT-157-1) shall be coded using one of the ISO 6523 ICD list.');
        break;
      case 'DeliveryLocation':
        ix.check(ISO6523_ICD.hasNormalized(scheme), 'BR-CL-26', id, 'Delivery location identifier scheme identifier (BT-71-1) shall be coded using one of the ISO 6523 ICD list.');
        break;
    }
  }
  attrCode(ix, ix.named('cbc:CompanyID'), 'schemeID', ISO6523_ICD, 'BR-CL-11', 'Any registration identifier identification scheme identifier shall be coded using one of the ISO 6523 ICD list.', 'PartyLegalEntity');
  attrCode(ix, ix.named('cbc:ItemClassificationCode'), 'listID', UNCL7143_ITEM_CLASSIFICATIONS, 'BR-CL-13', 'Item classification identifier scheme identifier (BT-158-1) shall be coded using one of the UNTDID 7143 list.', 'CommodityClassification');
  textCode(ix, ix.named('cbc:IdentificationCode'), ISO3166_COUNTRIES, 'BR-CL-14', 'Country codes in an invoice shall be coded using ISO 3166-1.', 'Country');
  textCode(ix, ix.named('cbc:IdentificationCode'), ISO3166_COUNTRIES, 'BR-CL-15', 'Country codes in an invoice shall be coded using ISO 3166-1.', 'OriginCountry');
  textCode(ix, ix.named('cbc:PaymentMeansCode'), UNCL4461_PAYMENT_MEANS, 'BR-CL-16', 'Payment means in an invoice shall be coded using UNCL4461.', 'PaymentMeans');
  for (const code of ix.named('cbc:AllowanceChargeReasonCode')) {
    const ac = code.parent;
    if (!ac || ac.local !== 'AllowanceCharge' || ac.ns !== CAC) continue;
    if (chargeIndicatorIs(ac, false)) {
      ix.check(UNCL5189_ALLOWANCE_REASONS.hasNormalized(code.text), 'BR-CL-19', code, 'Coded allowance reasons shall belong to the UNCL 5189 code list.');
    }
    if (chargeIndicatorIs(ac, true)) {
      ix.check(UNCL7161_CHARGE_REASONS.hasNormalized(code.text), 'BR-CL-20', code, 'Coded charge reasons shall belong to the UNCL 7161 code list.');
    }
  }
  for (const code of ix.named('cbc:TaxExemptionReasonCode')) {
    // The "no space" test is on the value as written, the membership test on its upper-case form.
    const ok = !normalizeSpaceText(code.text).includes(' ') && VATEX_CODES.has(normalizeSpaceText(upperCase(code.text)));
    ix.check(ok, 'BR-CL-22', code, 'Tax exemption reason code identifier scheme identifier shall belong to the CEF VATEX code list.');
  }
  for (const local of ['InvoicedQuantity', 'BaseQuantity', 'CreditedQuantity']) {
    attrCode(ix, ix.named(`cbc:${local}`), 'unitCode', UNECE_UNITS, 'BR-CL-23', 'Unit code shall be coded according to the UN/ECE Recommendation 20 with Rec 21 extension.');
  }
  for (const el of ix.named('cbc:EmbeddedDocumentBinaryObject')) {
    const mime = attr(el, 'mimeCode');
    if (mime === undefined) continue;
    ix.check(ATTACHMENT_MIME_CODES.has(mime), 'BR-CL-24', el, 'For mime code in attribute use MIMEMediaType.');
  }
  attrCode(ix, ix.named('cbc:EndpointID'), 'schemeID', EAS_SCHEMES, 'BR-CL-25', 'Endpoint identifier scheme identifier shall belong to the CEF EAS code list.');
  if (ix.isUblRoot) {
    for (const note of cbcs(ix.root, 'Note')) {
      // #CODE#: a 3-character subject code between the first two '#' must be a UNTDID 4451 code
      // (raw substring test of the list, as the rule does).
      const text = note.text;
      const subject = substringBefore(substringAfter(text, '#'), '#');
      const ok = !text.includes('#') || stringLength(subject) !== 3 || UNCL4451_TEXT_SUBJECTS.containsText(subject);
      ix.check(ok, 'BR-CL-08', note, 'Invoiced note subject code shall be coded using UNCL4451.');
    }
  }
}

function hasAncestor(el: XmlElement, root: XmlElement, locals: readonly string[]): boolean {
  for (let p = el.parent; p; p = p === root ? undefined : p.parent) {
    if (p.ns === CAC && locals.includes(p.local)) return true;
  }
  return false;
}
