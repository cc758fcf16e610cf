import { NS } from '../../xml/query';
import { isXsDate, stringLength } from '../common';
import {
  EAS_CODES,
  PEPPOL_CURRENCY_CODES,
  PEPPOL_MIME_CODES,
  PROFILE01_CREDIT_NOTE_TYPES,
  PROFILE01_INVOICE_TYPES,
  UNCL2005_PERIOD_CODES,
  UNCL5189_ALLOWANCE_REASONS,
  UNCL7161_CHARGE_REASONS,
} from './code-lists';
import { checkIdentifier } from './identifier.rules';
import { anyText, at, kids, parentIs, text } from './rule-context';
import { UBL_AMOUNT_NAMES } from './ubl-core.rules';
import type { UblDoc } from './ubl-doc';
import { nsp } from './xpath.util';

/**
 * Peppol restricted code lists and formats for UBL (PEPPOL-EN16931-CL0xx, P01xx, F001) and the
 * identifier checks (PEPPOL-COMMON-R04x/R050).
 */

const { cbc: CBC, cac: CAC } = NS;

const DATE_NAMES = ['IssueDate', 'DueDate', 'TaxPointDate', 'StartDate', 'EndDate', 'ActualDeliveryDate'] as const;

/** Exemption reason code -> the only VAT category it may be used with (P0104..P0111). */
const EXEMPTION_CATEGORY: ReadonlyMap<string, readonly [rule: string, category: string]> = new Map([
  ['VATEX-EU-G', ['PEPPOL-EN16931-P0104', 'G']],
  ['VATEX-EU-O', ['PEPPOL-EN16931-P0105', 'O']],
  ['VATEX-EU-IC', ['PEPPOL-EN16931-P0106', 'K']],
  ['VATEX-EU-AE', ['PEPPOL-EN16931-P0107', 'AE']],
  ['VATEX-EU-D', ['PEPPOL-EN16931-P0108', 'E']],
  ['VATEX-EU-F', ['PEPPOL-EN16931-P0109', 'E']],
  ['VATEX-EU-I', ['PEPPOL-EN16931-P0110', 'E']],
  ['VATEX-EU-J', ['PEPPOL-EN16931-P0111', 'E']],
]);

/** Runs the UBL code-list, format and identifier rules. */
export function runUblCodes(d: UblDoc): void {
  for (const el of d.all(CBC, 'EmbeddedDocumentBinaryObject')) {
    const mime = at(el, 'mimeCode');
    if (mime !== undefined) {
      d.check(PEPPOL_MIME_CODES.has(mime), 'PEPPOL-EN16931-CL001', 'fatal', el, 'Attachment MIME code MUST be one of the Peppol subset of IANA media types.');
    }
  }
  for (const el of d.all(CBC, 'AllowanceChargeReasonCode')) {
    if (!parentIs(el, CAC, 'AllowanceCharge')) continue;
    const indicators = kids(el.parent, CBC, 'ChargeIndicator');
    if (anyText(indicators, 'false')) {
      d.check(UNCL5189_ALLOWANCE_REASONS.has(nsp(el.text)), 'PEPPOL-EN16931-CL002', 'fatal', el, 'Allowance reason code MUST be from the Peppol subset of UNCL 5189.');
    } else if (anyText(indicators, 'true')) {
      d.check(UNCL7161_CHARGE_REASONS.has(nsp(el.text)), 'PEPPOL-EN16931-CL003', 'fatal', el, 'Charge reason code MUST be from UNCL 7161.');
    }
  }
  for (const el of d.all(CBC, 'DescriptionCode')) {
    if (parentIs(el, CAC, 'InvoicePeriod')) {
      d.check(UNCL2005_PERIOD_CODES.has(nsp(el.text)), 'PEPPOL-EN16931-CL006', 'fatal', el, 'Invoice period description code (BT-8) MUST be from the UNCL 2005 subset (3, 35, 432).');
    }
  }
  for (const name of [...UBL_AMOUNT_NAMES, 'TaxAmount']) {
    for (const el of d.all(CBC, name)) {
      const cur = at(el, 'currencyID');
      d.check(cur !== undefined && PEPPOL_CURRENCY_CODES.has(cur), 'PEPPOL-EN16931-CL007', 'fatal', el, 'Currency code MUST be from ISO 4217.');
    }
  }
  for (const el of d.all(CBC, 'InvoiceTypeCode')) {
    const code = nsp(el.text);
    d.check(d.profile !== '01' || PROFILE01_INVOICE_TYPES.has(code), 'PEPPOL-EN16931-P0100', 'fatal', el, 'Invoice type code (BT-3) MUST be allowed in the business process.');
    d.check(
      !(code === '326' || code === '384') || d.germanDomestic,
      'PEPPOL-EN16931-P0112',
      'fatal',
      el,
      'Invoice type codes 326 and 384 are only allowed when seller and buyer are both German.',
    );
  }
  for (const el of d.all(CBC, 'CreditNoteTypeCode')) {
    d.check(
      d.profile !== '01' || PROFILE01_CREDIT_NOTE_TYPES.has(nsp(el.text)),
      'PEPPOL-EN16931-P0101',
      'fatal',
      el,
      'Credit note type code (BT-3) MUST be allowed in the business process.',
    );
  }
  for (const name of DATE_NAMES) {
    for (const el of d.all(CBC, name)) {
      d.check(stringLength(el.text) === 10 && isXsDate(el.text), 'PEPPOL-EN16931-F001', 'fatal', el, 'A date MUST be formatted YYYY-MM-DD.');
    }
  }
  for (const el of d.all(CBC, 'EndpointID')) {
    const scheme = at(el, 'schemeID');
    if (scheme !== undefined) {
      d.check(EAS_CODES.has(scheme), 'PEPPOL-EN16931-CL008', 'fatal', el, 'Electronic address scheme MUST be from the Electronic Address Scheme (EAS) code list.');
    }
    checkIdentifier(d, el, 'endpoint', 'ubl');
  }
  for (const el of d.all(CBC, 'ID')) if (parentIs(el, CAC, 'PartyIdentification')) checkIdentifier(d, el, 'party', 'ubl');
  for (const el of d.all(CBC, 'CompanyID')) checkIdentifier(d, el, 'party', 'ubl');
  for (const cat of d.all(CAC, 'TaxCategory')) {
    const reason = text(kids(cat, CBC, 'TaxExemptionReasonCode'));
    if (reason === undefined) continue;
    const expected = EXEMPTION_CATEGORY.get(reason.toUpperCase());
    if (!expected) continue;
    const [rule, category] = expected;
    d.check(nsp(text(kids(cat, CBC, 'ID'))) === category, rule, 'fatal', cat, `VAT category code MUST be '${category}' when the exemption reason code is ${reason.toUpperCase()}.`);
  }
}
