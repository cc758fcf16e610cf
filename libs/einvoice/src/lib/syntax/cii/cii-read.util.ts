import { DecimalValue } from '../../model/decimal-value';
import type { AllowanceCharge } from '../../model/invoice.model';
import type { Identifier, PostalAddress } from '../../model/party.model';
import type { XmlElement } from '../../xml/xml-node';
import { CII_NS } from '../namespaces';
import {
  attrOf,
  childOf,
  childrenOf,
  nonEmpty,
  textOf,
} from '../xml-read.util';

/** Short lookups for CII readers. */
export const ram = (
  el: XmlElement | undefined,
  local: string,
): XmlElement | undefined => childOf(el, CII_NS.ram, local);
export const rams = (el: XmlElement | undefined, local: string): XmlElement[] =>
  childrenOf(el, CII_NS.ram, local);
export const ramText = (
  el: XmlElement | undefined,
  local: string,
): string | undefined => textOf(ram(el, local));

export function ramDec(
  el: XmlElement | undefined,
  local: string,
): DecimalValue | undefined {
  return decOf(ram(el, local));
}

/** The element's text as a decimal; undefined when absent or blank. */
export function decOf(el: XmlElement | undefined): DecimalValue | undefined {
  const t = textOf(el);
  return t === undefined ? undefined : DecimalValue.of(t);
}

export function ciiId(el: XmlElement | undefined): Identifier | undefined {
  const value = textOf(el);
  if (value === undefined) return undefined;
  const schemeId = attrOf(el, 'schemeID');
  return schemeId === undefined ? { value } : { value, schemeId };
}

const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A CII date container (e.g. ram:IssueDateTime) → `YYYY-MM-DD`. Reads udt:DateTimeString,
 * qdt:DateTimeString or udt:DateString; format 102 (`YYYYMMDD`) is converted, anything else kept verbatim.
 */
export function ciiDate(container: XmlElement | undefined): string | undefined {
  if (!container) return undefined;
  const el =
    childOf(container, CII_NS.udt, 'DateTimeString') ??
    childOf(container, CII_NS.qdt, 'DateTimeString') ??
    childOf(container, CII_NS.udt, 'DateString');
  const t = textOf(el);
  if (t === undefined) return undefined;
  const m = COMPACT_DATE.exec(t);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : t;
}

/** `YYYY-MM-DD` → `YYYYMMDD` for format 102; undefined when the date is not in that form. */
export function toCiiDate(date: string): string | undefined {
  const m = ISO_DATE.exec(date);
  return m ? `${m[1]}${m[2]}${m[3]}` : undefined;
}

/** udt:Indicator inside a ram:ChargeIndicator. */
export function ciiIndicator(el: XmlElement | undefined): boolean {
  return textOf(childOf(el, CII_NS.udt, 'Indicator')) === 'true';
}

/** ram:PostalTradeAddress → model address. */
export function readCiiAddress(
  el: XmlElement | undefined,
): PostalAddress | undefined {
  if (!el) return undefined;
  return nonEmpty<PostalAddress>({
    line1: ramText(el, 'LineOne'),
    line2: ramText(el, 'LineTwo'),
    line3: ramText(el, 'LineThree'),
    city: ramText(el, 'CityName'),
    postCode: ramText(el, 'PostcodeCode'),
    countrySubdivision: ramText(el, 'CountrySubDivisionName'),
    countryCode: ramText(el, 'CountryID'),
  });
}

/** ram:SpecifiedTradeAllowanceCharge → BG-20/21 (document) or BG-27/28 (line, without VAT). */
export function readCiiAllowanceCharges(
  parent: XmlElement | undefined,
  charge: boolean,
  documentLevel: boolean,
): AllowanceCharge[] {
  const out: AllowanceCharge[] = [];
  for (const ac of rams(parent, 'SpecifiedTradeAllowanceCharge')) {
    if (ciiIndicator(ram(ac, 'ChargeIndicator')) !== charge) continue;
    const tax = documentLevel ? ram(ac, 'CategoryTradeTax') : undefined;
    out.push({
      amount: ramDec(ac, 'ActualAmount'),
      baseAmount: ramDec(ac, 'BasisAmount'),
      percentage: ramDec(ac, 'CalculationPercent'),
      vatCategoryCode: ramText(tax, 'CategoryCode'),
      vatRate: ramDec(tax, 'RateApplicablePercent'),
      reason: ramText(ac, 'Reason'),
      reasonCode: ramText(ac, 'ReasonCode'),
    });
  }
  return out;
}

/** BT-8: CII writes UNTDID 2475 codes (5, 29, 72) where UBL and the model use UNTDID 2005 (3, 35, 432). */
const CII_TO_2005: Readonly<Record<string, string>> = {
  '5': '3',
  '29': '35',
  '72': '432',
};
const FROM_2005_TO_CII: Readonly<Record<string, string>> = {
  '3': '5',
  '35': '29',
  '432': '72',
};

export function taxPointCodeFromCii(
  code: string | undefined,
): string | undefined {
  return code === undefined ? undefined : (CII_TO_2005[code] ?? code);
}

export function taxPointCodeToCii(
  code: string | undefined,
): string | undefined {
  return code === undefined ? undefined : (FROM_2005_TO_CII[code] ?? code);
}
