import { NS, first, select } from '../../xml/query';
import type { XmlElement } from '../../xml/xml-node';
import { Dec, round2, xsDate, xsDouble } from '../common';
import { anyText, at, is, kid, kids, parentIs, text } from './rule-context';
import type { UblDoc } from './ubl-doc';
import { lineNetWithinSlackFast } from './line-amount.util';
import { allowanceChargePercentage, dec, SLACK, ZERO } from './syntax-neutral.rules';
import { decDiv, nsp, withinSlack } from './xpath.util';

/**
 * Peppol BIS 3.0 transaction rules for UBL (PEPPOL-EN16931-R0xx/R1xx): document level, parties,
 * allowances and charges, payment, currencies, lines and prices.
 * A value the official XPath cannot cast (e.g. `xs:decimal('abc')`) fails the assertion.
 */

const { cbc: CBC, cac: CAC } = NS;
const ONE = new Dec(1);
const SPEC_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';

/** Names of the amount elements whose currency must be the document currency (R051) and ISO 4217 (CL007). */
export const UBL_AMOUNT_NAMES = [
  'Amount',
  'BaseAmount',
  'PriceAmount',
  'TaxableAmount',
  'LineExtensionAmount',
  'TaxExclusiveAmount',
  'TaxInclusiveAmount',
  'AllowanceTotalAmount',
  'ChargeTotalAmount',
  'PrepaidAmount',
  'PayableRoundingAmount',
  'PayableAmount',
] as const;

/** xs:decimal of an element: undefined when absent, null when XPath would raise a cast error. */
/** `xs:decimal(x) OP 0` as a general comparison over nodes: any node that casts and satisfies. */
function someSign(nodes: readonly XmlElement[], pred: (v: number) => boolean): boolean {
  for (const n of nodes) {
    const v = xsDouble(n.text);
    if (v !== undefined && pred(v)) return true;
  }
  return false;
}

/** Runs the UBL transaction rules. */
export function runUblCore(d: UblDoc): void {
  emptyElements(d);
  documentLevel(d);
  for (const el of d.all(CBC, 'TaxCurrencyCode')) {
    d.check(
      nsp(el.text) !== nsp(text(kid(el.parent, CBC, 'DocumentCurrencyCode'))),
      'PEPPOL-EN16931-R005',
      'fatal',
      el,
      'VAT accounting currency code (BT-6) MUST differ from the invoice currency code (BT-5).',
    );
  }
  for (const party of d.all(CAC, 'Party')) {
    if (parentIs(party, CAC, 'AccountingCustomerParty')) {
      d.check(!!kid(party, CBC, 'EndpointID'), 'PEPPOL-EN16931-R010', 'fatal', party, 'Buyer electronic address (BT-49) MUST be provided.');
    } else if (parentIs(party, CAC, 'AccountingSupplierParty')) {
      d.check(!!kid(party, CBC, 'EndpointID'), 'PEPPOL-EN16931-R020', 'fatal', party, 'Seller electronic address (BT-34) MUST be provided.');
    }
  }
  allowanceCharges(d);
  for (const pm of d.all(CAC, 'PaymentMeans')) {
    const code = nsp(text(kid(pm, CBC, 'PaymentMeansCode')));
    if (code === '49' || code === '59') {
      d.check(!!first(pm, 'cac:PaymentMandate/cbc:ID'), 'PEPPOL-EN16931-R061', 'fatal', pm, 'Mandate reference (BT-89) MUST be provided for direct debit.');
    }
  }
  currencies(d);
  linePeriods(d);
  for (const line of [...d.all(CAC, 'InvoiceLine'), ...d.all(CAC, 'CreditNoteLine')]) lineRules(d, line);
  for (const ac of d.all(CAC, 'AllowanceCharge')) if (parentIs(ac, CAC, 'Price')) priceAllowance(d, ac);
  for (const bq of d.all(CBC, 'BaseQuantity')) {
    const unit = at(bq, 'unitCode');
    if (unit === undefined || !parentIs(bq, CAC, 'Price')) continue;
    const line = bq.parent?.parent;
    const hasQuantity = !!kid(line, CBC, 'InvoicedQuantity') || !!kid(line, CBC, 'CreditedQuantity');
    const quantities = kids(line, CBC, d.isInvoice ? 'InvoicedQuantity' : 'CreditedQuantity');
    d.check(
      !hasQuantity || quantities.some((q) => at(q, 'unitCode') === unit),
      'PEPPOL-EN16931-R130',
      'fatal',
      bq,
      'Unit code of the price base quantity (BT-150) MUST be the same as that of the invoiced quantity (BT-130).',
    );
  }
}

