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
import { nonEmpty } from '../xml-read.util';
import { cac, cacs, cbc, cbcEl, idOf, readUblAddress } from './ubl-read.util';

/** Scheme id UBL uses on a party identification to carry BT-90 (bank assigned creditor identifier). */
export const SEPA_SCHEME = 'SEPA';

function readContact(party: XmlElement): Contact | undefined {
  const c = cac(party, 'Contact');
  if (!c) return undefined;
  return nonEmpty<Contact>({
    name: cbc(c, 'Name'),
    telephone: cbc(c, 'Telephone'),
    email: cbc(c, 'ElectronicMail'),
  });
}

/** VAT identifier (TaxScheme VAT) and the other tax registration (any other TaxScheme) of a party. */
function readTaxSchemes(party: XmlElement): {
  vatId?: string;
  taxRegistrationId?: string;
} {
  let vatId: string | undefined;
  let taxRegistrationId: string | undefined;
  for (const pts of cacs(party, 'PartyTaxScheme')) {
    const companyId = cbc(pts, 'CompanyID');
    if (companyId === undefined) continue;
    const scheme = cbc(cac(pts, 'TaxScheme'), 'ID');
    if (scheme === 'VAT') vatId ??= companyId;
    else taxRegistrationId ??= companyId;
  }
  return { vatId, taxRegistrationId };
}

/** Party identifications split into ordinary identifiers and the SEPA creditor id (BT-90). */
function readIdentifications(party: XmlElement | undefined): {
  ids: Identifier[];
  sepa?: string;
} {
  const ids: Identifier[] = [];
  let sepa: string | undefined;
  for (const pi of cacs(party, 'PartyIdentification')) {
    const id = idOf(cbcEl(pi, 'ID'));
    if (!id) continue;
    if (id.schemeId === SEPA_SCHEME) sepa ??= id.value;
    else ids.push(id);
  }
  return { ids, sepa };
}

/** cac:AccountingSupplierParty → BG-4; also returns a SEPA creditor id found there. */
export function readUblSeller(supplier: XmlElement | undefined): {
  seller: Seller;
  creditorId?: string;
} {
  const party = cac(supplier, 'Party');
  const { ids, sepa } = readIdentifications(party);
  const legal = cac(party, 'PartyLegalEntity');
  const seller = {
    name: cbc(legal, 'RegistrationName') ?? '',
    tradingName: cbc(cac(party, 'PartyName'), 'Name'),
    identifiers: ids,
    legalRegistrationId: idOf(cbcEl(legal, 'CompanyID')),
    ...(party ? readTaxSchemes(party) : {}),
    additionalLegalInfo: cbc(legal, 'CompanyLegalForm'),
    electronicAddress: idOf(cbcEl(party, 'EndpointID')),
    postalAddress: readUblAddress(cac(party, 'PostalAddress')),
    contact: party ? readContact(party) : undefined,
  };
  return { seller, creditorId: sepa };
}

/** cac:AccountingCustomerParty → BG-7. */
export function readUblBuyer(customer: XmlElement | undefined): Buyer {
  const party = cac(customer, 'Party');
  const legal = cac(party, 'PartyLegalEntity');
  const { ids } = readIdentifications(party);
  return {
    name: cbc(legal, 'RegistrationName') ?? '',
    tradingName: cbc(cac(party, 'PartyName'), 'Name'),
    identifier: ids[0],
    legalRegistrationId: idOf(cbcEl(legal, 'CompanyID')),
    // EN has only BT-48 for the buyer: a CompanyID under any tax scheme is taken as it.
    vatId: party ? buyerVatId(party) : undefined,
    electronicAddress: idOf(cbcEl(party, 'EndpointID')),
    postalAddress: readUblAddress(cac(party, 'PostalAddress')),
    contact: party ? readContact(party) : undefined,
  };
}

function buyerVatId(party: XmlElement): string | undefined {
  const { vatId, taxRegistrationId } = readTaxSchemes(party);
  return vatId ?? taxRegistrationId;
}

/** cac:PayeeParty → BG-10; also returns a SEPA creditor id found there. */
export function readUblPayee(party: XmlElement | undefined): {
  payee?: Payee;
  creditorId?: string;
} {
  if (!party) return {};
  const { ids, sepa } = readIdentifications(party);
  const payee = {
    name: cbc(cac(party, 'PartyName'), 'Name') ?? '',
    identifier: ids[0],
    legalRegistrationId: idOf(
      cbcEl(cac(party, 'PartyLegalEntity'), 'CompanyID'),
    ),
  };
  return { payee, creditorId: sepa };
}

/** cac:TaxRepresentativeParty → BG-11. */
export function readUblTaxRepresentative(
  party: XmlElement | undefined,
): TaxRepresentative | undefined {
  if (!party) return undefined;
  return {
    name: cbc(cac(party, 'PartyName'), 'Name') ?? '',
    vatId: buyerVatId(party),
    postalAddress: readUblAddress(cac(party, 'PostalAddress')),
  };
}

/** The first cac:Delivery → BG-13 with BG-15. */
export function readUblDelivery(
  delivery: XmlElement | undefined,
): Delivery | undefined {
  if (!delivery) return undefined;
  const location = cac(delivery, 'DeliveryLocation');
  return nonEmpty<Delivery>({
    partyName: cbc(cac(cac(delivery, 'DeliveryParty'), 'PartyName'), 'Name'),
    locationId: idOf(cbcEl(location, 'ID')),
    actualDeliveryDate: cbc(delivery, 'ActualDeliveryDate'),
    address: readUblAddress(cac(location, 'Address')),
  });
}
