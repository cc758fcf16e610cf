import type Decimal from 'decimal.js';
import type { XmlElement } from '../../xml/xml-node';
import type { CiiDoc } from './cii-doc';
import {
  anyEq,
  anyNum,
  anyVsZero,
  dec,
  has,
  is,
  isVatTyped,
  kid,
  kids,
  path,
  RAM,
  round0,
  RSM,
} from './cii-xpath.util';
import type { Reporter, Rule } from './rule-kit';
import { rules } from './rule-kit';
import type { IndicatorMode } from './vat-sums';
import { expectedTaxable, rateOf, singleNum } from './vat-sums';

/** VAT breakdown (BG-23) rules per category: taxable amount, tax amount and exemption reason. */
export const VAT_BREAKDOWN_RULES = rules('fatal', {
  'BR-S-08':
    'For each rate of "Standard rated" (S), the taxable amount (BT-116) = sum of line net amounts + charges - allowances at that rate.',
  'BR-S-09':
    'The VAT category tax amount (BT-117) for "Standard rated" (S) = taxable amount (BT-116) x rate (BT-119).',
  'BR-S-10':
    'A "Standard rated" (S) VAT breakdown shall not have an exemption reason code (BT-121) or text (BT-120).',
  'BR-Z-08':
    'The "Zero rated" (Z) taxable amount (BT-116) = sum of Z line net amounts + charges - allowances.',
  'BR-Z-09':
    'The VAT category tax amount (BT-117) for "Zero rated" (Z) shall be 0.',
  'BR-Z-10':
    'A "Zero rated" (Z) VAT breakdown shall not have an exemption reason code (BT-121) or text (BT-120).',
  'BR-E-08':
    'The "Exempt from VAT" (E) taxable amount (BT-116) = sum of E line net amounts + charges - allowances.',
  'BR-E-09':
    'The VAT category tax amount (BT-117) for "Exempt from VAT" (E) shall be 0.',
  'BR-E-10':
    'An "Exempt from VAT" (E) VAT breakdown shall have an exemption reason code (BT-121) or text (BT-120).',
  'BR-AE-08':
    'The "Reverse charge" (AE) taxable amount (BT-116) = sum of AE line net amounts + charges - allowances.',
  'BR-AE-09':
    'The VAT category tax amount (BT-117) for "Reverse charge" (AE) shall be 0.',
  'BR-AE-10':
    'A "Reverse charge" (AE) VAT breakdown shall have an exemption reason code (BT-121) or text (BT-120).',
  'BR-IC-08':
    'The "Intra-community supply" (K) taxable amount (BT-116) = sum of K line net amounts + charges - allowances.',
  'BR-IC-09':
    'The VAT category tax amount (BT-117) for "Intra-community supply" (K) shall be 0.',
  'BR-IC-10':
    'An "Intra-community supply" (K) VAT breakdown shall have an exemption reason code (BT-121) or text (BT-120).',
  'BR-IC-11':
    'An "Intra-community supply" (K) invoice shall have an actual delivery date (BT-72) or an invoicing period (BG-14).',
  'BR-IC-12':
    'An "Intra-community supply" (K) invoice shall have a deliver-to country code (BT-80).',
  'BR-G-08':
    'The "Export outside the EU" (G) taxable amount (BT-116) = sum of G line net amounts + charges - allowances.',
  'BR-G-09':
    'The VAT category tax amount (BT-117) for "Export outside the EU" (G) shall be 0.',
  'BR-G-10':
    'An "Export outside the EU" (G) VAT breakdown shall have an exemption reason code (BT-121) or text (BT-120).',
  'BR-O-08':
    'The "Not subject to VAT" (O) taxable amount (BT-116) = sum of O line net amounts + charges - allowances.',
  'BR-O-09':
    'The VAT category tax amount (BT-117) for "Not subject to VAT" (O) shall be 0.',
  'BR-O-10':
    'A "Not subject to VAT" (O) VAT breakdown shall have an exemption reason code (BT-121) or text (BT-120).',
  'BR-O-11':
    'An invoice with an O VAT breakdown shall not contain other VAT breakdown groups (BG-23).',
  'BR-O-12':
    'An invoice with an O VAT breakdown shall not contain invoice lines with another VAT category (BT-151).',
  'BR-O-13':
    'An invoice with an O VAT breakdown shall not contain document allowances with another VAT category (BT-95).',
  'BR-O-14':
    'An invoice with an O VAT breakdown shall not contain document charges with another VAT category (BT-102).',
  'BR-AF-08':
    'For each IGIC (L) rate, the taxable amount (BT-116) = sum of line net amounts + charges - allowances at that rate.',
  'BR-AF-09':
    'The IGIC (L) tax amount (BT-117) = taxable amount (BT-116) x rate (BT-119).',
  'BR-AF-10':
    'An IGIC (L) VAT breakdown shall not have an exemption reason code (BT-121) or text (BT-120).',
  'BR-AG-08':
    'For each IPSI (M) rate, the taxable amount (BT-116) = sum of line net amounts + charges - allowances at that rate.',
  'BR-AG-09':
    'The IPSI (M) tax amount (BT-117) = taxable amount (BT-116) x rate (BT-119).',
  'BR-AG-10':
    'An IPSI (M) VAT breakdown shall not have an exemption reason code (BT-121) or text (BT-120).',
});
const R = VAT_BREAKDOWN_RULES;

