import type { XmlElement } from '../../xml/xml-node';
import type { CiiDoc } from './cii-doc';
import {
  anyEq,
  anyVsZero,
  indicatorMatches,
  is,
  isVatTyped,
  kids,
  RAM,
  RSM,
} from './cii-xpath.util';
import type { Reporter, Rule } from './rule-kit';
import { rules } from './rule-kit';

/**
 * VAT category rules on invoice lines and document allowances / charges (BR-S/Z/E/AE/IC/G/O/AF/AG
 * -02 to -07): who must have a VAT identifier, and which rate the category allows.
 */
export const VAT_CATEGORY_RULES = rules('fatal', {
  'BR-S-02':
    'An invoice line with "Standard rated" (S) VAT shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-S-03':
    'A document allowance with "Standard rated" (S) VAT shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-S-04':
    'A document charge with "Standard rated" (S) VAT shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-S-05':
    'In an invoice line with "Standard rated" (S) VAT the VAT rate (BT-152) shall be greater than zero.',
  'BR-S-06':
    'In a document allowance with "Standard rated" (S) VAT the VAT rate (BT-96) shall be greater than zero.',
  'BR-S-07':
    'In a document charge with "Standard rated" (S) VAT the VAT rate (BT-103) shall be greater than zero.',
  'BR-Z-02':
    'An invoice line with "Zero rated" (Z) VAT shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-Z-03':
    'A document allowance with "Zero rated" (Z) VAT shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-Z-04':
    'A document charge with "Zero rated" (Z) VAT shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-Z-05':
    'In an invoice line with "Zero rated" (Z) VAT the VAT rate (BT-152) shall be 0.',
  'BR-Z-06':
    'In a document allowance with "Zero rated" (Z) VAT the VAT rate (BT-96) shall be 0.',
  'BR-Z-07':
    'In a document charge with "Zero rated" (Z) VAT the VAT rate (BT-103) shall be 0.',
  'BR-E-02':
    'An invoice line with "Exempt from VAT" (E) shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-E-03':
    'A document allowance with "Exempt from VAT" (E) shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-E-04':
    'A document charge with "Exempt from VAT" (E) shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-E-05':
    'In an invoice line with "Exempt from VAT" (E) the VAT rate (BT-152) shall be 0.',
  'BR-E-06':
    'In a document allowance with "Exempt from VAT" (E) the VAT rate (BT-96) shall be 0.',
  'BR-E-07':
    'In a document charge with "Exempt from VAT" (E) the VAT rate (BT-103) shall be 0.',
  'BR-AE-02':
    'An invoice line with "Reverse charge" (AE) shall contain the seller and the buyer VAT identifiers (or buyer legal registration identifier).',
  'BR-AE-03':
    'A document allowance with "Reverse charge" (AE) shall contain the seller and the buyer VAT identifiers (or buyer legal registration identifier).',
  'BR-AE-04':
    'A document charge with "Reverse charge" (AE) shall contain the seller and the buyer VAT identifiers (or buyer legal registration identifier).',
  'BR-AE-05':
    'In an invoice line with "Reverse charge" (AE) the VAT rate (BT-152) shall be 0.',
  'BR-AE-06':
    'In a document allowance with "Reverse charge" (AE) the VAT rate (BT-96) shall be 0.',
  'BR-AE-07':
    'In a document charge with "Reverse charge" (AE) the VAT rate (BT-103) shall be 0.',
  'BR-IC-02':
    'An invoice line with "Intra-community supply" (K) shall contain the seller and the buyer VAT identifiers.',
  'BR-IC-03':
    'A document allowance with "Intra-community supply" (K) shall contain the seller and the buyer VAT identifiers.',
  'BR-IC-04':
    'A document charge with "Intra-community supply" (K) shall contain the seller and the buyer VAT identifiers.',
  'BR-IC-05':
    'In an invoice line with "Intra-community supply" (K) the VAT rate (BT-152) shall be 0.',
  'BR-IC-06':
    'In a document allowance with "Intra-community supply" (K) the VAT rate (BT-96) shall be 0.',
  'BR-IC-07':
    'In a document charge with "Intra-community supply" (K) the VAT rate (BT-103) shall be 0.',
  'BR-G-02':
    'An invoice line with "Export outside the EU" (G) shall contain the seller VAT identifier or tax representative VAT identifier.',
  'BR-G-03':
    'A document allowance with "Export outside the EU" (G) shall contain the seller VAT identifier or tax representative VAT identifier.',
  'BR-G-04':
    'A document charge with "Export outside the EU" (G) shall contain the seller VAT identifier or tax representative VAT identifier.',
  'BR-G-05':
    'In an invoice line with "Export outside the EU" (G) the VAT rate (BT-152) shall be 0.',
  'BR-G-06':
    'In a document allowance with "Export outside the EU" (G) the VAT rate (BT-96) shall be 0.',
  'BR-G-07':
    'In a document charge with "Export outside the EU" (G) the VAT rate (BT-103) shall be 0.',
  'BR-O-02':
    'An invoice line with "Not subject to VAT" (O) shall not contain the seller, tax representative or buyer VAT identifiers.',
  'BR-O-03':
    'A document allowance with "Not subject to VAT" (O) shall not contain the seller, tax representative or buyer VAT identifiers.',
  'BR-O-04':
    'A document charge with "Not subject to VAT" (O) shall not contain the seller, tax representative or buyer VAT identifiers.',
  'BR-O-05':
    'An invoice line with "Not subject to VAT" (O) shall not contain a VAT rate (BT-152).',
  'BR-O-06':
    'A document allowance with "Not subject to VAT" (O) shall not contain a VAT rate (BT-96).',
  'BR-O-07':
    'A document charge with "Not subject to VAT" (O) shall not contain a VAT rate (BT-103).',
  'BR-AF-02':
    'An invoice line with IGIC (L) shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-AF-03':
    'A document allowance with IGIC (L) shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-AF-04':
    'A document charge with IGIC (L) shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-AF-05':
    'In an invoice line with IGIC (L) the VAT rate (BT-152) shall be greater than 0.',
  'BR-AF-06':
    'In a document allowance with IGIC (L) the VAT rate (BT-96) shall be greater than 0.',
  'BR-AF-07':
    'In a document charge with IGIC (L) the VAT rate (BT-103) shall be greater than 0.',
  'BR-AG-02':
    'An invoice line with IPSI (M) shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-AG-03':
    'A document allowance with IPSI (M) shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-AG-04':
    'A document charge with IPSI (M) shall contain the seller VAT identifier, tax registration or tax representative VAT identifier.',
  'BR-AG-05':
    'In an invoice line with IPSI (M) the VAT rate (BT-152) shall be 0 or greater.',
  'BR-AG-06':
    'In a document allowance with IPSI (M) the VAT rate (BT-96) shall be 0 or greater.',
  'BR-AG-07':
    'In a document charge with IPSI (M) the VAT rate (BT-103) shall be 0 or greater.',
});
const R = VAT_CATEGORY_RULES;

