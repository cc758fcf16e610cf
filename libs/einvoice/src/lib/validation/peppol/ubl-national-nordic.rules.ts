import { swedishOrganisationNumber, swedishVatIdentifier } from './syntax-neutral.rules';
import { NS, select } from '../../xml/query';
import type { XmlElement } from '../../xml/xml-node';
import { isXsDate, stringLength } from '../common';
import { mod11 } from './identifiers.util';
import { anyText, at, kid, kids, parentIs, selectAll, text } from './rule-context';
import type { UblDoc } from './ubl-doc';
import { isNumeric, nsp, substr, xpNumber } from './xpath.util';

/**
 * National rules of Norway (NO-R-*), Denmark (DK-R-*), Sweden (SE-R-*) and Iceland (IS-R-*)
 * for UBL. Each family applies only when its country condition holds, as in the official rules.
 */

const { cbc: CBC, cac: CAC } = NS;

/**
 * `Party/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = scheme]`; `normalized` compares
 * `normalize-space(cac:TaxScheme/cbc:ID)` (first ID) instead of any ID as written.
 */
export function taxSchemes(party: XmlElement, scheme: string, normalized: boolean): XmlElement[] {
  return kids(party, CAC, 'PartyTaxScheme').filter((pts) => {
    const ids = select(pts, 'cac:TaxScheme/cbc:ID');
    return normalized ? nsp(text(ids)) === scheme : anyText(ids, scheme);
  });
}

/** Runs the Nordic national rules. */
export function runUblNordic(d: UblDoc): void {
  if (d.supplierCountry === 'NO') for (const party of d.all(CAC, 'Party')) if (parentIs(party, CAC, 'AccountingSupplierParty')) norway(d, party);
  denmark(d);
  sweden(d);
  if (d.rawSupplierCountry === 'IS') iceland(d);
}

function norway(d: UblDoc, party: XmlElement): void {
  const tax = selectAll(taxSchemes(party, 'TAX', true), 'cbc:CompanyID');
  d.check(
    nsp(text(tax)) === 'Foretaksregisteret',
    'NO-R-002',
    'warning',
    party,
    "Norwegian suppliers that are limited companies should state 'Foretaksregisteret' as tax registration (BT-32).",
  );
  const vat = taxSchemes(party, 'VAT', true);
  const ids = vat.map((pts) => kid(pts, CBC, 'CompanyID')?.text);
  const isNo = ids.some((id) => substr(id, 1, 2) === 'NO');
  const firstId = ids[0];
  const ok = !isNo || (/^[0-9]{9}MVA$/.test(substr(firstId, 3)) && mod11(substr(firstId, 3, 9)));
  d.check(ok, 'NO-R-001', 'fatal', party, "A Norwegian VAT identifier (BT-31) MUST be 'NO' + a valid nine-digit organization number + 'MVA'.");
}

const DK_PAYMENT_MEANS = ' 1 10 31 42 48 49 50 58 59 93 97 ';
const UNSPSC_VERSIONS = new Set(['19.05.01', '19.0501', '26.08.01', '26.0801']);