interface ExemptCategory {
  readonly taxable: Rule;
  readonly zeroTax: Rule;
  readonly reason: Rule;
  /** The rule's context requires `//rsm:SupplyChainTradeTransaction/...` and a VAT type code. */
  readonly strict: boolean;
  readonly mode: IndicatorMode;
  /** The exemption reason is required (true) or forbidden (false). */
  readonly reasonRequired: boolean;
}

/** Categories judged on the breakdown's category code: taxable amount within 1, tax amount 0. */
const ZERO_TAX: ReadonlyMap<string, ExemptCategory> = new Map([
  [
    'AE',
    {
      taxable: R['BR-AE-08'],
      zeroTax: R['BR-AE-09'],
      reason: R['BR-AE-10'],
      strict: true,
      mode: 'compare',
      reasonRequired: true,
    },
  ],
  [
    'E',
    {
      taxable: R['BR-E-08'],
      zeroTax: R['BR-E-09'],
      reason: R['BR-E-10'],
      strict: true,
      mode: 'compare',
      reasonRequired: true,
    },
  ],
  [
    'G',
    {
      taxable: R['BR-G-08'],
      zeroTax: R['BR-G-09'],
      reason: R['BR-G-10'],
      strict: true,
      mode: 'compare',
      reasonRequired: true,
    },
  ],
  [
    'K',
    {
      taxable: R['BR-IC-08'],
      zeroTax: R['BR-IC-09'],
      reason: R['BR-IC-10'],
      strict: true,
      mode: 'compare',
      reasonRequired: true,
    },
  ],
  [
    'Z',
    {
      taxable: R['BR-Z-08'],
      zeroTax: R['BR-Z-09'],
      reason: R['BR-Z-10'],
      strict: false,
      mode: 'cast',
      reasonRequired: false,
    },
  ],
]);

const P_DELIVERY_DATE = path(
  'ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString',
);
const P_PERIOD_START = path('ram:BillingSpecifiedPeriod/ram:StartDateTime');
const P_PERIOD_END = path('ram:BillingSpecifiedPeriod/ram:EndDateTime');
const P_SHIP_TO_COUNTRY = path(
  'ram:ShipToTradeParty/ram:PostalTradeAddress/ram:CountryID',
);

function hasReason(tax: XmlElement): boolean {
  return (
    kid(tax, RAM, 'ExemptionReason') !== undefined ||
    kid(tax, RAM, 'ExemptionReasonCode') !== undefined
  );
}

/** `(basis - 1 < expected) and (basis + 1 > expected)`, basis being one untyped number. */
function withinOne(
  basisEls: readonly XmlElement[],
  expected: Decimal,
): boolean {
  const b = singleNum(basisEls);
  return b !== undefined && b.minus(1).lt(expected) && b.plus(1).gt(expected);
}

/**
 * `every $rate in owner/ram:RateApplicablePercent/xs:decimal(.) satisfies owner/ram:BasisAmount = expected($rate)`.
 * For S the owner is the breakdown; for L and M the official rule reads the settlement (`..` of
 * the breakdown), which has no rate, so those rules only fire on such malformed documents.
 */
function basisPerRateOk(doc: CiiDoc, owner: XmlElement, code: string): boolean {
  for (const rateEl of kids(owner, RAM, 'RateApplicablePercent')) {
    const rate = rateOf(rateEl);
    if (
      !anyNum(
        kids(owner, RAM, 'BasisAmount'),
        '=',
        expectedTaxable(doc, code, 'compare', rate),
      )
    )
      return false;
  }
  return true;
}

/** BR-S-09: |tax| within 1 of round(|basis| x rate) / 100. */
function standardTaxOk(tax: XmlElement): boolean {
  const calc = dec(kids(tax, RAM, 'CalculatedAmount'));
  const basis = dec(kids(tax, RAM, 'BasisAmount'));
  const rate = singleNum(kids(tax, RAM, 'RateApplicablePercent'));
  if (calc === undefined || basis === undefined || rate === undefined)
    return false;
  const expected = round0(basis.abs().times(rate)).div(100);
  return calc.abs().minus(1).lt(expected) && calc.abs().plus(1).gt(expected);
}

