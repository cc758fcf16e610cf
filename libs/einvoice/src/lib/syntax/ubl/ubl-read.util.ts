import { DecimalValue } from '../../model/decimal-value';
import type { Identifier, PostalAddress } from '../../model/party.model';
import type { XmlElement } from '../../xml/xml-node';
import { UBL_NS } from '../namespaces';
import {
  attrOf,
  childOf,
  childrenOf,
  nonEmpty,
  textOf,
} from '../xml-read.util';

/** Short lookups for UBL readers: `cac(el, 'Party')`, `cbc(el, 'ID')` (trimmed text). */
export const cac = (
  el: XmlElement | undefined,
  local: string,
): XmlElement | undefined => childOf(el, UBL_NS.cac, local);
export const cacs = (el: XmlElement | undefined, local: string): XmlElement[] =>
  childrenOf(el, UBL_NS.cac, local);
export const cbcEl = (
  el: XmlElement | undefined,
  local: string,
): XmlElement | undefined => childOf(el, UBL_NS.cbc, local);
export const cbcs = (el: XmlElement | undefined, local: string): XmlElement[] =>
  childrenOf(el, UBL_NS.cbc, local);
export const cbc = (
  el: XmlElement | undefined,
  local: string,
): string | undefined => textOf(cbcEl(el, local));

/** A decimal child, undefined when absent or blank. */
export function cbcDec(
  el: XmlElement | undefined,
  local: string,
): DecimalValue | undefined {
  const t = cbc(el, local);
  return t === undefined ? undefined : DecimalValue.of(t);
}

/** An identifier element with its `schemeID`. */
export function idOf(el: XmlElement | undefined): Identifier | undefined {
  const value = textOf(el);
  if (value === undefined) return undefined;
  const schemeId = attrOf(el, 'schemeID');
  return schemeId === undefined ? { value } : { value, schemeId };
}

/** cac:PostalAddress / cac:Address → BG-5 style address. */
export function readUblAddress(
  el: XmlElement | undefined,
): PostalAddress | undefined {
  if (!el) return undefined;
  return nonEmpty<PostalAddress>({
    line1: cbc(el, 'StreetName'),
    line2: cbc(el, 'AdditionalStreetName'),
    line3: cbc(cac(el, 'AddressLine'), 'Line'),
    city: cbc(el, 'CityName'),
    postCode: cbc(el, 'PostalZone'),
    countrySubdivision: cbc(el, 'CountrySubentity'),
    countryCode: cbc(cac(el, 'Country'), 'IdentificationCode'),
  });
}
