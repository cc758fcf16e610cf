import type { XmlElement } from '../../xml/xml-node';
import { decimalsAfterPoint, upperCase } from '../common/xpath.util';
import { CAC, CBC, type UblIndex, attr, cacs, cbc, cbcs, chargeIndicatorIs, count, sel } from './ubl-index';

/** `count(path) <= max` checks on the root: [rule, path, what]. */
const ROOT_COUNTS: readonly (readonly [string, string, string])[] = [
  ['UBL-SR-01', 'cac:ContractDocumentReference/cbc:ID', 'contract identifier'],
  ['UBL-SR-02', 'cac:ReceiptDocumentReference/cbc:ID', 'receive advice identifier'],
  ['UBL-SR-03', 'cac:DespatchDocumentReference/cbc:ID', 'despatch advice identifier'],
  ['UBL-SR-05', 'cac:PaymentTerms/cbc:Note', 'payment terms'],
  ['UBL-SR-08', 'cac:InvoicePeriod', 'invoice period'],
  ['UBL-SR-09', 'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName', 'seller name'],
  ['UBL-SR-10', 'cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name', 'seller trade name'],
  ['UBL-SR-11', 'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID', 'seller legal registration identifier'],
  ['UBL-SR-14', 'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalForm', 'seller additional legal information'],
  ['UBL-SR-15', 'cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName', 'buyer name'],
  ['UBL-SR-16', 'cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID', 'buyer identifier'],
  ['UBL-SR-17', 'cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID', 'buyer legal registration identifier'],
  ['UBL-SR-24', 'cac:Delivery', 'deliver to information'],
  ['UBL-SR-39', 'cac:ProjectReference/cbc:ID', 'project reference'],
  ['UBL-SR-40', 'cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name', 'buyer trade name'],
  ['UBL-SR-45', 'cac:PaymentMeans/cbc:PaymentDueDate', 'due date'],
  ['UBL-SR-49', 'cac:InvoicePeriod/cbc:DescriptionCode', 'value added tax point date code'],
  ['UBL-SR-54', 'cac:PaymentMeans/cac:CardAccount', 'card account'],
  ['UBL-SR-55', 'cac:PaymentMeans/cac:PaymentMandate', 'mandate'],
  ['UBL-SR-56', 'cac:OriginatorDocumentReference/cbc:ID', 'tender or lot reference'],
];

/** Attributes EN 16931 does not use anywhere (UBL-DT-08..28 except 18). */
const FORBIDDEN_ATTRIBUTES: readonly (readonly [string, string])[] = [
  ['UBL-DT-08', 'schemeName'],
  ['UBL-DT-09', 'schemeAgencyName'],
  ['UBL-DT-10', 'schemeDataURI'],
  ['UBL-DT-11', 'schemeURI'],
  ['UBL-DT-12', 'format'],
  ['UBL-DT-13', 'unitCodeListIdentifier'],
  ['UBL-DT-14', 'unitCodeListAgencyIdentifier'],
  ['UBL-DT-15', 'unitCodeListAgencyName'],
  ['UBL-DT-16', 'listAgencyName'],
  ['UBL-DT-17', 'listName'],
  ['UBL-DT-19', 'languageID'],
  ['UBL-DT-20', 'listURI'],
  ['UBL-DT-21', 'listSchemeURI'],
  ['UBL-DT-22', 'languageLocaleID'],
  ['UBL-DT-23', 'uri'],
  ['UBL-DT-24', 'currencyCodeListVersionID'],
  ['UBL-DT-25', 'characterSetCode'],
  ['UBL-DT-26', 'encodingCode'],
  ['UBL-DT-27', 'schemeAgencyID'],
  ['UBL-DT-28', 'listAgencyID'],
];

const isVatUpper = (pts: XmlElement) => cacs(pts, 'TaxScheme').some((ts) => upperCase(cbc(ts, 'ID')?.text ?? '') === 'VAT');
const isNonVatUpper = (pts: XmlElement) => cacs(pts, 'TaxScheme').some((ts) => upperCase(cbc(ts, 'ID')?.text ?? '') !== 'VAT');

