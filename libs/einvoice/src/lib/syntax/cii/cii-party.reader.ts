import type {
  Buyer,
  Contact,
  Delivery,
  Identifier,
  Payee,
  Seller,
  TaxRepresentative,
} from '../../model/party.model';
import type { XmlElement } from '../../xml/xml-node';
import { attrOf, nonEmpty, textOf } from '../xml-read.util';
import {
  ciiDate,
  ciiId,
  ram,
  rams,
  ramText,
  readCiiAddress,
} from './cii-read.util';

/** ram:ID (no scheme) then ram:GlobalID (with scheme) — the CII way of carrying party identifiers. */
function partyIds(party: XmlElement | undefined): Identifier[] {
  const ids: Identifier[] = [];
  for (const el of rams(party, 'ID')) {
    const id = ciiId(el);
    if (id) ids.push(id);
  }
  for (const el of rams(party, 'GlobalID')) {
    const id = ciiId(el);
    if (id) ids.push(id);
  }
  return ids;
}

function contactOf(party: XmlElement | undefined): Contact | undefined {
  const c = ram(party, 'DefinedTradeContact');
  if (!c) return undefined;
  return nonEmpty<Contact>({
    name: ramText(c, 'PersonName') ?? ramText(c, 'DepartmentName'),
    telephone: ramText(
      ram(c, 'TelephoneUniversalCommunication'),
      'CompleteNumber',
    ),
    email: ramText(ram(c, 'EmailURIUniversalCommunication'), 'URIID'),
  });
}

/** SpecifiedTaxRegistration by scheme: VA = VAT identifier, FC = tax registration. */
function taxRegistration(
  party: XmlElement | undefined,
  scheme: 'VA' | 'FC',
): string | undefined {
  for (const reg of rams(party, 'SpecifiedTaxRegistration')) {
    const idEl = ram(reg, 'ID');
    if (attrOf(idEl, 'schemeID') === scheme) return textOf(idEl);
  }
  return undefined;
}

export function readCiiSeller(party: XmlElement | undefined): Seller {
  const legal = ram(party, 'SpecifiedLegalOrganization');
  return {
    name: ramText(party, 'Name') ?? '',
    tradingName: ramText(legal, 'TradingBusinessName'),
    identifiers: partyIds(party),
    legalRegistrationId: ciiId(ram(legal, 'ID')),
    vatId: taxRegistration(party, 'VA'),
    taxRegistrationId: taxRegistration(party, 'FC'),
    additionalLegalInfo: ramText(party, 'Description'),
    electronicAddress: ciiId(
      ram(ram(party, 'URIUniversalCommunication'), 'URIID'),
    ),
    postalAddress: readCiiAddress(ram(party, 'PostalTradeAddress')),
    contact: contactOf(party),
  };
}

export function readCiiBuyer(party: XmlElement | undefined): Buyer {
  const legal = ram(party, 'SpecifiedLegalOrganization');
  return {
    name: ramText(party, 'Name') ?? '',
    tradingName: ramText(legal, 'TradingBusinessName'),
    identifier: partyIds(party)[0],
    legalRegistrationId: ciiId(ram(legal, 'ID')),
    vatId: taxRegistration(party, 'VA'),
    electronicAddress: ciiId(
      ram(ram(party, 'URIUniversalCommunication'), 'URIID'),
    ),
    postalAddress: readCiiAddress(ram(party, 'PostalTradeAddress')),
    contact: contactOf(party),
  };
}

export function readCiiPayee(party: XmlElement | undefined): Payee | undefined {
  if (!party) return undefined;
  return {
    name: ramText(party, 'Name') ?? '',
    identifier: partyIds(party)[0],
    legalRegistrationId: ciiId(
      ram(ram(party, 'SpecifiedLegalOrganization'), 'ID'),
    ),
  };
}

export function readCiiTaxRepresentative(
  party: XmlElement | undefined,
): TaxRepresentative | undefined {
  if (!party) return undefined;
  return {
    name: ramText(party, 'Name') ?? '',
    vatId: taxRegistration(party, 'VA'),
    postalAddress: readCiiAddress(ram(party, 'PostalTradeAddress')),
  };
}

/** ram:ApplicableHeaderTradeDelivery → BG-13 (the references BT-15/16 are read by the caller). */
export function readCiiDelivery(
  delivery: XmlElement | undefined,
): Delivery | undefined {
  if (!delivery) return undefined;
  const shipTo = ram(delivery, 'ShipToTradeParty');
  return nonEmpty<Delivery>({
    partyName: ramText(shipTo, 'Name'),
    locationId: partyIds(shipTo)[0],
    actualDeliveryDate: ciiDate(
      ram(
        ram(delivery, 'ActualDeliverySupplyChainEvent'),
        'OccurrenceDateTime',
      ),
    ),
    address: readCiiAddress(ram(shipTo, 'PostalTradeAddress')),
  });
}