function emptyElements(d: UblDoc): void {
  for (const el of d.blankLeaves) d.fire('PEPPOL-EN16931-R008', 'fatal', el, 'Document MUST not contain empty elements.');
}

function documentLevel(d: UblDoc): void {
  const root = d.root;
  if (d.isCreditNote) {
    const projects = kids(root, CAC, 'AdditionalDocumentReference').filter((r) => anyText(kids(r, CBC, 'DocumentTypeCode'), '50'));
    d.check(projects.length <= 1, 'PEPPOL-EN16931-R080', 'fatal', root, 'Only one project reference (BT-11) is allowed on document level.');
  }
  if (!d.isInvoice && !d.isCreditNote) return;
  d.check(!!kid(root, CBC, 'ProfileID'), 'PEPPOL-EN16931-R001', 'fatal', root, 'Business process (BT-23) MUST be provided.');
  d.check(
    d.profile !== undefined && d.profile !== 'Unknown',
    'PEPPOL-EN16931-R007',
    'fatal',
    root,
    "Business process (BT-23) MUST have the form 'urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0'.",
  );
  d.check(
    kids(root, CBC, 'Note').length <= 1 || d.germanDomestic,
    'PEPPOL-EN16931-R002',
    'fatal',
    root,
    'No more than one invoice note (BT-22) is allowed, unless seller and buyer are both German.',
  );
  d.check(
    !!kid(root, CBC, 'BuyerReference') || !!first(root, 'cac:OrderReference/cbc:ID'),
    'PEPPOL-EN16931-R003',
    'fatal',
    root,
    'A buyer reference (BT-10) or purchase order reference (BT-13) MUST be provided.',
  );
  d.check(
    nsp(text(kids(root, CBC, 'CustomizationID'))).startsWith(SPEC_ID),
    'PEPPOL-EN16931-R004',
    'fatal',
    root,
    `Specification identifier (BT-24) MUST start with '${SPEC_ID}'.`,
  );
  const taxTotals = kids(root, CAC, 'TaxTotal');
  const withSubtotals = taxTotals.filter((t) => !!kid(t, CAC, 'TaxSubtotal')).length;
  const taxCurrency = kid(root, CBC, 'TaxCurrencyCode');
  d.check(withSubtotals === 1, 'PEPPOL-EN16931-R053', 'fatal', root, 'Exactly one tax total with tax subtotals MUST be provided.');
  d.check(
    taxTotals.length - withSubtotals === (taxCurrency ? 1 : 0),
    'PEPPOL-EN16931-R054',
    'fatal',
    root,
    'Exactly one tax total without tax subtotals MUST be provided when, and only when, a VAT accounting currency (BT-6) is given.',
  );
  if (taxCurrency) {
    const amounts = select(root, 'cac:TaxTotal/cbc:TaxAmount');
    const taxCode = nsp(taxCurrency.text);
    const docCode = nsp(text(kids(root, CBC, 'DocumentCurrencyCode')));
    const inTax = amounts.filter((a) => at(a, 'currencyID') === taxCode);
    const inDoc = amounts.filter((a) => at(a, 'currencyID') === docCode);
    const le0 = (v: number) => v <= 0;
    const ge0 = (v: number) => v >= 0;
    d.check(
      (someSign(inTax, le0) && someSign(inDoc, le0)) || (someSign(inTax, ge0) && someSign(inDoc, ge0)),
      'PEPPOL-EN16931-R055',
      'fatal',
      root,
      'Invoice total VAT amount (BT-110) and total VAT amount in accounting currency (BT-111) MUST have the same sign.',
    );
  }
}

