import type {
  Buyer,
  Delivery,
  Payee,
  Seller,
  TaxRepresentative,
} from '../../model/party.model';
import type { XmlElement } from '../../xml/xml-node';
import { nonEmpty } from '../xml-read.util';
import {
  ee,
  eeId,
  eeText,
  enBlock,
  readEeAddress,
  readEeContact,
  readEePartyIds,
} from './ee-read.util';

const partyEnOf = (party: XmlElement | undefined): XmlElement | undefined =>
  enBlock(party, 'Extension', 'PartyEN');

export function readEeSeller(party: XmlElement | undefined): Seller {
  const en = partyEnOf(party);
  const contactData = ee(party, 'ContactData');
  const reg = eeText(party, 'RegNumber');
  return {
    name: eeText(party, 'Name') ?? '',
    tradingName: eeText(en, 'TradingName'),
    identifiers: readEePartyIds(party, en),
    legalRegistrationId: reg === undefined ? undefined : { value: reg },
    vatId: eeText(party, 'VATRegNumber'),
    taxRegistrationId: eeText(en, 'TaxRegId'),
    additionalLegalInfo: eeText(en, 'AdditionalLegalInfo'),
    electronicAddress: eeId(ee(en, 'PartyElectronicAddress')),
    postalAddress: readEeAddress(ee(contactData, 'MailAddress')),
    contact: readEeContact(contactData),
  };
}

export function readEeBuyer(party: XmlElement | undefined): Buyer {
  const en = partyEnOf(party);
  const contactData = ee(party, 'ContactData');
  const reg = eeText(party, 'RegNumber');
  return {
    name: eeText(party, 'Name') ?? '',
    tradingName: eeText(en, 'TradingName'),
    identifier: readEePartyIds(party, en)[0],
    legalRegistrationId: reg === undefined ? undefined : { value: reg },
    vatId: eeText(party, 'VATRegNumber'),
    electronicAddress: eeId(ee(en, 'PartyElectronicAddress')),
    postalAddress: readEeAddress(ee(contactData, 'MailAddress')),
    contact: readEeContact(contactData),
  };
}

/** FactorParty → BG-10 Payee (the binding's place for a payee other than the seller). */
export function readEePayee(party: XmlElement | undefined): Payee | undefined {
  if (!party) return undefined;
  const reg = eeText(party, 'RegNumber');
  return {
    name: eeText(party, 'Name') ?? '',
    identifier: readEePartyIds(party, partyEnOf(party))[0],
    legalRegistrationId: reg === undefined ? undefined : { value: reg },
  };
}

/** AdditionalInformation/CustomContent/SellerTaxRepPartyEN → BG-11. */
export function readEeTaxRepresentative(
  party: XmlElement | undefined,
): TaxRepresentative | undefined {
  if (!party) return undefined;
  return {
    name: eeText(party, 'Name') ?? '',
    vatId: eeText(party, 'VATRegNumber'),
    postalAddress: readEeAddress(ee(ee(party, 'ContactData'), 'MailAddress')),
  };
}

/** DeliveryParty (+ InvoiceInformationEN/ActualDeliveryDate) → BG-13. */
export function readEeDelivery(
  party: XmlElement | undefined,
  actualDeliveryDate: string | undefined,
): Delivery | undefined {
  const en = partyEnOf(party);
  return nonEmpty<Delivery>({
    partyName: eeText(party, 'Name'),
    locationId: party ? readEePartyIds(party, en)[0] : undefined,
    actualDeliveryDate,
    address: readEeAddress(ee(ee(party, 'ContactData'), 'MailAddress')),
  });
}