/** Count of distinct string values (`count(//x[not(preceding::x/. = .)])`). */
function distinct(els: readonly XmlElement[]): number {
  return new Set(els.map((e) => e.text)).size;
}

/** UBL-SR-*, UBL-DT-* syntax rules. */
export function ublSyntaxRules(ix: UblIndex): void {
  const r = ix.root;
  for (const a of [...ix.named('cac:PostalAddress'), ...ix.named('cac:Address')]) {
    ix.check(cacs(a, 'AddressLine').length <= 1, 'UBL-SR-51', a, 'An address can only have one third line.');
  }
  for (const party of ix.named('cac:Party')) {
    if (party.parent?.local !== 'AccountingSupplierParty' || party.parent.ns !== CAC) continue;
    ix.check(cacs(party, 'PartyTaxScheme').length <= 2, 'UBL-SR-42', party, 'Party tax scheme shall occur maximum twice in the seller party.');
  }
  for (const adr of ix.named('cac:AdditionalDocumentReference')) {
    ix.check(cbcs(adr, 'DocumentDescription').length <= 1, 'UBL-SR-33', adr, 'The supporting document description shall occur maximum once.');
    const codes = cbcs(adr, 'DocumentTypeCode');
    const ok =
      codes.some((c) => c.text === '130') ||
      (r.local === 'CreditNote' && codes.some((c) => c.text === '50')) ||
      (!cbcs(adr, 'ID').some((id) => attr(id, 'schemeID') !== undefined) && codes.length === 0);
    ix.check(ok, 'UBL-SR-43', adr, 'A scheme identifier or document type code on a supporting document reference is only allowed for an invoiced object identifier (130) or, on a credit note, a tender or lot reference (50).');
  }
  // Amounts (except prices and amounts of a price allowance) have at most 2 decimals; binary objects need mime code and file name.
  for (const el of ix.amounts) {
    if (!el.name.endsWith('PriceAmount') && !underPriceWithAllowance(el, r)) {
      ix.check(decimalsAfterPoint(el.text) <= 2, 'UBL-DT-01', el, 'Amounts shall be written with at most 2 decimals.');
    }
  }
  for (const el of ix.binaryObjects) {
    ix.check(attr(el, 'mimeCode') !== undefined, 'UBL-DT-06', el, 'A binary object shall have a mime code.');
    ix.check(attr(el, 'filename') !== undefined, 'UBL-DT-07', el, 'A binary object shall have a file name.');
  }
  for (const d of ix.named('cac:Delivery')) {
    ix.check(sel(d, 'cac:DeliveryParty/cac:PartyName/cbc:Name').length <= 1, 'UBL-SR-25', d, 'The deliver to party name shall occur maximum once.');
  }
  for (const ac of ix.named('cac:AllowanceCharge')) {
    const reasons = cbcs(ac, 'AllowanceChargeReason').length;
    if (chargeIndicatorIs(ac, false)) ix.check(reasons <= 1, 'UBL-SR-30', ac, 'The allowance reason shall occur maximum once.');
    if (chargeIndicatorIs(ac, true)) ix.check(reasons <= 1, 'UBL-SR-31', ac, 'The charge reason shall occur maximum once.');
  }
  for (const pts of ix.named('cac:PartyTaxScheme')) {
    ix.check(
      sel(pts, 'cac:TaxScheme/cbc:ID').length > 0 && cbc(pts, 'CompanyID') !== undefined,
      'UBL-SR-53',
      pts,
      'A party tax scheme shall contain a tax scheme identifier and a company identifier.',
    );
  }
  if (ix.isUblRoot) rootSyntaxRules(ix);
  for (const kind of ['cac:InvoiceLine', 'cac:CreditNoteLine']) for (const line of ix.named(kind)) lineSyntaxRules(ix, line);
  for (const payee of ix.named('cac:PayeeParty')) payeeSyntaxRules(ix, payee);
  for (const pm of ix.named('cac:PaymentMeans')) {
    ix.check(cbcs(pm, 'PaymentID').length <= 1, 'UBL-SR-26', pm, 'The payment reference shall occur maximum once.');
    ix.check(cbcs(pm, 'PaymentMeansCode').length <= 1, 'UBL-SR-27', pm, 'The payment means code shall occur maximum once.');
    ix.check(sel(pm, 'cac:PaymentMandate/cbc:ID').length <= 1, 'UBL-SR-28', pm, 'The mandate reference identifier shall occur maximum once.');
  }
  for (const br of ix.named('cac:BillingReference')) {
    const refs = cacs(br, 'InvoiceDocumentReference');
    ix.check(refs.length <= 1, 'UBL-SR-06', br, 'A preceding invoice reference shall contain only one invoice document reference.');
    ix.check(sel(br, 'cac:InvoiceDocumentReference/cbc:ID').length > 0, 'UBL-SR-07', br, 'A preceding invoice reference shall contain an invoice document reference identifier.');
  }
  for (const trp of ix.named('cac:TaxRepresentativeParty')) {
    ix.check(sel(trp, 'cac:PartyName/cbc:Name').length <= 1, 'UBL-SR-22', trp, 'The seller tax representative name shall occur maximum once.');
    ix.check(sel(trp, 'cac:PartyTaxScheme/cbc:CompanyID').length <= 1, 'UBL-SR-23', trp, 'The seller tax representative VAT identifier shall occur maximum once.');
  }
  for (const st of ix.named('cac:TaxSubtotal')) {
    ix.check(sel(st, 'cac:TaxCategory/cbc:TaxExemptionReason').length <= 1, 'UBL-SR-32', st, 'The VAT exemption reason text shall occur maximum once.');
  }
}

