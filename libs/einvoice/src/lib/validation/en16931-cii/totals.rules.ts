import type Decimal from 'decimal.js';
import type { XmlElement } from '../../xml/xml-node';
import { decimalsAfterPoint } from '../common';
import type { CiiDoc } from './cii-doc';
import {
  anyEqSeq,
  anyNum,
  at,
  dec,
  finite,
  indicatorIs,
  is,
  kid,
  kids,
  num,
  path,
  RAM,
  round2,
  sel,
  str,
  sumNum,
} from './cii-xpath.util';
import type { Reporter } from './rule-kit';
import { rules } from './rule-kit';

/** Rules on the document totals (BG-22), context `//ram:SpecifiedTradeSettlementHeaderMonetarySummation`. */
export const TOTALS_RULES = rules('fatal', {
  'BR-12': 'An invoice shall have the sum of invoice line net amount (BT-106).',
  'BR-13':
    'An invoice shall have the invoice total amount without VAT (BT-109).',
  'BR-14': 'An invoice shall have the invoice total amount with VAT (BT-112).',
  'BR-15': 'An invoice shall have the amount due for payment (BT-115).',
  'BR-53':
    'If the VAT accounting currency code (BT-6) is present, the invoice total VAT amount in accounting currency (BT-111) shall be provided.',
  'BR-CO-10':
    'Sum of invoice line net amount (BT-106) = sum of invoice line net amounts (BT-131).',
  'BR-CO-11':
    'Sum of allowances on document level (BT-107) = sum of document level allowance amounts (BT-92).',
  'BR-CO-12':
    'Sum of charges on document level (BT-108) = sum of document level charge amounts (BT-99).',
  'BR-CO-13':
    'Invoice total amount without VAT (BT-109) = sum of line net amounts (BT-106) - allowances (BT-107) + charges (BT-108).',
  'BR-CO-16':
    'Amount due for payment (BT-115) = invoice total with VAT (BT-112) - paid amount (BT-113) + rounding amount (BT-114).',
  'BR-DEC-09':
    'The sum of invoice line net amount (BT-106) shall have at most 2 decimals.',
  'BR-DEC-10':
    'The sum of allowances on document level (BT-107) shall have at most 2 decimals.',
  'BR-DEC-11':
    'The sum of charges on document level (BT-108) shall have at most 2 decimals.',
  'BR-DEC-12':
    'The invoice total amount without VAT (BT-109) shall have at most 2 decimals.',
  'BR-DEC-13':
    'The invoice total VAT amount (BT-110) shall have at most 2 decimals.',
  'BR-DEC-14':
    'The invoice total amount with VAT (BT-112) shall have at most 2 decimals.',
  'BR-DEC-15':
    'The invoice total VAT amount in accounting currency (BT-111) shall have at most 2 decimals.',
  'BR-DEC-16': 'The paid amount (BT-113) shall have at most 2 decimals.',
  'BR-DEC-17': 'The rounding amount (BT-114) shall have at most 2 decimals.',
  'BR-DEC-18':
    'The amount due for payment (BT-115) shall have at most 2 decimals.',
  'BR-CO-14':
    'Invoice total VAT amount (BT-110) = sum of VAT category tax amounts (BT-117).',
});
const R = TOTALS_RULES;

const P_LINE_TOTALS = path(
  'ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount',
);
const P_HEADER_AC = path('ram:SpecifiedTradeAllowanceCharge');
const P_CALCULATED = path('ram:ApplicableTradeTax/ram:CalculatedAmount');

/** `string-length(substring-after(ram:local, '.')) <= 2`. */
function twoDecimals(el: XmlElement, local: string): boolean {
  return decimalsAfterPoint(str(kids(el, RAM, local))) <= 2;
}

/** `xs:decimal(ram:local[1])`. */
function first(el: XmlElement, local: string): Decimal | undefined {
  return dec(kids(el, RAM, local).slice(0, 1));
}

