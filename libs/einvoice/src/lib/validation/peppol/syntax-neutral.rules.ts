import type { XmlElement } from '../../xml/xml-node';
import { Dec, stringLength, xsDecimal } from '../common';
import { swedishOrgNumberLuhn } from './identifiers.util';
import type { RuleContext } from './rule-context';
import { decDiv, isNumeric, nsp, substr, withinSlack } from './xpath.util';

/**
 * Peppol checks whose meaning is the same in UBL and CII: each syntax's rule file finds the
 * elements (their names differ) and hands them here, so the rule logic exists once.
 */

export const ZERO = new Dec(0);
export const HUNDRED = new Dec(100);
export const SLACK = new Dec('0.02');

/** `xs:decimal(el)`: undefined when absent, null when it does not cast (an XPath error). */
export function dec(el: XmlElement | undefined): Dec | null | undefined {
  if (!el) return undefined;
  return xsDecimal(el.text) ?? null;
}

/**
 * PEPPOL-EN16931-R040/R041/R042 for one allowance or charge. One Schematron rule per node:
 * the R041/R042 contexts take precedence over R040 (and over the caller's R043).
 * @returns false when R041 or R042 fired, i.e. the node's other rules must not run.
 */
export function allowanceChargePercentage(
  d: RuleContext,
  ac: XmlElement,
  percent: XmlElement | undefined,
  base: XmlElement | undefined,
  amountEl: XmlElement | undefined,
): boolean {
  if (percent && !base) {
    d.fire('PEPPOL-EN16931-R041', 'fatal', ac, 'Allowance/charge base amount MUST be provided when the percentage is provided.');
    return false;
  }
  if (!percent && base) {
    d.fire('PEPPOL-EN16931-R042', 'fatal', ac, 'Allowance/charge percentage MUST be provided when the base amount is provided.');
    return false;
  }
  if (percent && base) {
    const amount = amountEl ? dec(amountEl) : ZERO;
    const b = dec(base);
    const p = dec(percent);
    const ok = !!amount && !!b && !!p && withinSlack(amount, decDiv(b.times(p), HUNDRED) as Dec, SLACK);
    d.check(ok, 'PEPPOL-EN16931-R040', 'fatal', ac, 'Allowance/charge amount MUST equal base amount * percentage / 100 (within 0.02).');
  }
  return true;
}

/** SE-R-001/002: a Swedish seller VAT identifier (BT-31). */
export function swedishVatIdentifier(d: RuleContext, party: XmlElement, vat: string | undefined): void {
  d.check(stringLength(nsp(vat)) === 14, 'SE-R-001', 'fatal', party, 'A Swedish VAT identifier (BT-31) MUST have 14 characters.');
  d.check(isNumeric(substr(vat, 3, 12)), 'SE-R-002', 'fatal', party, 'The 12 characters after the prefix of a Swedish VAT identifier MUST be numeric.');
}

/** SE-R-003/004/013: a Swedish organisation number (BT-30). */
export function swedishOrganisationNumber(d: RuleContext, legal: XmlElement, id: string | undefined): void {
  d.check(isNumeric(id), 'SE-R-003', 'fatal', legal, 'A Swedish organisation number (BT-30) MUST be numeric.');
  d.check(stringLength(nsp(id)) === 10, 'SE-R-004', 'fatal', legal, 'A Swedish organisation number (BT-30) MUST have 10 characters.');
  d.check(swedishOrgNumberLuhn(nsp(id)), 'SE-R-013', 'fatal', legal, 'The check digit of a Swedish organisation number (BT-30) MUST be valid (Luhn).');
}