function denmark(d: UblDoc): void {
  const root = d.root;
  if (d.rawSupplierCountry !== 'DK') return;
  const legal = select(root, 'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID');
  d.check(nsp(text(legal)) !== '', 'DK-R-002', 'fatal', root, 'Danish suppliers MUST provide their legal entity identifier (CVR, BT-30).');
  const schemes = legal.map((c) => at(c, 'schemeID')).filter((s): s is string => s !== undefined);
  d.check(
    legal.length === 0 || nsp(schemes[0]) === '0184',
    'DK-R-014',
    'fatal',
    root,
    "Danish suppliers MUST use schemeID '0184' (CVR) for the seller legal registration identifier (BT-30).",
  );
  const payable = text(select(root, 'cac:LegalMonetaryTotal/cbc:PayableAmount'));
  d.check(
    !(d.isCreditNote && d.rawCustomerCountry === 'DK' && xpNumber(payable) < 0),
    'DK-R-016',
    'fatal',
    root,
    'For Danish suppliers a credit note cannot have a negative amount due for payment (BT-115).',
  );
  if (!d.danishDomestic) return;
  for (const party of [...d.supplierParties, ...d.customerParties]) {
    for (const pi of kids(party, CAC, 'PartyIdentification')) {
      const ids = kids(pi, CBC, 'ID');
      const scheme = ids.map((id) => at(id, 'schemeID')).find((s) => s !== undefined);
      d.check(ids.length === 0 || nsp(scheme) !== '', 'DK-R-013', 'fatal', pi, 'Danish suppliers MUST give a schemeID for party identifiers (BT-29, BT-46).');
    }
  }
  if (d.isInvoice) for (const pm of kids(root, CAC, 'PaymentMeans')) danishPayment(d, pm);
  for (const line of d.lines) {
    const codes = select(line, 'cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode');
    const testList = codes.some((c) => at(c, 'listID') === 'TST');
    const version = codes.some((c) => UNSPSC_VERSIONS.has(at(c, 'listVersionID') ?? '\u0000'));
    d.check(!(testList && !version), 'DK-R-003', 'warning', line, 'Danish suppliers should use UNSPSC version 19.05.01 or 26.08.01 for item classification.');
  }
  for (const ac of d.all(CAC, 'AllowanceCharge')) {
    if (!anyText(kids(ac, CBC, 'AllowanceChargeReasonCode'), 'ZZZ')) continue;
    const reasons = kids(ac, CBC, 'AllowanceChargeReason');
    const reason = text(reasons) ?? '';
    const taxCategory = stringLength(nsp(reason)) === 4 && xpNumber(reason) >= 0 && xpNumber(reason) <= 9999;
    const hashed = reasons.length > 0 && reason.includes('#') && !reason.startsWith('#') && !reason.endsWith('#');
    d.check(
      taxCategory || hashed,
      'DK-R-004',
      'fatal',
      ac,
      "Danish non-VAT taxes (reason code 'ZZZ') MUST give a 4-digit tax category or a text with an inner '#' as reason (BT-97/BT-104).",
    );
  }
}

function danishPayment(d: UblDoc, pm: XmlElement): void {
  const codes = kids(pm, CBC, 'PaymentMeansCode');
  const has = (c: string) => anyText(codes, c);
  d.check(
    DK_PAYMENT_MEANS.includes(` ${text(codes) ?? ''} `),
    'DK-R-005',
    'fatal',
    pm,
    'Danish suppliers MUST use payment means code 1, 10, 31, 42, 48, 49, 50, 58, 59, 93 or 97.',
  );
  const account = select(pm, 'cac:PayeeFinancialAccount/cbc:ID');
  const filled = (path: string) => nsp(text(select(pm, path))) !== '';
  d.check(
    !((has('31') || has('42')) && !(filled('cac:PayeeFinancialAccount/cbc:ID') && filled('cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID'))),
    'DK-R-006',
    'fatal',
    pm,
    'Danish suppliers MUST give bank account and registration number for payment means 31 or 42.',
  );
  d.check(
    !(has('49') && !(filled('cac:PaymentMandate/cbc:ID') && filled('cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID'))),
    'DK-R-007',
    'fatal',
    pm,
    'Danish suppliers MUST give mandate reference and debited account for payment means 49.',
  );
  const paymentId = text(kids(pm, CBC, 'PaymentID'));
  const prefix = substr(paymentId, 1, 3);
  d.check(
    !(has('50') && !(['01#', '04#', '15#'].includes(prefix) && /^[0-9]{7,8}$/.test(text(account) ?? ''))),
    'DK-R-008',
    'fatal',
    pm,
    "For payment means 50 (Giro) Danish suppliers MUST give a payment id starting 01#, 04# or 15# and a 7-8 digit account.",
  );
  d.check(
    !(has('50') && (prefix === '04#' || prefix === '15#') && stringLength(paymentId ?? '') !== 19),
    'DK-R-009',
    'fatal',
    pm,
    'For Giro payment ids starting 04# or 15# the 16-digit instruction id MUST follow.',
  );
  d.check(
    !(has('93') && !(['71#', '73#', '75#'].includes(prefix) && stringLength(text(account) ?? '') === 8)),
    'DK-R-010',
    'fatal',
    pm,
    'For payment means 93 (FIK) Danish suppliers MUST give a payment id starting 71#, 73# or 75# and an 8-character creditor account.',
  );
  const idLength = stringLength(paymentId ?? '');
  d.check(
    !(has('93') && (prefix === '71#' || prefix === '75#') && !(idLength === 18 || idLength === 19)),
    'DK-R-011',
    'fatal',
    pm,
    'For FIK payment ids starting 71# or 75# the 15-16 digit instruction id MUST follow.',
  );
}