/** `. = round(. * 100) div 100` on an untyped amount. */
function atMostTwoDecimals(amount: XmlElement): boolean {
  const x = num(amount.text);
  return x.eq(round2(x));
}

/** BR-CO-11 / BR-CO-12: the total of allowances (false) or charges (true) matches the document level ones. */
function allowanceChargeTotalOk(
  doc: CiiDoc,
  sum: XmlElement,
  charge: boolean,
  totalLocal: string,
): boolean {
  const { count, expected } = doc.shared(`acTotal:${charge}`, undefined, () => {
    const acs = sel(doc.settlement, P_HEADER_AC).filter((ac) =>
      indicatorIs(ac, charge),
    );
    const amounts = acs.flatMap((ac) =>
      kids(ac, RAM, 'ActualAmount').slice(0, 1),
    );
    return { count: acs.length, expected: round2(sumNum(amounts)) };
  });
  const totals = kids(sum, RAM, totalLocal);
  if (count === 0 && totals.length === 0) return true;
  return anyNum(totals, '=', expected);
}

/** BR-CO-13: tax basis = round2(line total - allowances + charges), each part optional. */
function taxBasisOk(sum: XmlElement): boolean {
  const basis = first(sum, 'TaxBasisTotalAmount');
  const hasA = kid(sum, RAM, 'AllowanceTotalAmount') !== undefined;
  const hasC = kid(sum, RAM, 'ChargeTotalAmount') !== undefined;
  const eq = (v: Decimal | undefined): boolean =>
    basis !== undefined && v !== undefined && basis.eq(round2(v));
  const line = first(sum, 'LineTotalAmount');
  const a = first(sum, 'AllowanceTotalAmount');
  const c = first(sum, 'ChargeTotalAmount');
  if (
    line !== undefined &&
    a !== undefined &&
    c !== undefined &&
    eq(line.minus(a).plus(c))
  )
    return true;
  if (line !== undefined && a !== undefined && eq(line.minus(a)) && !hasC)
    return true;
  if (line !== undefined && c !== undefined && eq(line.plus(c)) && !hasA)
    return true;
  return eq(line) && !hasC && !hasA;
}

/** BR-CO-16: due = grand - prepaid + rounding, each of prepaid and rounding optional. */
function duePayableOk(sum: XmlElement): boolean {
  const due = first(sum, 'DuePayableAmount');
  const grand = first(sum, 'GrandTotalAmount');
  const prepaid = first(sum, 'TotalPrepaidAmount');
  const rounding = first(sum, 'RoundingAmount');
  const hasP = kid(sum, RAM, 'TotalPrepaidAmount') !== undefined;
  const hasR = kid(sum, RAM, 'RoundingAmount') !== undefined;
  const eq = (v: Decimal | undefined): boolean =>
    due !== undefined && v !== undefined && due.eq(v);
  if (grand === undefined) return false;
  if (
    prepaid !== undefined &&
    rounding !== undefined &&
    eq(grand.minus(prepaid).plus(rounding))
  )
    return true;
  if (rounding !== undefined && eq(grand.plus(rounding)) && !hasP) return true;
  if (prepaid !== undefined && eq(grand.minus(prepaid)) && !hasR) return true;
  return eq(grand) && !hasP && !hasR;
}