/** Children of `el` named `ns:local`. */
function countChildren(el: XmlElement, ns: string, local: string): number {
  let n = 0;
  for (const c of el.children) if (c.local === local && c.ns === ns) n++;
  return n;
}

/** UBL-SR-34..37, 48, 50, 52: cardinalities inside a line, counted in one pass over its children. */
function lineSyntaxRules(ix: UblIndex, line: XmlElement): void {
  const n = { note: 0, lineId: 0, period: 0, priceDiscount: 0, description: 0, category: 0, docRef: 0 };
  for (const c of line.children) {
    if (c.ns === CBC) {
      if (c.local === 'Note') n.note++;
    } else if (c.ns === CAC) {
      switch (c.local) {
        case 'OrderLineReference':
          n.lineId += countChildren(c, CBC, 'LineID');
          break;
        case 'InvoicePeriod':
          n.period++;
          break;
        case 'Price':
          for (const ac of c.children) if (ac.local === 'AllowanceCharge' && ac.ns === CAC) n.priceDiscount += countChildren(ac, CBC, 'Amount');
          break;
        case 'Item':
          n.description += countChildren(c, CBC, 'Description');
          n.category += countChildren(c, CAC, 'ClassifiedTaxCategory');
          break;
        case 'DocumentReference':
          n.docRef++;
          break;
      }
    }
  }
  ix.check(n.note <= 1, 'UBL-SR-34', line, 'The invoice line note shall occur maximum once.');
  ix.check(n.lineId <= 1, 'UBL-SR-35', line, 'The referenced purchase order line reference shall occur maximum once.');
  ix.check(n.period <= 1, 'UBL-SR-36', line, 'The invoice line period shall occur maximum once.');
  ix.check(n.priceDiscount <= 1, 'UBL-SR-37', line, 'The item price discount shall occur maximum once.');
  ix.check(n.category === 1, 'UBL-SR-48', line, 'Invoice lines shall have one and only one classified tax category.');
  ix.check(n.description <= 1, 'UBL-SR-50', line, 'The item description shall occur maximum once.');
  ix.check(n.docRef <= 1, 'UBL-SR-52', line, 'The invoice line object identifier shall occur maximum once.');
}

/** `ancestor::cac:Price/cac:AllowanceCharge` exists (without looking above the root). */
function underPriceWithAllowance(el: XmlElement, root: XmlElement): boolean {
  for (let p = el.parent; p; p = p === root ? undefined : p.parent) {
    if (p.local === 'Price' && p.ns === CAC && cacs(p, 'AllowanceCharge').length > 0) return true;
  }
  return false;
}