function sweden(d: UblDoc): void {
  const suppliers = d.all(CAC, 'Party').filter((p) => parentIs(p, CAC, 'AccountingSupplierParty'));
  const inSweden = (p: XmlElement) => anyText(select(p, 'cac:PostalAddress/cac:Country/cbc:IdentificationCode'), 'SE');
  const seSuppliers = suppliers.filter(inSweden);
  if (seSuppliers.length === 0) return;
  const hasSeVat = (p: XmlElement) => taxSchemes(p, 'VAT', false).some((pts) => substr(kid(pts, CBC, 'CompanyID')?.text, 1, 2) === 'SE');
  let seVatSupplier = false;
  for (const party of seSuppliers) {
    if (hasSeVat(party)) {
      seVatSupplier = true;
      const vat = text(selectAll(taxSchemes(party, 'VAT', false), 'cbc:CompanyID'));
      swedishVatIdentifier(d, party, vat);
    }
    for (const legal of kids(party, CAC, 'PartyLegalEntity')) {
      const ids = kids(legal, CBC, 'CompanyID');
      if (ids.length === 0) continue;
      const id = text(ids);
      swedishOrganisationNumber(d, legal, id);
    }
    if (select(party, 'cac:PartyLegalEntity/cbc:CompanyID').length > 0) {
      for (const pts of kids(party, CAC, 'PartyTaxScheme')) {
        if (nsp(text(select(pts, 'cac:TaxScheme/cbc:ID'))?.toUpperCase()) === 'VAT') continue;
        for (const id of kids(pts, CBC, 'CompanyID')) {
          d.check(
            nsp(id.text.toUpperCase()) === 'GODKÄND FÖR F-SKATT',
            'SE-R-005',
            'fatal',
            id,
            "A Swedish seller tax registration (BT-32) MUST state 'Godkänd för F-skatt'.",
          );
        }
      }
    }
  }
  if (seVatSupplier) {
    for (const cat of [...d.all(CAC, 'TaxCategory'), ...d.all(CAC, 'ClassifiedTaxCategory')]) {
      if (!anyText(kids(cat, CBC, 'ID'), 'S')) continue;
      const rate = xpNumber(text(kids(cat, CBC, 'Percent')));
      d.check(rate === 25 || rate === 12 || rate === 6, 'SE-R-006', 'fatal', cat, 'Swedish suppliers MUST use a standard VAT rate of 25, 12 or 6 percent.');
    }
  }
  const seCustomer = d.all(CAC, 'Party').some((p) => parentIs(p, CAC, 'AccountingCustomerParty') && inSweden(p));
  for (const pm of d.all(CAC, 'PaymentMeans')) swedishPayment(d, pm, seCustomer);
}