/** Which parties the category needs (or forbids) VAT identifiers for. */
type PartyTest =
  | 'seller-abs'
  | 'reverse-charge'
  | 'export'
  | 'intra-community'
  | 'not-subject';
/** What the category allows as rate: `> 0`, `= 0`, `>= 0` or no rate at all. */
type RateTest = '>' | '=' | '>=' | 'none';

interface Category {
  readonly code: string;
  readonly parties: PartyTest;
  readonly rate: RateTest;
  /** [party rule, rate rule] for the line, the allowance and the charge. */
  readonly line: readonly [Rule, Rule];
  readonly allowance: readonly [Rule, Rule];
  readonly charge: readonly [Rule, Rule];
}

function cat(
  code: string,
  prefix: string,
  parties: PartyTest,
  rate: RateTest,
): Category {
  const id = (n: number): Rule =>
    (R as Record<string, Rule>)[`${prefix}-0${n}`] as Rule;
  return {
    code,
    parties,
    rate,
    line: [id(2), id(5)],
    allowance: [id(3), id(6)],
    charge: [id(4), id(7)],
  };
}

/** In the official rule order: a tax element matching several categories is judged by the first. */
const CATEGORIES: readonly Category[] = [
  cat('AE', 'BR-AE', 'reverse-charge', '='),
  cat('L', 'BR-AF', 'seller-abs', '>'),
  cat('M', 'BR-AG', 'seller-abs', '>='),
  cat('E', 'BR-E', 'seller-abs', '='),
  cat('G', 'BR-G', 'export', '='),
  cat('K', 'BR-IC', 'intra-community', '='),
  cat('O', 'BR-O', 'not-subject', 'none'),
  cat('S', 'BR-S', 'seller-abs', '>'),
  cat('Z', 'BR-Z', 'seller-abs', '='),
];

