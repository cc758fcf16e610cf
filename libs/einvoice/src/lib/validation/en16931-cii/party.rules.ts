import type { XmlElement } from '../../xml/xml-node';
import { stringLength } from '../common';
import type { CiiDoc } from './cii-doc';
import { CII_VAT_PREFIXES } from './cii-code-lists';
import {
  anyEq,
  anyEqSeq,
  at,
  has,
  is,
  kid,
  kids,
  nsp,
  path,
  RAM,
  sel,
} from './cii-xpath.util';
import type { Reporter } from './rule-kit';
import { rules } from './rule-kit';

/** Parties, payment instructions and references. */
export const PARTY_RULES = rules('fatal', {
  'BR-17':
    'The payee name (BT-59) shall be provided if the payee (BG-10) is different from the seller (BG-4).',
  'BR-18':
    'The seller tax representative name (BT-62) shall be provided if the seller has a tax representative (BG-11).',
  'BR-19':
    'The seller tax representative postal address (BG-12) shall be provided if the seller has a tax representative (BG-11).',
  'BR-20':
    'The seller tax representative postal address (BG-12) shall contain a country code (BT-69).',
  'BR-56':
    'Each seller tax representative (BG-11) shall have a VAT identifier (BT-63).',
  'BR-CO-26':
    'The seller identifier (BT-29), legal registration identifier (BT-30) or VAT identifier (BT-31) shall be present.',
  'BR-CO-09':
    'A VAT identifier (BT-31, BT-48, BT-63) shall start with an ISO 3166-1 alpha-2 country code (EL for Greece).',
  'BR-49':
    'A payment instruction (BG-16) shall specify the payment means type code (BT-81).',
  'BR-50':
    'A payment account identifier (BT-84) shall be present if credit transfer (BG-17) information is provided.',
  'BR-61':
    'For credit transfer payment means (BT-81 = 30 or 58) the payment account identifier (BT-84) shall be present.',
  'BR-51':
    'A payment card primary account number (BT-87) shall show at most the first 6 and last 4 digits.',
  'BR-52':
    'Each additional supporting document (BG-24) shall contain a supporting document reference (BT-122).',
  'BR-55':
    'Each preceding invoice reference (BG-3) shall contain a preceding invoice reference (BT-25).',
  'BR-57':
    'Each deliver-to address (BG-15) shall contain a deliver-to country code (BT-80).',
  'BR-65':
    'The item classification identifier (BT-158) shall have a scheme identifier.',
});
const R = PARTY_RULES;

const P_SELLER = path(
  'ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty',
);
const P_LEGAL_ID = path('ram:SpecifiedLegalOrganization/ram:ID');
const P_TAX_ID = path('ram:SpecifiedTaxRegistration/ram:ID');
const P_ADDRESS = path('ram:PostalTradeAddress');
const P_COUNTRY = path('ram:PostalTradeAddress/ram:CountryID');
const P_SHIP_TO_ADDRESS = path('ram:ShipToTradeParty/ram:PostalTradeAddress');
const P_SHIP_TO_COUNTRY = path(
  'ram:ShipToTradeParty/ram:PostalTradeAddress/ram:CountryID',
);
const P_CLASS_CODE = path('ram:ClassCode');

/** XPath `../..` from `el`, never leaving the validated root (the document node has no ram children). */
function grandParent(el: XmlElement, root: XmlElement): XmlElement | undefined {
  if (el === root || el.parent === root) return undefined;
  return el.parent?.parent;
}

/** `//ram:PayeeTradeParty`: a payee different from the seller has a name. */
export function payeeRules(
  r: Reporter,
  payee: XmlElement,
  root: XmlElement,
): void {
  const gp = grandParent(payee, root);
  const sellers = gp ? sel(gp, P_SELLER) : [];
  const names = kids(payee, RAM, 'Name');
  r.ok(
    R['BR-17'],
    payee,
    names.length > 0 &&
      !anyEqSeq(names, sel(sellers, path('ram:Name'))) &&
      !anyEqSeq(kids(payee, RAM, 'ID'), sel(sellers, path('ram:ID'))) &&
      !anyEqSeq(sel(payee, P_LEGAL_ID), sel(sellers, P_LEGAL_ID)),
  );
}