function swedishPayment(d: UblDoc, pm: XmlElement, seCustomer: boolean): void {
  const codes = kids(pm, CBC, 'PaymentMeansCode');
  if (nsp(text(codes)) === '30') {
    const branch = nsp(text(select(pm, 'cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID')));
    for (const id of select(pm, 'cac:PayeeFinancialAccount/cbc:ID')) {
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
  if (anyText(codes, '50') || anyText(codes, '56')) {
    d.fire('SE-R-011', 'warning', pm, "Swedish suppliers should indicate Bankgiro/Plusgiro with payment means code 30 and branch 'SE:BANKGIRO' or 'SE:PLUSGIRO'.");
  } else if (seCustomer && anyText(codes, '31')) {
    d.fire('SE-R-012', 'warning', pm, 'Domestic Swedish credit transfers should use payment means code 30.');
  }
}

function iceland(d: UblDoc): void {
  const root = d.root;
  const typeOk = (name: string) => {
    const v = nsp(text(kids(root, CBC, name)));
    return !v.includes(' ') && ' 380 381 '.includes(` ${v} `);
  };
  d.check(typeOk('InvoiceTypeCode') || typeOk('CreditNoteTypeCode'), 'IS-R-001', 'warning', root, 'Icelandic sellers should use document type 380 or 381 (BT-3).');
  const legal = select(root, 'cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID');
  d.check(legal.some((c) => at(c, 'schemeID') === '0196'), 'IS-R-002', 'fatal', root, "Icelandic sellers MUST give their kennitala with schemeID '0196' (BT-30).");
  d.check(
    select(root, 'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:StreetName').length > 0 &&
      select(root, 'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cbc:PostalZone').length > 0,
    'IS-R-003',
    'fatal',
    root,
    'Icelandic sellers MUST give street name (BT-35) and post code (BT-38).',
  );
  const means = kids(root, CAC, 'PaymentMeans');
  for (const [code, rule] of [
    ['9', 'IS-R-006'],
    ['42', 'IS-R-007'],
  ] as const) {
    const selected = means.filter((pm) => anyText(kids(pm, CBC, 'PaymentMeansCode'), code));
    const accounts = selectAll(selected, 'cac:PayeeFinancialAccount/cbc:ID');
    d.check(
      selected.length === 0 || (accounts.length > 0 && stringLength(nsp(text(accounts))) === 12),
      rule,
      'fatal',
      root,
      `Icelandic sellers using payment means ${code} MUST give a 12-digit account (BT-84).`,
    );
  }
  const eindagi = kids(root, CAC, 'AdditionalDocumentReference').filter((r) => anyText(kids(r, CBC, 'DocumentDescription'), 'EINDAGI'));
  if (eindagi.length > 0) {
    const ids = selectAll(eindagi, 'cbc:ID');
    const id = text(ids) ?? '';
    d.check(stringLength(id) === 10 && isXsDate(id), 'IS-R-008', 'fatal', root, 'The EINDAGI date (BT-122) MUST have the form YYYY-MM-DD.');
    const due = kids(root, CBC, 'DueDate');
    d.check(due.length > 0, 'IS-R-009', 'fatal', root, 'An invoice with an EINDAGI date MUST have a due date (BT-9).');
    d.check(
      due.some((dd) => ids.some((i) => dd.text <= i.text)),
      'IS-R-010',
      'fatal',
      root,
      'The EINDAGI date (BT-122) MUST be the same as or later than the due date (BT-9).',
    );
  }
  if (d.rawCustomerCountry !== 'IS') return;
  for (const acp of kids(root, CAC, 'AccountingCustomerParty')) {
    const ids = select(acp, 'cac:Party/cac:PartyLegalEntity/cbc:CompanyID');
    d.check(ids.some((c) => at(c, 'schemeID') === '0196'), 'IS-R-004', 'fatal', acp, "With an Icelandic buyer the buyer kennitala (BT-47) MUST be given with schemeID '0196'.");
    d.check(
      select(acp, 'cac:Party/cac:PostalAddress/cbc:StreetName').length > 0 && select(acp, 'cac:Party/cac:PostalAddress/cbc:PostalZone').length > 0,
      'IS-R-005',
      'fatal',
      acp,
      'With an Icelandic buyer the buyer street name (BT-50) and post code (BT-53) MUST be given.',
    );
  }
}
