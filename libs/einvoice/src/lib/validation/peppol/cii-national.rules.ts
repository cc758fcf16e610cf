import { swedishOrganisationNumber, swedishVatIdentifier } from './syntax-neutral.rules';
import { NS, select } from '../../xml/query';
import type { XmlElement } from '../../xml/xml-node';
import { stringLength, xsDecimal, xsDouble } from '../common';
import type { CiiDoc } from './cii-doc';
import { mod11 } from './identifiers.util';
import { anyText, at, kids, selectAll, text } from './rule-context';
import { kvkOrOin } from './ubl-national-it-nl.rules';
import { isNumeric, nsp, substr, xpNumber } from './xpath.util';

/**
 * National rules for CII: Norway (NO-R-*), Denmark (DK-R-*), Italy (IT-R-*), Sweden (SE-R-*)
 * and the Netherlands (NL-R-*), each applying only when its country condition holds.
 */

const { ram: RAM, rsm: RSM } = NS;
const TX = 'rsm:SupplyChainTradeTransaction';
const DK_PAYMENT_MEANS = ' 1 10 31 42 48 49 50 58 59 93 97 ';
const UNSPSC_VERSIONS = new Set(['19.05.01', '19.0501', '26.08.01', '26.0801']);
const NL_CREDIT_TYPES = new Set(['81', '83', '381', '396', '532']);
const NL_PAYMENT_MEANS = new Set(['30', '48', '49', '57', '58', '59']);

/** First schemeID among the elements' schemeID attributes (XPath `normalize-space(x/@schemeID)`). */
function firstScheme(els: readonly XmlElement[]): string {
  return nsp(els.map((e) => at(e, 'schemeID')).find((s) => s !== undefined));
}

/** `ram:ID[@schemeID = scheme]` children of a tax registration. */
function idsWithScheme(reg: XmlElement, scheme: string): XmlElement[] {
  return kids(reg, RAM, 'ID').filter((id) => at(id, 'schemeID') === scheme);
}

/** Runs the CII national rules. */
export function runCiiNational(d: CiiDoc): void {
  if (!d.isCii) return;
  if (d.supplierCountry === 'NO') for (const seller of d.all(RAM, 'SellerTradeParty')) norway(d, seller);
  if (d.danishSupplier) denmark(d);
  if (d.supplierCountry === 'IT') for (const seller of d.all(RAM, 'SellerTradeParty')) italy(d, seller);
  sweden(d);
  if (d.supplierIsNL) netherlands(d);
}

function norway(d: CiiDoc, seller: XmlElement): void {
  d.check(
    select(seller, 'ram:SpecifiedTaxRegistration/ram:ID').some((id) => at(id, 'schemeID') === 'FC' && nsp(id.text) === 'Foretaksregisteret'),
    'NO-R-002',
    'warning',
    seller,
    "Norwegian suppliers that are limited companies should state 'Foretaksregisteret' as tax registration (BT-32).",
  );
  const vatRegs = kids(seller, RAM, 'SpecifiedTaxRegistration').filter((r) => kids(r, RAM, 'ID').some((id) => at(id, 'schemeID') === 'VAT'));
  const firstIds = vatRegs.map((r) => text(kids(r, RAM, 'ID')));
  const isNo = firstIds.some((id) => substr(id, 1, 2) === 'NO');
  const ok = !isNo || (/^[0-9]{9}MVA$/.test(substr(firstIds[0], 3)) && mod11(substr(text(selectAll(vatRegs, 'ram:ID')), 3, 9)));
  d.check(ok, 'NO-R-001', 'fatal', seller, "A Norwegian VAT identifier (BT-31) MUST be 'NO' + a valid nine-digit organization number + 'MVA'.");
}

