import type { XmlElement } from '../../xml/xml-node';
import { Dec, round2 } from '../common/decimal.util';
import { canonicalDecimal } from '../common/decimal-sum.util';
import { CAC, CBC, cbc, cbcs, type UblIndex } from './ubl-index';
import { xsDouble } from '../common/xpath.util';
import type { VatFacts } from './vat-facts';
import { CastError, decEq, xd, xdReq, xdouble } from './xpath-values';

/** How a VAT category constrains the rate, the breakdown amounts and the exemption reason. */
interface CategorySpec {
  readonly code: string;
  /** Rule id prefix, e.g. `BR-AE`, `BR-IC` (K), `BR-AF` (L), `BR-AG` (M). */
  readonly prefix: string;
  readonly label: string;
  /** -05/-06/-07: rate on lines, allowances, charges. */
  readonly percent: 'zero' | 'positive' | 'nonNegative' | 'absent';
  /** -08: `exact` = taxable amount equals the category sums; `rate` = per rate within +/-1; `rateExists` adds an existence test (S). */
  readonly taxable: 'exact' | 'rate' | 'rateExists';
  /** -09: `zero` = tax amount is 0; `rate` = taxable x rate within +/-1. */
  readonly taxAmount: 'zero' | 'rate';
  /** -10: exemption reason text or code required or forbidden. */
  readonly exemption: 'required' | 'forbidden';
}

/** The EN 16931 VAT categories with their rule families. */
export const VAT_CATEGORY_SPECS: readonly CategorySpec[] = [
  { code: 'AE', prefix: 'BR-AE', label: 'Reverse charge', percent: 'zero', taxable: 'exact', taxAmount: 'zero', exemption: 'required' },
  { code: 'E', prefix: 'BR-E', label: 'Exempt from VAT', percent: 'zero', taxable: 'exact', taxAmount: 'zero', exemption: 'required' },
  { code: 'G', prefix: 'BR-G', label: 'Export outside the EU', percent: 'zero', taxable: 'exact', taxAmount: 'zero', exemption: 'required' },
  { code: 'K', prefix: 'BR-IC', label: 'Intra-community supply', percent: 'zero', taxable: 'exact', taxAmount: 'zero', exemption: 'required' },
  { code: 'L', prefix: 'BR-AF', label: 'IGIC', percent: 'nonNegative', taxable: 'rate', taxAmount: 'rate', exemption: 'forbidden' },
  { code: 'M', prefix: 'BR-AG', label: 'IPSI', percent: 'nonNegative', taxable: 'rate', taxAmount: 'rate', exemption: 'forbidden' },
  { code: 'O', prefix: 'BR-O', label: 'Not subject to VAT', percent: 'absent', taxable: 'exact', taxAmount: 'zero', exemption: 'required' },
  { code: 'S', prefix: 'BR-S', label: 'Standard rated', percent: 'positive', taxable: 'rateExists', taxAmount: 'rate', exemption: 'forbidden' },
  { code: 'Z', prefix: 'BR-Z', label: 'Zero rated', percent: 'zero', taxable: 'exact', taxAmount: 'zero', exemption: 'forbidden' },
];

const PERCENT_TEXT = {
  zero: 'shall be 0 (zero)',
  positive: 'shall be greater than zero',
  nonNegative: 'shall be 0 (zero) or greater than zero',
  absent: 'shall not be present',
} as const;

/** Rule ids and messages per category, built once (the line rule runs for every line). */
const RATE_RULES = new Map(
  VAT_CATEGORY_SPECS.map((spec) => {
    const rate = PERCENT_TEXT[spec.percent];
    return [
      spec.code,
      {
        spec,
        line: [`${spec.prefix}-05`, `In an invoice line with VAT category "${spec.label}" the invoiced item VAT rate (BT-152) ${rate}.`] as const,
        allowance: [`${spec.prefix}-06`, `In a document level allowance with VAT category "${spec.label}" the allowance VAT rate (BT-96) ${rate}.`] as const,
        charge: [`${spec.prefix}-07`, `In a document level charge with VAT category "${spec.label}" the charge VAT rate (BT-103) ${rate}.`] as const,
      },
    ];
  }),
);

/** The rate test of a category; false (failed assertion) where XPath raises an error. */
function percentOk(spec: CategorySpec, cat: XmlElement): boolean {
  let count = 0;
  let first: XmlElement | undefined;
  for (const c of cat.children) {
    if (c.local === 'Percent' && c.ns === CBC) {
      count++;
      first ??= c;
    }
  }
  if (spec.percent === 'absent') return count === 0;
  if (!first) return false;
  if (spec.percent === 'zero') {
    // xs:decimal(cbc:Percent) = 0: empty is false, two values a type error.
    const r = count === 1 ? canonicalDecimal(first.text) : undefined;
    return r === '0';
  }
  // General comparison in xs:double, existential over the percents.
  for (const c of cat.children) {
    if (c.local !== 'Percent' || c.ns !== CBC) continue;
    const v = xsDouble(c.text);
    if (v === undefined) return false;
    if (spec.percent === 'positive' ? v > 0 : v >= 0) return true;
  }
  return false;
}