function partiesOk(doc: CiiDoc, test: PartyTest): boolean {
  switch (test) {
    case 'seller-abs':
      return doc.sellerVatOrTaxAbs;
    case 'reverse-charge':
      return (
        (doc.sellerTaxIdAny('VA,FC') || doc.repVatAny) &&
        (doc.buyerVatAny || doc.buyerLegalIdAny)
      );
    case 'export':
      return doc.sellerTaxIdAny('VA') || doc.repVatAny;
    case 'intra-community':
      return (doc.sellerTaxIdAny('VA') || doc.repVatAny) && doc.buyerVatAny;
    default:
      return !doc.sellerOrRepVatAbs && !doc.buyerVatAny;
  }
}

function judge(
  doc: CiiDoc,
  r: Reporter,
  tax: XmlElement,
  c: Category,
  ids: readonly [Rule, Rule],
): void {
  r.ok(ids[0], tax, partiesOk(doc, c.parties));
  const rates = kids(tax, RAM, 'RateApplicablePercent');
  if (c.rate === 'none') r.ok(ids[1], tax, rates.length === 0);
  else {
    const op = c.rate;
    r.check(ids[1], tax, () => anyVsZero(rates, op));
  }
}

/**
 * `//rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax[ram:CategoryCode = X][upper-case(ram:TypeCode) = 'VAT']`.
 */
export function lineTaxRules(doc: CiiDoc, r: Reporter, tax: XmlElement): void {
  const settlement = tax.parent;
  if (!is(settlement, RAM, 'SpecifiedLineTradeSettlement')) return;
  const line = settlement.parent;
  if (
    !is(line, RAM, 'IncludedSupplyChainTradeLineItem') ||
    !is(line.parent, RSM, 'SupplyChainTradeTransaction')
  )
    return;
  if (!isVatTyped(tax)) return;
  const codes = kids(tax, RAM, 'CategoryCode');
  const c = CATEGORIES.find((k) => anyEq(codes, k.code));
  if (c) judge(doc, r, tax, c, c.line);
}

/**
 * `//ram:SpecifiedTradeAllowanceCharge[ram:ChargeIndicator/udt:Indicator=false() | true()]/ram:CategoryTradeTax[ram:CategoryCode = X][upper-case(ram:TypeCode) = 'VAT']`,
 * at document or line level. An indicator that is not a boolean matches neither context.
 */
export function allowanceChargeTaxRules(
  doc: CiiDoc,
  r: Reporter,
  tax: XmlElement,
): void {
  const ac = tax.parent;
  if (!is(ac, RAM, 'SpecifiedTradeAllowanceCharge') || !isVatTyped(tax)) return;
  const codes = kids(tax, RAM, 'CategoryCode');
  for (const c of CATEGORIES) {
    if (!anyEq(codes, c.code)) continue;
    if (indicatorMatches(ac, false)) return judge(doc, r, tax, c, c.allowance);
    if (indicatorMatches(ac, true)) return judge(doc, r, tax, c, c.charge);
  }
}
