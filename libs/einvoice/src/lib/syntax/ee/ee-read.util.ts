import { DecimalValue } from '../../model/decimal-value';
import type {
  Contact,
  Identifier,
  PostalAddress,
} from '../../model/party.model';
import type { XmlElement } from '../../xml/xml-node';
import {
  attrOf,
  childOf,
  childrenOf,
  nonEmpty,
  textOf,
} from '../xml-read.util';

/** The Estonian e-invoice has no namespace: lookups by local name only. */
export const ee = (
  el: XmlElement | undefined,
  local: string,
): XmlElement | undefined => childOf(el, '', local);
export const ees = (el: XmlElement | undefined, local: string): XmlElement[] =>
  childrenOf(el, '', local);
export const eeText = (
  el: XmlElement | undefined,
  local: string,
): string | undefined => textOf(ee(el, local));

export function eeDec(
  el: XmlElement | undefined,
  local: string,
): DecimalValue | undefined {
  const t = eeText(el, local);
  return t === undefined ? undefined : DecimalValue.of(t);
}

/** Identifier with the EE `schemeId` attribute (note the lower-case d, unlike UBL/CII). */
export function eeId(el: XmlElement | undefined): Identifier | undefined {
  const value = textOf(el);
  if (value === undefined) return undefined;
  const schemeId = attrOf(el, 'schemeId');
  return schemeId === undefined ? { value } : { value, schemeId };
}

/**
 * The EN extension blocks named `enLocal` inside `container` records (Extension, ItemReserve,
 * AdditionalInformation, Reference) of `parent`: `container/CustomContent/enLocal`. The extensionId
 * attribute should equal `enLocal`; it is not required, the element name decides.
 */
export function enBlocks(
  parent: XmlElement | undefined,
  container: string,
  enLocal: string,
): XmlElement[] {
  const out: XmlElement[] = [];
  for (const rec of ees(parent, container)) {
    for (const block of ees(ee(rec, 'CustomContent'), enLocal)) out.push(block);
  }
  return out;
}

export function enBlock(
  parent: XmlElement | undefined,
  container: string,
  enLocal: string,
): XmlElement | undefined {
  return enBlocks(parent, container, enLocal)[0];
}

/** GLN scheme (ISO 6523 ICD 0088): the EE GLN element carries identifiers of this scheme. */
export const GLN_SCHEME = '0088';

/** ContactData/MailAddress (+ MailAddressEN extension) → address. */
export function readEeAddress(
  mail: XmlElement | undefined,
): PostalAddress | undefined {
  if (!mail) return undefined;
  const en = enBlock(mail, 'Extension', 'MailAddressEN');
  return nonEmpty<PostalAddress>({
    line1: eeText(mail, 'PostalAddress1'),
    line2: eeText(mail, 'PostalAddress2'),
    line3: eeText(en, 'PostalAddress3'),
    city: eeText(mail, 'City'),
    postCode: eeText(mail, 'PostalCode'),
    countrySubdivision: eeText(en, 'CountrySubDivision'),
    countryCode: eeText(en, 'CountryCode'),
  });
}

export function readEeContact(
  contactData: XmlElement | undefined,
): Contact | undefined {
  if (!contactData) return undefined;
  return nonEmpty<Contact>({
    name: eeText(contactData, 'ContactName'),
    telephone: eeText(contactData, 'PhoneNumber'),
    email: eeText(contactData, 'E-mailAddress'),
  });
}

/** A party's identifiers: GLN (scheme 0088) first, then the PartyEN/PartyId list. */
export function readEePartyIds(
  party: XmlElement | undefined,
  partyEn: XmlElement | undefined,
): Identifier[] {
  const ids: Identifier[] = [];
  const gln = eeText(party, 'GLN');
  if (gln !== undefined) ids.push({ value: gln, schemeId: GLN_SCHEME });
  for (const el of ees(partyEn, 'PartyId')) {
    const id = eeId(el);
    if (id) ids.push(id);
  }
  return ids;
}