/** Line (-05), allowance (-06), charge (-07) and breakdown (-08..-10) rules per VAT category. */
export function vatCategoryRules(ix: UblIndex, facts: VatFacts): void {
  for (const rec of facts.categories) {
    if (!rec.vat) continue;
    const rules = RATE_RULES.get(rec.id);
    if (!rules) continue;
    const el = rec.el;
    if (rec.classified) {
      const item = el.parent;
      const line = item?.parent;
      if (!item || !line || item.local !== 'Item' || item.ns !== CAC || line.ns !== CAC) continue;
      if (line.local !== 'InvoiceLine' && line.local !== 'CreditNoteLine') continue;
      ix.check(percentOk(rules.spec, el), rules.line[0], el, rules.line[1]);
      continue;
    }
    if (rec.acCharge === false) ix.check(percentOk(rules.spec, el), rules.allowance[0], el, rules.allowance[1]);
    else if (rec.acCharge === true) ix.check(percentOk(rules.spec, el), rules.charge[0], el, rules.charge[1]);
    if (rec.rootSubtotal) breakdownRules(ix, facts, rules.spec, el);
  }
}

function breakdownRules(ix: UblIndex, facts: VatFacts, spec: CategorySpec, cat: XmlElement): void {
  const subtotal = cat.parent as XmlElement;
  const taxableEl = cbc(subtotal, 'TaxableAmount');
  const taxEl = cbc(subtotal, 'TaxAmount');
  const code = spec.code;
  const hasInvoiceLines = ix.named('cac:InvoiceLine').length > 0;
  const hasCreditLines = ix.named('cac:CreditNoteLine').length > 0;
  ix.test(`${spec.prefix}-08`, cat, `For each different VAT rate of category "${spec.label}" the VAT category taxable amount (BT-116) shall equal the sum of line net amounts plus charges minus allowances with that category and rate.`, () => {
    if (spec.taxable === 'exact') {
      const taxable = xd(taxableEl);
      const expected = (kind: 'InvoiceLine' | 'CreditNoteLine') =>
        facts.lineSum(kind, code).plus(facts.acSum(true, code)).minus(facts.acSum(false, code));
      return (hasInvoiceLines && decEq(taxable, expected('InvoiceLine'))) || (hasCreditLines && decEq(taxable, expected('CreditNoteLine')));
    }
    const percents = cbcs(cat, 'Percent');
    if (percents.length === 0) return true; // every $rate in () satisfies ...
    if (percents.length > 1) throw new CastError('Percent', 'single xs:decimal');
    const percentText = (percents[0] as XmlElement).text;
    const rate = canonicalDecimal(percentText);
    if (rate === undefined) throw new CastError(percentText, 'xs:decimal');
    const within = (kind: 'InvoiceLine' | 'CreditNoteLine'): boolean => {
      if (!taxableEl) return false;
      const sum = facts.lineRateSum(kind, code, rate).plus(facts.acRateSum(true, code, rate)).minus(facts.acRateSum(false, code, rate));
      return doubleShifted(taxableEl, -1).lt(sum) && doubleShifted(taxableEl, 1).gt(sum);
    };
    if (spec.taxable === 'rate') return (hasInvoiceLines && within('InvoiceLine')) || (hasCreditLines && within('CreditNoteLine'));
    const acExists = facts.acWithRateExists(code, rate);
    return (
      ((facts.lineWithRateExists('InvoiceLine', code, rate) || acExists) && within('InvoiceLine')) ||
      ((facts.lineWithRateExists('CreditNoteLine', code, rate) || acExists) && within('CreditNoteLine'))
    );
  });
  ix.test(`${spec.prefix}-09`, cat, spec.taxAmount === 'zero'
    ? `The VAT category tax amount (BT-117) in a VAT breakdown where the category code is "${spec.label}" shall be 0 (zero).`
    : `The VAT category tax amount (BT-117) for category "${spec.label}" shall equal the taxable amount (BT-116) multiplied by the rate (BT-119).`, () => {
    const tax = xd(taxEl);
    if (spec.taxAmount === 'zero') return tax !== undefined && tax.isZero();
    const expected = taxAmountFor(xd(taxableEl), cbcs(cat, 'Percent'));
    if (tax === undefined || expected === undefined) return false;
    const abs = tax.abs();
    return abs.minus(1).lt(expected) && abs.plus(1).gt(expected);
  });
  const hasExemption = cbc(cat, 'TaxExemptionReason') !== undefined || cbc(cat, 'TaxExemptionReasonCode') !== undefined;
  if (spec.exemption === 'required') {
    ix.check(hasExemption, `${spec.prefix}-10`, cat, `A VAT breakdown with VAT category "${spec.label}" shall have a VAT exemption reason code (BT-121) or text (BT-120).`);
  } else {
    ix.check(!hasExemption, `${spec.prefix}-10`, cat, `A VAT breakdown with VAT category "${spec.label}" shall not have a VAT exemption reason code (BT-121) or text (BT-120).`);
  }
}

/** `round(abs(taxable) * (percent div 100) * 100) div 100`; empty when an operand is empty. */
function taxAmountFor(taxable: Dec | undefined, percents: readonly XmlElement[]): Dec | undefined {
  if (taxable === undefined || percents.length === 0) return undefined;
  if (percents.length > 1) throw new CastError('Percent', 'single xs:decimal');
  return round2(taxable.abs().times(xdReq(percents[0] as XmlElement).div(100)));
}

/**
 * `xs:decimal(cbc:TaxableAmount - 1)`: the untyped value meets an integer, so XPath computes in
 * xs:double and the cast back to decimal takes the double's shortest decimal form (e.g. 1.1 - 1 gives
 * 0.10000000000000009). Reproduced so boundary cases compare exactly as the official rules do.
 */
function doubleShifted(el: XmlElement, delta: number): Dec {
  const v = xdouble(el) + delta;
  if (!Number.isFinite(v)) throw new CastError(String(v), 'xs:decimal');
  return new Dec(String(v));
}