/** Rules in context `//ram:SpecifiedTradeSettlementHeaderMonetarySummation`. */
export function totalsRules(
  doc: CiiDoc,
  r: Reporter,
  sum: XmlElement,
  root: XmlElement,
): void {
  for (const [id, local] of [
    ['BR-12', 'LineTotalAmount'],
    ['BR-13', 'TaxBasisTotalAmount'],
    ['BR-14', 'GrandTotalAmount'],
    ['BR-15', 'DuePayableAmount'],
  ] as const) {
    r.ok(R[id], sum, kid(sum, RAM, local) !== undefined);
  }
  const taxCur = doc.taxCurrency;
  const invCur = doc.invoiceCurrency;
  const taxTotals = kids(sum, RAM, 'TaxTotalAmount');
  r.ok(
    R['BR-53'],
    sum,
    taxCur.length === 0 ||
      (anyEqSeq(attrValues(taxTotals), taxCur) && !anyEqSeq(taxCur, invCur)),
  );
  r.check(R['BR-CO-10'], sum, () => {
    const lineTotal = dec(kids(sum, RAM, 'LineTotalAmount'));
    const tx =
      sum.parent && sum.parent !== root ? sum.parent.parent : undefined;
    const lines = doc.shared('lineTotals', tx, () =>
      round2(finite(sumNum(tx ? sel(tx, P_LINE_TOTALS) : []))),
    );
    return lineTotal !== undefined && lineTotal.eq(lines);
  });
  r.check(R['BR-CO-11'], sum, () =>
    allowanceChargeTotalOk(doc, sum, false, 'AllowanceTotalAmount'),
  );
  r.check(R['BR-CO-12'], sum, () =>
    allowanceChargeTotalOk(doc, sum, true, 'ChargeTotalAmount'),
  );
  r.check(R['BR-CO-13'], sum, () => taxBasisOk(sum));
  r.check(R['BR-CO-16'], sum, () => duePayableOk(sum));
  for (const [id, local] of [
    ['BR-DEC-09', 'LineTotalAmount'],
    ['BR-DEC-10', 'AllowanceTotalAmount'],
    ['BR-DEC-11', 'ChargeTotalAmount'],
    ['BR-DEC-12', 'TaxBasisTotalAmount'],
    ['BR-DEC-14', 'GrandTotalAmount'],
  ] as const) {
    r.check(R[id], sum, () => twoDecimals(sum, local));
  }
  r.check(
    R['BR-DEC-13'],
    sum,
    () =>
      taxTotals.length === 0 ||
      taxTotals.some((t) => {
        const inInvoiceCurrency = anyEqSeq(attrValues([t]), invCur);
        return (
          (inInvoiceCurrency && atMostTwoDecimals(t)) || !inInvoiceCurrency
        );
      }),
  );
  r.check(
    R['BR-DEC-15'],
    sum,
    () =>
      taxTotals.length === 0 ||
      taxTotals.some(
        (t) =>
          (anyEqSeq(attrValues([t]), taxCur) && atMostTwoDecimals(t)) ||
          taxCur.length === 0,
      ),
  );
  for (const [id, local] of [
    ['BR-DEC-16', 'TotalPrepaidAmount'],
    ['BR-DEC-17', 'RoundingAmount'],
    ['BR-DEC-18', 'DuePayableAmount'],
  ] as const) {
    r.check(R[id], sum, () => twoDecimals(sum, local));
  }
}

function attrValues(els: readonly XmlElement[]): string[] {
  const out: string[] = [];
  for (const e of els) {
    const v = at(e, 'currencyID');
    if (v !== undefined) out.push(v);
  }
  return out;
}

/**
 * BR-CO-14, context `//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:TaxTotalAmount` whose
 * currency is the invoice currency: it equals round2 of the sum of the VAT breakdown tax amounts.
 */
export function taxTotalRules(
  doc: CiiDoc,
  r: Reporter,
  taxTotal: XmlElement,
): void {
  if (
    !is(taxTotal.parent, RAM, 'SpecifiedTradeSettlementHeaderMonetarySummation')
  )
    return;
  const cur = at(taxTotal, 'currencyID');
  if (cur === undefined || !doc.invoiceCurrency.some((c) => c.text === cur))
    return;
  r.check(R['BR-CO-14'], taxTotal, () =>
    num(taxTotal.text).eq(
      doc.shared('vatTotal', undefined, () =>
        round2(sumNum(sel(doc.settlement, P_CALCULATED))),
      ),
    ),
  );
}
