import type { XmlElement } from '../../xml/xml-node';
import { decimalsAfterPoint } from '../common';
import type { CiiDoc } from './cii-doc';
import {
  anyEq,
  dec,
  kid,
  kids,
  nsp,
  RAM,
  round0,
  str,
  upper,
} from './cii-xpath.util';
import type { Reporter } from './rule-kit';
import { rules } from './rule-kit';

/** Generic VAT breakdown (BG-23) rules, context `//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax`. */
export const BREAKDOWN_RULES = rules('fatal', {
  'BR-45':
    'Each VAT breakdown (BG-23) shall have a VAT category taxable amount (BT-116).',
  'BR-46':
    'Each VAT breakdown (BG-23) shall have a VAT category tax amount (BT-117).',
  'BR-47':
    'Each VAT breakdown (BG-23) shall be defined through a VAT category code (BT-118).',
  'BR-48':
    'Each VAT breakdown (BG-23) shall have a VAT category rate (BT-119), except if the invoice is not subject to VAT.',
  'BR-CO-03':
    'Value added tax point date (BT-7) and value added tax point date code (BT-8) are mutually exclusive.',
  'BR-CO-17':
    'VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x VAT category rate (BT-119) / 100, rounded to two decimals.',
  'BR-DEC-19':
    'The VAT category taxable amount (BT-116) shall have at most 2 decimals.',
  'BR-DEC-20':
    'The VAT category tax amount (BT-117) shall have at most 2 decimals.',
});
const R = BREAKDOWN_RULES;

/** `.[upper-case(ram:TypeCode) = 'VAT']`, raising the error XPath raises on several type codes. */
function vat(tax: XmlElement): boolean {
  return upper(kids(tax, RAM, 'TypeCode')) === 'VAT';
}

/** BR-CO-17: the tax amount follows from basis and rate (within 1), or is 0 at a 0 or missing rate. */
function taxAmountOk(tax: XmlElement): boolean {
  const isVat = nsp([upper(kids(tax, RAM, 'TypeCode'))]) === 'VAT';
  const rate = isVat ? dec(kids(tax, RAM, 'RateApplicablePercent')) : undefined;
  const calc = (): ReturnType<typeof dec> =>
    dec(kids(tax, RAM, 'CalculatedAmount'));
  if (rate !== undefined && round0(rate).isZero()) {
    const c = calc();
    if (c !== undefined && round0(c).isZero()) return true;
  }
  if (rate !== undefined && !round0(rate).isZero()) {
    const c = calc();
    const basis = dec(kids(tax, RAM, 'BasisAmount'));
    if (c !== undefined && basis !== undefined) {
      const expected = round0(basis.abs().times(rate)).div(100);
      if (c.abs().minus(1).lte(expected) && c.abs().plus(1).gte(expected))
        return true;
    }
  }
  if (rate === undefined) {
    const c = calc();
    return c !== undefined && round0(c).isZero();
  }
  return false;
}

/** Rules of a VAT breakdown that is not an L, M or O breakdown (those have their own context). */
export function breakdownRules(
  doc: CiiDoc,
  r: Reporter,
  tax: XmlElement,
): void {
  r.ok(R['BR-45'], tax, kid(tax, RAM, 'BasisAmount') !== undefined);
  r.ok(R['BR-46'], tax, kid(tax, RAM, 'CalculatedAmount') !== undefined);
  r.check(
    R['BR-47'],
    tax,
    () => vat(tax) && kid(tax, RAM, 'CategoryCode') !== undefined,
  );
  r.check(
    R['BR-48'],
    tax,
    () =>
      vat(tax) &&
      (kid(tax, RAM, 'RateApplicablePercent') !== undefined ||
        anyEq(kids(tax, RAM, 'CategoryCode'), 'O')),
  );
  const both = doc.fact(
    'taxPointAndCode',
    () =>
      doc.ram('TaxPointDate').length > 0 &&
      doc.ram('DueDateTypeCode').length > 0,
  );
  r.ok(R['BR-CO-03'], tax, !both);
  r.check(R['BR-CO-17'], tax, () => taxAmountOk(tax));
  r.check(
    R['BR-DEC-19'],
    tax,
    () => decimalsAfterPoint(str(kids(tax, RAM, 'BasisAmount'))) <= 2,
  );
  r.check(
    R['BR-DEC-20'],
    tax,
    () => decimalsAfterPoint(str(kids(tax, RAM, 'CalculatedAmount'))) <= 2,
  );
}