function allowanceCharges(d: UblDoc): void {
  const acs = kids(d.root, CAC, 'AllowanceCharge');
  if (d.isInvoice || d.isCreditNote) for (const line of d.lines) acs.push(...kids(line, CAC, 'AllowanceCharge'));
  else acs.length = 0;
  for (const ac of acs) {
    const factor = kid(ac, CBC, 'MultiplierFactorNumeric');
    const base = kid(ac, CBC, 'BaseAmount');
    if (!allowanceChargePercentage(d, ac, factor, base, kid(ac, CBC, 'Amount'))) continue;
    const indicator = nsp(text(kids(ac, CBC, 'ChargeIndicator')));
    d.check(
      indicator === 'true' || indicator === 'false',
      'PEPPOL-EN16931-R043',
      'fatal',
      ac,
      "Allowance/charge indicator MUST be 'true' or 'false'.",
    );
  }
}

function currencies(d: UblDoc): void {
  const docCodes = kids(d.root, CBC, 'DocumentCurrencyCode').map((c) => c.text);
  const check = (el: XmlElement) => {
    const cur = at(el, 'currencyID');
    d.check(
      cur !== undefined && docCodes.includes(cur),
      'PEPPOL-EN16931-R051',
      'fatal',
      el,
      'All currencyID attributes MUST equal the invoice currency code (BT-5), except the VAT total in accounting currency (BT-111).',
    );
  };
  for (const name of UBL_AMOUNT_NAMES) for (const el of d.all(CBC, name)) check(el);
  for (const el of d.all(CBC, 'TaxAmount')) {
    const p = el.parent;
    if (is(p, CAC, 'TaxSubtotal') || (is(p, CAC, 'TaxTotal') && !!kid(p, CAC, 'TaxSubtotal'))) check(el);
  }
}

function linePeriods(d: UblDoc): void {
  const start = first(d.root, 'cac:InvoicePeriod/cbc:StartDate');
  const end = first(d.root, 'cac:InvoicePeriod/cbc:EndDate');
  if (!start && !end) return;
  const docStart = start ? xsDate(start.text) : undefined;
  const docEnd = end ? xsDate(end.text) : undefined;
  for (const line of d.lines) {
    for (const period of kids(line, CAC, 'InvoicePeriod')) {
      if (start) {
        for (const s of kids(period, CBC, 'StartDate')) {
          const v = xsDate(s.text);
          d.check(
            v !== undefined && docStart !== undefined && v >= docStart,
            'PEPPOL-EN16931-R110',
            'fatal',
            s,
            'Start date of the line period (BT-134) MUST be within the invoice period.',
          );
        }
      }
      if (end) {
        for (const e of kids(period, CBC, 'EndDate')) {
          const v = xsDate(e.text);
          d.check(
            v !== undefined && docEnd !== undefined && v <= docEnd,
            'PEPPOL-EN16931-R111',
            'fatal',
            e,
            'End date of the line period (BT-135) MUST be within the invoice period.',
          );
        }
      }
    }
  }
}

/** quantity * (price div base) + charges - allowances, skipping the no-op steps (this runs for every line). */
export function lineNet(quantity: Dec, price: Dec, base: Dec, charges: Dec, allowances: Dec): Dec {
  const unitPrice = base === ONE || base.eq(ONE) ? price : (decDiv(price, base) as Dec);
  let net = quantity.times(unitPrice);
  if (!charges.isZero()) net = net.plus(charges);
  if (!allowances.isZero()) net = net.minus(allowances);
  return net;
}

/** `round(sum(AllowanceCharge[indicator]/cbc:Amount) * 100) div 100`, 0 when no such allowance/charge; null on a cast error. */
function lineAllowanceTotal(line: XmlElement, indicator: string): Dec | null {
  let any = false;
  let sum = ZERO;
  for (const ac of line.children) {
    if (ac.local !== 'AllowanceCharge' || ac.ns !== CAC || nsp(kid(ac, CBC, 'ChargeIndicator')?.text) !== indicator) continue;
    any = true;
    for (const amount of ac.children) {
      if (amount.local !== 'Amount' || amount.ns !== CBC) continue;
      const v = dec(amount);
      if (!v) return null;
      sum = sum.plus(v);
    }
  }
  return any ? round2(sum) : ZERO;
}