function denmark(d: CiiDoc): void {
  const root = d.root;
  const sellers = select(root, `${TX}/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty`);
  const buyers = select(root, `${TX}/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty`);
  const legalIds = selectAll(sellers, 'ram:SpecifiedLegalOrganization/ram:ID');
  const dkCustomer = d.danishCustomer;
  d.check(nsp(text(legalIds)) !== '', 'DK-R-002', 'fatal', root, 'Danish suppliers MUST provide their legal entity identifier (CVR, BT-30).');
  const charges = select(root, `${TX}/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeAllowanceCharge`);
  const reasons = selectAll(charges, 'ram:Reason');
  const reason = text(reasons) ?? '';
  const taxCategory =
    stringLength(nsp(reason)) === 4 && xpNumber(reason) >= 0 && reasons.some((r) => (xsDouble(r.text) ?? NaN) <= 9999);
  const hashed = reasons.length > 0 && reason.includes('#') && !reason.startsWith('#') && !reason.endsWith('#');
  d.check(
    !(dkCustomer && charges.some((c) => anyText(kids(c, RAM, 'ReasonCode'), 'ZZZ')) && !(taxCategory || hashed)),
    'DK-R-004',
    'fatal',
    root,
    "Danish non-VAT taxes (reason code 'ZZZ') MUST give a 4-digit tax category or a text with an inner '#' as reason.",
  );
  const blankScheme = (parties: readonly XmlElement[]) => {
    const ids = selectAll(parties, 'ram:GlobalID');
    return ids.length > 0 && firstScheme(ids) === '';
  };
  d.check(
    !(dkCustomer && (blankScheme(sellers) || blankScheme(buyers))),
    'DK-R-013',
    'fatal',
    root,
    'Danish suppliers MUST give a schemeID for seller and buyer global identifiers (BT-29, BT-46).',
  );
  d.check(
    !(legalIds.length > 0 && firstScheme(legalIds) !== '0184'),
    'DK-R-014',
    'fatal',
    root,
    "Danish suppliers MUST use schemeID '0184' (CVR) for the seller legal registration identifier (BT-30).",
  );
  const typeCode = nsp(text(select(root, 'rsm:ExchangedDocument/ram:TypeCode')));
  const due = text(select(root, `${TX}/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:DuePayableAmount`));
  d.check(
    !(dkCustomer && typeCode === '381' && xpNumber(due) < 0),
    'DK-R-016',
    'fatal',
    root,
    'For Danish suppliers a credit note cannot have a negative amount due for payment (BT-115).',
  );
  if (!dkCustomer) return;
  for (const pm of select(root, `${TX}/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementPaymentMeans`)) danishPayment(d, pm);
  for (const line of select(root, `${TX}/ram:IncludedSupplyChainTradeLineItem`)) {
    const codes = select(line, 'ram:SpecifiedTradeProduct/ram:DesignatedProductClassification/ram:ClassCode');
    const testList = codes.some((c) => at(c, 'listID') === 'TST');
    const version = codes.some((c) => UNSPSC_VERSIONS.has(at(c, 'listVersionID') ?? '\u0000'));
    d.check(!(testList && !version), 'DK-R-003', 'warning', line, 'Danish suppliers should use UNSPSC version 19.05.01 or 26.08.01 for item classification.');
  }
}

function danishPayment(d: CiiDoc, pm: XmlElement): void {
  const codes = kids(pm, RAM, 'TypeCode');
  const has = (c: string) => anyText(codes, c);
  const filled = (path: string) => nsp(text(select(pm, path))) !== '';
  const account = text(select(pm, 'ram:PayeePartyCreditorFinancialAccount/ram:IBANID')) ?? '';
  const reference = text(select(pm, '../ram:PaymentReference'));
  const prefix = substr(reference, 0, 4);
  const refLength = stringLength(reference ?? '');
  d.check(DK_PAYMENT_MEANS.includes(` ${text(codes) ?? ''} `), 'DK-R-005', 'fatal', pm, 'Danish suppliers MUST use payment means code 1, 10, 31, 42, 48, 49, 50, 58, 59, 93 or 97.');
  d.check(
    !((has('31') || has('42')) && !(filled('ram:PayeePartyCreditorFinancialAccount/ram:IBANID') && filled('ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID'))),
    'DK-R-006',
    'fatal',
    pm,
    'Danish suppliers MUST give bank account and registration number for payment means 31 or 42.',
  );
  d.check(
    !(has('49') && !(filled('../ram:CreditorReferenceID') && filled('ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID'))),
    'DK-R-007',
    'fatal',
    pm,
    'Danish suppliers MUST give creditor reference and mandate reference for payment means 49.',
  );
  d.check(
    !(has('50') && !(['01#', '04#', '15#'].includes(prefix) && stringLength(account) === 7)),
    'DK-R-008',
    'fatal',
    pm,
    'For payment means 50 (Giro) Danish suppliers MUST give a payment reference starting 01#, 04# or 15# and a 7-character account.',
  );
  d.check(
    !(has('50') && (prefix === '04#' || prefix === '15#') && refLength !== 19),
    'DK-R-009',
    'fatal',
    pm,
    'For Giro payment references starting 04# or 15# the 16-digit instruction id MUST follow.',
  );
  d.check(
    !(has('93') && !(['71#', '73#', '75#'].includes(prefix) && stringLength(account) === 8)),
    'DK-R-010',
    'fatal',
    pm,
    'For payment means 93 (FIK) Danish suppliers MUST give a payment reference starting 71#, 73# or 75# and an 8-character creditor account.',
  );
  d.check(
    !(has('93') && (prefix === '71#' || prefix === '75#') && !(refLength === 18 || refLength === 19)),
    'DK-R-011',
    'fatal',
    pm,
    'For FIK payment references starting 71# or 75# the 15-16 digit instruction id MUST follow.',
  );
}