/**
 * Context `.../ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode` with value
 * S, Z (any settlement) or AE, E, G, K (under a transaction, VAT type code).
 */
export function breakdownCategoryRules(
  doc: CiiDoc,
  r: Reporter,
  code: XmlElement,
): void {
  const tax = code.parent;
  if (!is(tax, RAM, 'ApplicableTradeTax')) return;
  const settlement = tax.parent;
  if (!is(settlement, RAM, 'ApplicableHeaderTradeSettlement')) return;
  const value = code.text;
  if (value === 'S') {
    r.check(R['BR-S-08'], code, () => basisPerRateOk(doc, tax, 'S'));
    r.check(R['BR-S-09'], code, () => standardTaxOk(tax));
    r.ok(R['BR-S-10'], code, !hasReason(tax));
    return;
  }
  const c = ZERO_TAX.get(value);
  if (!c) return;
  if (
    c.strict &&
    !(
      is(settlement.parent, RSM, 'SupplyChainTradeTransaction') &&
      isVatTyped(tax)
    )
  )
    return;
  r.check(c.taxable, code, () =>
    withinOne(
      kids(tax, RAM, 'BasisAmount'),
      expectedTaxable(doc, value, c.mode),
    ),
  );
  r.check(c.zeroTax, code, () =>
    anyVsZero(kids(tax, RAM, 'CalculatedAmount'), '='),
  );
  r.ok(c.reason, code, hasReason(tax) === c.reasonRequired);
  if (value === 'K') {
    r.ok(
      R['BR-IC-11'],
      code,
      has(doc.delivery, P_DELIVERY_DATE) ||
        has(settlement, P_PERIOD_START) ||
        has(settlement, P_PERIOD_END),
    );
    r.ok(R['BR-IC-12'], code, has(doc.delivery, P_SHIP_TO_COUNTRY));
  }
}

/** `//ram:ApplicableTradeTax[ram:CategoryCode != 'O']` exists (or `//ram:CategoryTradeTax[...]`). */
function otherThanO(
  doc: CiiDoc,
  local: 'ApplicableTradeTax' | 'CategoryTradeTax',
): boolean {
  return doc.fact(`notO${local}`, () =>
    doc
      .ram(local)
      .some((t) => kids(t, RAM, 'CategoryCode').some((c) => c.text !== 'O')),
  );
}

/**
 * Context `//rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax[ram:CategoryCode = L | M | O][VAT]`.
 * Returns false when the breakdown is none of these, so the generic breakdown rules apply.
 */
export function breakdownTaxRules(
  doc: CiiDoc,
  r: Reporter,
  tax: XmlElement,
): boolean {
  const settlement = tax.parent;
  if (
    !is(settlement, RAM, 'ApplicableHeaderTradeSettlement') ||
    !is(settlement.parent, RSM, 'SupplyChainTradeTransaction')
  )
    return false;
  if (!isVatTyped(tax)) return false;
  const codes = kids(tax, RAM, 'CategoryCode');
  if (anyEq(codes, 'L') || anyEq(codes, 'M')) {
    const L = anyEq(codes, 'L');
    r.check(L ? R['BR-AF-08'] : R['BR-AG-08'], tax, () =>
      basisPerRateOk(doc, settlement, L ? 'L' : 'M'),
    );
    r.ok(L ? R['BR-AF-10'] : R['BR-AG-10'], tax, !hasReason(tax));
    return true;
  }
  if (!anyEq(codes, 'O')) return false;
  r.check(R['BR-O-08'], tax, () =>
    anyNum(
      kids(tax, RAM, 'BasisAmount'),
      '=',
      expectedTaxable(doc, 'O', 'cast'),
    ),
  );
  r.check(R['BR-O-09'], tax, () =>
    anyVsZero(kids(tax, RAM, 'CalculatedAmount'), '='),
  );
  r.ok(R['BR-O-10'], tax, hasReason(tax));
  const otherTax = otherThanO(doc, 'ApplicableTradeTax');
  const otherAc = otherThanO(doc, 'CategoryTradeTax');
  r.ok(R['BR-O-11'], tax, !otherTax);
  r.ok(R['BR-O-12'], tax, !otherTax);
  r.ok(R['BR-O-13'], tax, !otherAc);
  r.ok(R['BR-O-14'], tax, !otherAc);
  return true;
}

/** BR-AF-09 and BR-AG-09 are `true()` in the official rules: declared for completeness, never reported. */
export const ALWAYS_TRUE: readonly Rule[] = [R['BR-AF-09'], R['BR-AG-09']];