function rootSyntaxRules(ix: UblIndex): void {
  const r = ix.root;
  for (const [rule, path, what] of ROOT_COUNTS) ix.check(count(r, path) <= 1, rule, r, `The ${what} shall occur maximum once.`);
  const adr130Ids = cacs(r, 'AdditionalDocumentReference')
    .filter((a) => cbcs(a, 'DocumentTypeCode').some((c) => c.text === '130'))
    .flatMap((a) => cbcs(a, 'ID'));
  ix.check(adr130Ids.length <= 1, 'UBL-SR-04', r, 'The invoiced object identifier shall occur maximum once.');
  const supplierPts = sel(r, 'cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme');
  const customerPts = sel(r, 'cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme');
  const companies = (pts: XmlElement[], pred: (p: XmlElement) => boolean) => pts.filter(pred).flatMap((p) => cbcs(p, 'CompanyID')).length;
  ix.check(companies(supplierPts, isVatUpper) <= 1, 'UBL-SR-12', r, 'The seller VAT identifier shall occur maximum once.');
  ix.check(companies(supplierPts, isNonVatUpper) <= 1, 'UBL-SR-13', r, 'The seller tax registration identifier shall occur maximum once.');
  ix.check(companies(customerPts, isVatUpper) <= 1, 'UBL-SR-18', r, 'The buyer VAT identifier shall occur maximum once.');
  const sepaIds = ix.named('cbc:ID').filter((id) => id.parent?.local === 'PartyIdentification' && id.parent.ns === CAC && upperCase(attr(id, 'schemeID') ?? '') === 'SEPA');
  ix.check(sepaIds.length <= 1, 'UBL-SR-29', r, 'The bank assigned creditor identifier shall occur maximum once.');
  ix.check(distinct(ix.named('cbc:PaymentID')) <= 1, 'UBL-SR-44', r, 'An invoice may only have one unique payment reference (PaymentID).');
  ix.check(
    sel(r, 'cac:PaymentMeans/cbc:PaymentMeansCode').filter((c) => attr(c, 'name') !== undefined).length <= 1,
    'UBL-SR-46',
    r,
    'The payment means text shall occur maximum once.',
  );
  ix.check(distinct(ix.named('cbc:PaymentMeansCode')) <= 1, 'UBL-SR-47', r, 'When there are more than one payment means code, they shall be equal.');
  // UBL-DT-08..28: attribute names were gathered while indexing.
  const seen = ix.attributeNames;
  for (const [rule, name] of FORBIDDEN_ATTRIBUTES) ix.check(!seen.has(name), rule, r, `The attribute ${name} should not be used.`, 'warning');
  ix.check(ix.nameAttributes - ix.paymentMeansNameAttributes <= 0, 'UBL-DT-18', r, 'The attribute name should only be used on the payment means code.', 'warning');
}

function payeeSyntaxRules(ix: UblIndex, payee: XmlElement): void {
  const names = sel(payee, 'cac:PartyName/cbc:Name');
  const sellerNames = payee.parent ? sel(payee.parent, 'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName') : [];
  // `(cac:PartyName/cbc:Name) != (seller registration name)`: existential, false when either side is empty.
  const differs = names.some((n) => sellerNames.some((s) => s.text !== n.text));
  const ids = sel(payee, 'cac:PartyIdentification/cbc:ID').filter((id) => upperCase(attr(id, 'schemeID') ?? '') !== 'SEPA');
  ix.check(names.length <= 1 && differs, 'UBL-SR-19', payee, 'The payee name shall occur maximum once, if the payee is different from the seller.');
  ix.check(ids.length <= 1 && differs, 'UBL-SR-20', payee, 'The payee identifier shall occur maximum once, if the payee is different from the seller.');
  ix.check(sel(payee, 'cac:PartyLegalEntity/cbc:CompanyID').length <= 1 && differs, 'UBL-SR-21', payee, 'The payee legal registration identifier shall occur maximum once, if the payee is different from the seller.');
}