function italy(d: CiiDoc, seller: XmlElement): void {
  for (const reg of kids(seller, RAM, 'SpecifiedTaxRegistration')) {
    const ids = kids(reg, RAM, 'ID');
    const fiscal = ids.filter((id) => nsp(at(id, 'schemeID')) === 'FC');
    d.check(
      ids.some((id) => nsp(at(id, 'schemeID')) !== 'FC') || /^[A-Z0-9]{11,16}$/.test(nsp(text(fiscal))),
      'IT-R-001',
      'fatal',
      reg,
      'For Italian suppliers the seller tax registration identifier (BT-32) MUST have 11 to 16 upper-case letters or digits.',
    );
  }
  const address = (name: string) => select(seller, `ram:PostalTradeAddress/ram:${name}`).length > 0;
  d.check(address('LineOne'), 'IT-R-002', 'fatal', seller, 'Italian suppliers MUST give the seller address line 1 (BT-35).');
  d.check(address('CityName'), 'IT-R-003', 'fatal', seller, 'Italian suppliers MUST give the seller city (BT-37).');
  d.check(address('PostcodeCode'), 'IT-R-004', 'fatal', seller, 'Italian suppliers MUST give the seller post code (BT-38).');
}

function sweden(d: CiiDoc): void {
  const inSweden = (party: XmlElement) => anyText(select(party, 'ram:PostalTradeAddress/ram:CountryID'), 'SE');
  const seVatReg = (reg: XmlElement) => substr(text(idsWithScheme(reg, 'VAT')), 1, 2) === 'SE';
  let seVatSeller = false;
  for (const seller of d.sellers.filter(inSweden)) {
    if (kids(seller, RAM, 'SpecifiedTaxRegistration').some(seVatReg)) {
      seVatSeller = true;
      const vat = text(kids(seller, RAM, 'SpecifiedTaxRegistration').flatMap((r) => idsWithScheme(r, 'VAT')));
      swedishVatIdentifier(d, seller, vat);
    }
    for (const org of kids(seller, RAM, 'SpecifiedLegalOrganization')) {
      const ids = kids(org, RAM, 'ID');
      if (ids.length === 0) continue;
      const id = text(ids);
      swedishOrganisationNumber(d, org, id);
    }
    if (select(seller, 'ram:SpecifiedLegalOrganization/ram:ID').length > 0) {
      for (const reg of kids(seller, RAM, 'SpecifiedTaxRegistration')) {
        for (const id of idsWithScheme(reg, 'FC')) {
          d.check(nsp(id.text.toUpperCase()) === 'GODKÄND FÖR F-SKATT', 'SE-R-005', 'fatal', id, "A Swedish seller tax registration (BT-32) MUST state 'Godkänd för F-skatt'.");
        }
      }
    }
  }
  if (seVatSeller) {
    for (const tax of [...d.all(RAM, 'ApplicableTradeTax'), ...d.all(RAM, 'CategoryTradeTax')]) {
      const rate = xpNumber(text(kids(tax, RAM, 'RateApplicablePercent')));
      d.check(rate === 25 || rate === 12 || rate === 6, 'SE-R-006', 'fatal', tax, 'Swedish suppliers MUST use a standard VAT rate of 25, 12 or 6 percent.');
    }
  }
  for (const tx of kids(d.root, RSM, 'SupplyChainTradeTransaction')) {
    const sellerSE = select(tx, 'ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty').some(inSweden);
    if (!sellerSE) continue;
    const buyerSE = select(tx, 'ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty').some(inSweden);
    for (const pm of select(tx, 'ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementPaymentMeans')) swedishPayment(d, pm, buyerSE);
  }
}

function swedishPayment(d: CiiDoc, pm: XmlElement, buyerSE: boolean): void {
  const code = nsp(text(kids(pm, RAM, 'TypeCode')));
  if (code === '30') {
    const branch = nsp(text(select(pm, 'ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID')));
    for (const id of select(pm, 'ram:PayeePartyCreditorFinancialAccount/ram:ProprietaryID')) {
      const v = nsp(id.text);
      const len = stringLength(v);
      if (branch === 'SE:PLUSGIRO') {
        d.check(isNumeric(v), 'SE-R-007', 'warning', id, 'A Swedish Plusgiro account (BT-84) should be numeric.');
        d.check(len >= 2 && len <= 8, 'SE-R-010', 'warning', id, 'A Swedish Plusgiro account (BT-84) should have 2-8 characters.');
      } else if (branch === 'SE:BANKGIRO') {
        d.check(isNumeric(v), 'SE-R-008', 'warning', id, 'A Swedish Bankgiro account (BT-84) should be numeric.');
        d.check(len === 7 || len === 8, 'SE-R-009', 'warning', id, 'A Swedish Bankgiro account (BT-84) should have 7-8 characters.');
      }
    }
  }
  if (code === '50' || code === '56') {
    d.fire('SE-R-011', 'warning', pm, "Swedish suppliers should indicate Bankgiro/Plusgiro with payment means code 30 and 'SE:BANKGIRO' or 'SE:PLUSGIRO'.");
  } else if (buyerSE && code === '31') {
    d.fire('SE-R-012', 'warning', pm, 'Domestic Swedish credit transfers should use payment means code 30.');
  }
}

