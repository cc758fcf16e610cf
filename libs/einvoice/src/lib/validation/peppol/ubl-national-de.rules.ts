import { NS, select } from '../../xml/query';
import type { XmlElement } from '../../xml/xml-node';
import { ibanValid } from './identifiers.util';
import { anyText, at, kid, kids, text } from './rule-context';
import type { UblDoc } from './ubl-doc';
import { nsp, numEq, tokenize } from './xpath.util';

/**
 * German national rules (DE-R-*, from XRechnung) for UBL; they apply when seller and buyer
 * addresses are both in Germany. DE-R-019/020 check IBANs with exact BigInt arithmetic.
 */

const { cbc: CBC, cac: CAC } = NS;

const DE_VAT_CODES = new Set(['S', 'Z', 'E', 'AE', 'K', 'G', 'L', 'M']);
const DE_TYPE_CODES = new Set(['326', '380', '384', '389', '381', '875', '876', '877']);
const SKONTO = /#(SKONTO)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#$/;
// XPath '.' matches anything but a line break, and \s is [ \t\n\r].
const SKONTO_ENTRY = /#[^\n\r]+#/;
const LINE_BREAK_FIRST = /^[ \t\n\r]*\n/;
const EMAIL =
  /^[a-zA-Z0-9!#$%&"*+/=?^_`{|}~-]+(\.[a-zA-Z0-9!#$%&"*+/=?^_`{|}~-]+)*@([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

/** Some child `name` with a non-blank value (`cbc:X[boolean(normalize-space(.))]`). */
function filled(el: XmlElement, name: string): boolean {
  return kids(el, CBC, name).some((c) => nsp(c.text) !== '');
}

/** Runs the German rules. */
export function runUblGermany(d: UblDoc): void {
  if (!d.germanDomestic || !(d.isInvoice || d.isCreditNote)) return;
  documentLevel(d);
  const root = d.root;
  for (const asp of kids(root, CAC, 'AccountingSupplierParty')) {
    d.check(select(asp, 'cac:Party/cac:Contact').length > 0, 'DE-R-002', 'fatal', asp, 'The seller contact group (BG-6) shall be provided.');
  }
  for (const address of select(root, 'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress')) {
    d.check(filled(address, 'CityName'), 'DE-R-003', 'fatal', address, 'The seller city (BT-37) shall be provided.');
    d.check(filled(address, 'PostalZone'), 'DE-R-004', 'fatal', address, 'The seller post code (BT-38) shall be provided.');
  }
  for (const contact of select(root, 'cac:AccountingSupplierParty/cac:Party/cac:Contact')) {
    d.check(filled(contact, 'Name'), 'DE-R-005', 'fatal', contact, 'The seller contact point (BT-41) shall be provided.');
    d.check(filled(contact, 'Telephone'), 'DE-R-006', 'fatal', contact, 'The seller contact telephone number (BT-42) shall be provided.');
    d.check(filled(contact, 'ElectronicMail'), 'DE-R-007', 'fatal', contact, 'The seller contact email address (BT-43) shall be provided.');
    const phoneDigits = nsp(text(kids(contact, CBC, 'Telephone'))).match(/[0-9]/g)?.length ?? 0;
    d.check(phoneDigits >= 3, 'DE-R-027', 'warning', contact, 'The seller contact telephone number (BT-42) should contain at least three digits.');
    d.check(
      EMAIL.test(nsp(text(kids(contact, CBC, 'ElectronicMail')))),
      'DE-R-028',
      'warning',
      contact,
      'The seller contact email address (BT-43) should be a valid email address.',
    );
  }
  for (const address of select(root, 'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress')) {
    d.check(filled(address, 'CityName'), 'DE-R-008', 'fatal', address, 'The buyer city (BT-52) shall be provided.');
    d.check(filled(address, 'PostalZone'), 'DE-R-009', 'fatal', address, 'The buyer post code (BT-53) shall be provided.');
  }
  for (const address of select(root, 'cac:Delivery/cac:DeliveryLocation/cac:Address')) {
    d.check(filled(address, 'CityName'), 'DE-R-010', 'fatal', address, 'The deliver-to city (BT-77) shall be provided when a delivery address (BG-15) is given.');
    d.check(filled(address, 'PostalZone'), 'DE-R-011', 'fatal', address, 'The deliver-to post code (BT-78) shall be provided when a delivery address (BG-15) is given.');
  }
  for (const pm of kids(root, CAC, 'PaymentMeans')) payment(d, pm);
  for (const subtotal of select(root, 'cac:TaxTotal/cac:TaxSubtotal')) {
    d.check(
      select(subtotal, 'cac:TaxCategory/cbc:Percent').some((p) => nsp(p.text) !== ''),
      'DE-R-014',
      'fatal',
      subtotal,
      'The VAT category rate (BT-119) shall be provided.',
    );
  }
}

function documentLevel(d: UblDoc): void {
  const root = d.root;
  d.check(kids(root, CAC, 'PaymentMeans').length > 0, 'DE-R-001', 'fatal', root, 'Payment instructions (BG-16) shall be provided.');
  d.check(filled(root, 'BuyerReference'), 'DE-R-015', 'fatal', root, 'The buyer reference (BT-10) shall be provided.');
  const acs = kids(root, CAC, 'AllowanceCharge');
  const categoryUsed = (indicator: string) =>
    acs.some((ac) => anyText(kids(ac, CBC, 'ChargeIndicator'), indicator) && select(ac, 'cac:TaxCategory/cbc:ID').some((id) => DE_VAT_CODES.has(id.text)));
  const lines = [...kids(root, CAC, 'InvoiceLine'), ...kids(root, CAC, 'CreditNoteLine')];
  const lineUsed = lines.some((l) => select(l, 'cac:Item/cac:ClassifiedTaxCategory/cbc:ID').some((id) => DE_VAT_CODES.has(id.text)));
  const sellerTaxId = select(root, 'cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID').some((c) => nsp(c.text) !== '');
  d.check(
    !(categoryUsed('false') || categoryUsed('true') || lineUsed) || kids(root, CAC, 'TaxRepresentativeParty').length > 0 || sellerTaxId,
    'DE-R-016',
    'fatal',
    root,
    'With VAT category S, Z, E, AE, K, G, L or M the seller VAT identifier (BT-31), tax registration (BT-32) or tax representative (BG-11) shall be given.',
  );
  const typeCodes = [...kids(root, CBC, 'InvoiceTypeCode'), ...kids(root, CBC, 'CreditNoteTypeCode')];
  d.check(
    typeCodes.some((c) => DE_TYPE_CODES.has(c.text)),
    'DE-R-017',
    'warning',
    root,
    'The invoice type code (BT-3) should be 326, 380, 384, 389, 381, 875, 876 or 877.',
  );
  d.check(skontoValid(root), 'DE-R-018', 'fatal', root, 'Cash discount terms in the payment terms (BT-20) shall follow the #SKONTO#TAGE=n#PROZENT=n.nn#[BASISBETRAG=n.nn#] format, each ending with a line break.');
  d.check(uniqueFilenames(root), 'DE-R-022', 'fatal', root, 'Attached documents (BT-125) shall have unique file names.');
  d.check(
    !typeCodes.some((c) => numEq(c.text, 384)) || select(root, 'cac:BillingReference/cac:InvoiceDocumentReference').length > 0,
    'DE-R-026',
    'warning',
    root,
    'A corrected invoice (384) should reference the preceding invoice (BG-3).',
  );
  const mandates = select(root, 'cac:PaymentMeans/cac:PaymentMandate');
  const sepa = (path: string) => select(root, path).some((id) => at(id, 'schemeID') === 'SEPA');
  d.check(
    mandates.length === 0 || sepa('cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID') || sepa('cac:PayeeParty/cac:PartyIdentification/cbc:ID'),
    'DE-R-030',
    'fatal',
    root,
    'With a direct debit (BG-19) the bank assigned creditor identifier (BT-90) shall be provided.',
  );
  d.check(
    mandates.length === 0 || select(root, 'cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID').length > 0,
    'DE-R-031',
    'fatal',
    root,
    'With a direct debit (BG-19) the debited account identifier (BT-91) shall be provided.',
  );
}

/** DE-R-018: every line of the first note of each payment terms that starts with '#' is a Skonto entry, and the entries end with a line break. */
function skontoValid(root: XmlElement): boolean {
  const notes = kids(root, CAC, 'PaymentTerms')
    .map((pt) => kid(pt, CBC, 'Note'))
    .filter((n): n is XmlElement => n !== undefined);
  const entries = notes.flatMap((n) => tokenize(n.text, /\r?\n/)).filter((line) => nsp(line).startsWith('#'));
  if (entries.length === 0) return true;
  const tails = notes.flatMap((n) => tokenize(n.text, SKONTO_ENTRY).slice(-1));
  // matches() on more than one note is an error in XPath: not valid.
  const endsWithBreak = tails.length === 1 && LINE_BREAK_FIRST.test(tails[0] as string);
  return endsWithBreak && entries.every((line) => SKONTO.test(nsp(line)));
}

/** DE-R-022: no attachment file name equals one of an earlier additional document reference. */
function uniqueFilenames(root: XmlElement): boolean {
  const seen = new Set<string>();
  for (const ref of kids(root, CAC, 'AdditionalDocumentReference')) {
    const names = select(ref, 'cac:Attachment/cbc:EmbeddedDocumentBinaryObject')
      .map((o) => at(o, 'filename'))
      .filter((n): n is string => n !== undefined);
    if (names.some((n) => seen.has(n))) return false;
    for (const n of names) seen.add(n);
  }
  return true;
}

function payment(d: UblDoc, pm: XmlElement): void {
  const codes = kids(pm, CBC, 'PaymentMeansCode');
  const coded = (...values: number[]) => codes.some((c) => values.some((v) => numEq(c.text, v)));
  const has = (name: string) => kids(pm, CAC, name).length > 0;
  // One Schematron rule per node: the first matching group of codes decides.
  if (coded(30, 58)) {
    d.check(
      !anyText(codes, '58') || ibanValid(text(select(pm, 'cac:PayeeFinancialAccount/cbc:ID')) ?? ''),
      'DE-R-019',
      'warning',
      pm,
      'With SEPA credit transfer (58) the payment account identifier (BT-84) should be a valid IBAN.',
    );
    d.check(has('PayeeFinancialAccount'), 'DE-R-023-1', 'fatal', pm, 'With credit transfer (30, 58) the credit transfer group (BG-17) shall be provided.');
    d.check(!has('CardAccount') && !has('PaymentMandate'), 'DE-R-023-2', 'fatal', pm, 'With credit transfer (30, 58) payment card (BG-18) and direct debit (BG-19) shall not be provided.');
  } else if (coded(48, 54, 55)) {
    d.check(has('CardAccount'), 'DE-R-024-1', 'fatal', pm, 'With payment card (48, 54, 55) the payment card group (BG-18) shall be provided.');
    d.check(
      !has('PayeeFinancialAccount') && !has('PaymentMandate'),
      'DE-R-024-2',
      'fatal',
      pm,
      'With payment card (48, 54, 55) credit transfer (BG-17) and direct debit (BG-19) shall not be provided.',
    );
  } else if (coded(59)) {
    d.check(
      !anyText(codes, '59') || ibanValid(text(select(pm, 'cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID')) ?? ''),
      'DE-R-020',
      'warning',
      pm,
      'With SEPA direct debit (59) the debited account identifier (BT-91) should be a valid IBAN.',
    );
    d.check(has('PaymentMandate'), 'DE-R-025-1', 'fatal', pm, 'With direct debit (59) the direct debit group (BG-19) shall be provided.');
    d.check(
      !has('PayeeFinancialAccount') && !has('CardAccount'),
      'DE-R-025-2',
      'fatal',
      pm,
      'With direct debit (59) credit transfer (BG-17) and payment card (BG-18) shall not be provided.',
    );
  }
}