/** `//ram:SellerTradeParty`: some seller identifier is given. */
export function sellerRules(r: Reporter, seller: XmlElement): void {
  r.ok(
    R['BR-CO-26'],
    seller,
    kid(seller, RAM, 'ID') !== undefined ||
      kid(seller, RAM, 'GlobalID') !== undefined ||
      has(seller, P_LEGAL_ID) ||
      sel(seller, P_TAX_ID).some((id) => at(id, 'schemeID') === 'VA'),
  );
}

/** `//ram:SellerTaxRepresentativeTradeParty`. */
export function taxRepresentativeRules(r: Reporter, rep: XmlElement): void {
  r.check(R['BR-18'], rep, () => nsp(kids(rep, RAM, 'Name')) !== '');
  r.ok(R['BR-19'], rep, has(rep, P_ADDRESS));
  r.check(R['BR-20'], rep, () => nsp(sel(rep, P_COUNTRY)) !== '');
  r.check(
    R['BR-56'],
    rep,
    () =>
      nsp(sel(rep, P_TAX_ID).filter((id) => at(id, 'schemeID') === 'VA')) !==
      '',
  );
}

/** `//ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']`: the first two characters are a listed prefix. */
export function vatIdentifierRules(r: Reporter, id: XmlElement): void {
  if (
    !is(id.parent, RAM, 'SpecifiedTaxRegistration') ||
    at(id, 'schemeID') !== 'VA'
  )
    return;
  const prefix = Array.from(id.text).slice(0, 2).join('');
  r.ok(R['BR-CO-09'], id, CII_VAT_PREFIXES.has(prefix));
}

/** `//ram:SpecifiedTradeSettlementPaymentMeans`. */
export function paymentMeansRules(r: Reporter, means: XmlElement): void {
  r.ok(R['BR-49'], means, kid(means, RAM, 'TypeCode') !== undefined);
}

/** `//ram:SpecifiedTradeSettlementPaymentMeans[ram:TypeCode='30' or ram:TypeCode='58']/ram:PayeePartyCreditorFinancialAccount`. */
export function creditAccountRules(r: Reporter, account: XmlElement): void {
  const means = account.parent;
  if (!is(means, RAM, 'SpecifiedTradeSettlementPaymentMeans')) return;
  const codes = kids(means, RAM, 'TypeCode');
  if (!anyEq(codes, '30') && !anyEq(codes, '58')) return;
  const iban = kids(account, RAM, 'IBANID');
  const proprietary = kids(account, RAM, 'ProprietaryID');
  r.check(
    R['BR-50'],
    account,
    () => nsp(iban) !== '' || nsp(proprietary) !== '',
  );
  r.ok(R['BR-61'], account, iban.length > 0 || proprietary.length > 0);
}

/** `//ram:ApplicableTradeSettlementFinancialCard`. */
export function financialCardRules(r: Reporter, card: XmlElement): void {
  r.check(
    R['BR-51'],
    card,
    () => stringLength(nsp(kids(card, RAM, 'ID'))) <= 10,
  );
}

/** `//ram:AdditionalReferencedDocument`. */
export function additionalDocumentRules(r: Reporter, ref: XmlElement): void {
  r.check(
    R['BR-52'],
    ref,
    () => nsp(kids(ref, RAM, 'IssuerAssignedID')) !== '',
  );
}

/** `/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:InvoiceReferencedDocument`. */
export function precedingInvoiceRules(
  doc: CiiDoc,
  r: Reporter,
  ref: XmlElement,
): void {
  if (!doc.isTxChild(ref.parent, 'ApplicableHeaderTradeSettlement')) return;
  r.check(
    R['BR-55'],
    ref,
    () => nsp(kids(ref, RAM, 'IssuerAssignedID')) !== '',
  );
}

/** `/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeDelivery`. */
export function deliveryRules(r: Reporter, delivery: XmlElement): void {
  r.check(
    R['BR-57'],
    delivery,
    () =>
      (has(delivery, P_SHIP_TO_ADDRESS) &&
        nsp(sel(delivery, P_SHIP_TO_COUNTRY)) !== '') ||
      !has(delivery, P_SHIP_TO_ADDRESS),
  );
}

/** `//ram:DesignatedProductClassification`. */
export function classificationRules(r: Reporter, cls: XmlElement): void {
  r.check(R['BR-65'], cls, () => {
    const codes = sel(cls, P_CLASS_CODE);
    const lists = codes.flatMap((c) => {
      const l = at(c, 'listID');
      return l === undefined ? [] : [l];
    });
    return nsp(lists) !== '' || codes.length === 0;
  });
}