function netherlands(d: CiiDoc): void {
  const root = d.root;
  const bothNL = d.customerIsNL;
  for (const doc of kids(root, RSM, 'ExchangedDocument')) {
    if (!NL_CREDIT_TYPES.has(nsp(text(kids(doc, RAM, 'TypeCode'))))) continue;
    d.check(
      d.all(RAM, 'ApplicableHeaderTradeSettlement').some((s) => select(s, 'ram:InvoiceReferencedDocument/ram:IssuerAssignedID').length > 0),
      'NL-R-001',
      'fatal',
      doc,
      'For Dutch suppliers a credit note MUST reference the invoice it corrects (BT-25).',
    );
  }
  const addressOk = (a: XmlElement) => ['LineOne', 'CityName', 'PostcodeCode'].every((n) => kids(a, RAM, n).length > 0);
  const agreements = select(root, `${TX}/ram:ApplicableHeaderTradeAgreement`);
  for (const a of selectAll(agreements, 'ram:SellerTradeParty/ram:PostalTradeAddress')) {
    d.check(addressOk(a), 'NL-R-002', 'fatal', a, 'Dutch suppliers MUST give street (BT-35), city (BT-37) and post code (BT-38).');
  }
  for (const id of selectAll(agreements, 'ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID')) {
    d.check(kvkOrOin(id, at(id, 'schemeID')), 'NL-R-003', 'fatal', id, 'Dutch suppliers MUST give a KvK or OIN number (scheme 0106 or 0190) as legal registration (BT-30).');
  }
  if (bothNL) {
    for (const a of selectAll(agreements, 'ram:BuyerTradeParty/ram:PostalTradeAddress')) {
      d.check(addressOk(a), 'NL-R-004', 'fatal', a, 'For a Dutch supplier and buyer the buyer street (BT-50), city (BT-52) and post code (BT-53) MUST be given.');
    }
    for (const id of selectAll(agreements, 'ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID')) {
      d.check(kvkOrOin(id, at(id, 'schemeID')), 'NL-R-005', 'fatal', id, 'A Dutch buyer MUST have a KvK or OIN number (scheme 0106 or 0190) as legal registration (BT-47).');
    }
  }
  if (d.taxRepresentativeIsNL) {
    for (const a of selectAll(agreements, 'ram:SellerTaxRepresentativeTradeParty/ram:PostalTradeAddress')) {
      d.check(addressOk(a), 'NL-R-006', 'fatal', a, 'For a Dutch supplier with a Dutch tax representative the representative street, city and post code MUST be given.');
    }
  }
  const typeCode = nsp(text(select(root, 'rsm:ExchangedDocument/ram:TypeCode')));
  const means = select(root, `${TX}/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementPaymentMeans`);
  for (const sum of select(root, `${TX}/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementHeaderMonetarySummation`)) {
    const due = xsDecimal(text(kids(sum, RAM, 'DuePayableAmount')) ?? '');
    d.check(
      (typeCode !== '381' && !!due && due.lte(0)) || (typeCode === '381' && !!due && due.gte(0)) || means.length > 0,
      'NL-R-007',
      'fatal',
      sum,
      'Dutch suppliers MUST give payment instructions (BG-16) when the buyer has to pay.',
    );
  }
  if (bothNL) {
    for (const pm of means) {
      d.check(
        NL_PAYMENT_MEANS.has(nsp(text(kids(pm, RAM, 'TypeCode')))),
        'NL-R-008',
        'fatal',
        pm,
        'For a Dutch supplier and buyer the payment means code (BT-81) MUST be 30, 48, 49, 57, 58 or 59.',
      );
    }
  }
  const orderReference = selectAll(agreements, 'ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID').length > 0;
  for (const lineId of select(root, `${TX}/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeAgreement/ram:BuyerOrderReferencedDocument/ram:LineID`)) {
    d.check(orderReference, 'NL-R-009', 'fatal', lineId, 'Dutch suppliers using an order line reference (BT-132) MUST give the order reference (BT-13).');
  }
}