/** Amount texts of the line allowances (`'false'`) or charges (`'true'`). */
function lineAmountTexts(line: XmlElement, indicator: string): string[] {
  const out: string[] = [];
  for (const ac of line.children) {
    if (ac.local !== 'AllowanceCharge' || ac.ns !== CAC || nsp(kid(ac, CBC, 'ChargeIndicator')?.text) !== indicator) continue;
    for (const amount of ac.children) if (amount.local === 'Amount' && amount.ns === CBC) out.push(amount.text);
  }
  return out;
}

function lineRules(d: UblDoc, line: XmlElement): void {
  const lineAmountEl = kid(line, CBC, 'LineExtensionAmount');
  const quantityEl = kid(line, CBC, d.isInvoice ? 'InvoicedQuantity' : 'CreditedQuantity');
  const priceGroup = kid(line, CAC, 'Price');
  const priceEl = kid(priceGroup, CBC, 'PriceAmount');
  const baseEl = kid(priceGroup, CBC, 'BaseQuantity');
  const baseValue = dec(baseEl);
  let ok = lineNetWithinSlackFast({
    lineAmount: lineAmountEl?.text,
    quantity: quantityEl?.text,
    price: priceEl?.text,
    baseQuantity: baseEl?.text,
    charges: lineAmountTexts(line, 'true'),
    allowances: lineAmountTexts(line, 'false'),
  });
  if (ok === undefined) {
    const lineAmount = lineAmountEl ? dec(lineAmountEl) : ZERO;
    const quantity = quantityEl ? dec(quantityEl) : ONE;
    const price = priceEl ? dec(priceEl) : ZERO;
    const baseQuantity = baseEl ? (baseValue === null ? null : baseValue && !baseValue.isZero() ? baseValue : ONE) : ONE;
    const allowances = lineAllowanceTotal(line, 'false');
    const charges = lineAllowanceTotal(line, 'true');
    ok = !!(lineAmount && quantity && price && baseQuantity && allowances && charges) && withinSlack(lineAmount, lineNet(quantity, price, baseQuantity, charges, allowances), SLACK);
  }
  d.check(
    ok,
    'PEPPOL-EN16931-R120',
    'fatal',
    line,
    'Invoice line net amount (BT-131) MUST equal quantity * (net price / base quantity) + line charges - line allowances (within 0.02).',
  );
  d.check(!baseEl || (!!baseValue && baseValue.gt(0)), 'PEPPOL-EN16931-R121', 'fatal', line, 'Item price base quantity (BT-149) MUST be above zero.');
  const refs = kid(line, CAC, 'DocumentReference') ? kids(line, CAC, 'DocumentReference') : [];
  d.check(refs.length <= 1, 'PEPPOL-EN16931-R100', 'fatal', line, 'Only one invoiced object identifier (BT-128) is allowed per line.');
  d.check(
    refs.length === 0 || refs.some((r) => anyText(kids(r, CBC, 'DocumentTypeCode'), '130')),
    'PEPPOL-EN16931-R101',
    'fatal',
    line,
    "A line document reference can only be an invoiced object identifier (DocumentTypeCode '130').",
  );
}

function priceAllowance(d: UblDoc, ac: XmlElement): void {
  d.check(
    nsp(text(kids(ac, CBC, 'ChargeIndicator'))) === 'false',
    'PEPPOL-EN16931-R044',
    'fatal',
    ac,
    "Charges are not allowed on price level: the charge indicator MUST be 'false'.",
  );
  const base = kid(ac, CBC, 'BaseAmount');
  if (!base) return;
  const net = dec(kid(ac.parent, CBC, 'PriceAmount'));
  const gross = dec(base);
  const discount = dec(kid(ac, CBC, 'Amount'));
  d.check(
    !!net && !!gross && !!discount && net.eq(gross.minus(discount)),
    'PEPPOL-EN16931-R046',
    'fatal',
    ac,
    'Item net price (BT-146) MUST equal gross price (BT-148) - price discount (BT-147).',
  );
}
