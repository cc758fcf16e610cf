import type {
  Buyer,
  Contact,
  Identifier,
  Payee,
  PostalAddress,
  Seller,
  TaxRepresentative,
} from '../../model/party.model';
import type { XmlWriter } from '../xml-writer';

/** Party identifiers: without scheme as ram:ID, with scheme as ram:GlobalID (schema order: IDs first). */
export function writeCiiPartyIds(
  w: XmlWriter,
  ids: readonly (Identifier | undefined)[],
): void {
  for (const id of ids)
    if (id && id.schemeId === undefined) w.leaf('ram:ID', id.value);
  for (const id of ids)
    if (id && id.schemeId !== undefined)
      w.leaf('ram:GlobalID', id.value, { schemeID: id.schemeId });
}

export function writeCiiAddress(
  w: XmlWriter,
  a: PostalAddress | undefined,
): void {
  if (!a) return;
  w.group('ram:PostalTradeAddress', () => {
    w.leaf('ram:PostcodeCode', a.postCode);
    w.leaf('ram:LineOne', a.line1);
    w.leaf('ram:LineTwo', a.line2);
    w.leaf('ram:LineThree', a.line3);
    w.leaf('ram:CityName', a.city);
    w.leaf('ram:CountryID', a.countryCode);
    w.leaf('ram:CountrySubDivisionName', a.countrySubdivision);
  });
}

function writeContact(w: XmlWriter, c: Contact | undefined): void {
  if (!c) return;
  w.group('ram:DefinedTradeContact', () => {
    w.leaf('ram:PersonName', c.name);
    if (c.telephone !== undefined)
      w.group('ram:TelephoneUniversalCommunication', () =>
        w.leaf('ram:CompleteNumber', c.telephone),
      );
    if (c.email !== undefined)
      w.group('ram:EmailURIUniversalCommunication', () =>
        w.leaf('ram:URIID', c.email),
      );
  });
}

function writeLegal(
  w: XmlWriter,
  id: Identifier | undefined,
  tradingName: string | undefined,
): void {
  w.group('ram:SpecifiedLegalOrganization', () => {
    if (id) w.leaf('ram:ID', id.value, { schemeID: id.schemeId });
    w.leaf('ram:TradingBusinessName', tradingName);
  });
}

function writeUri(w: XmlWriter, id: Identifier | undefined): void {
  if (id)
    w.group('ram:URIUniversalCommunication', () =>
      w.leaf('ram:URIID', id.value, { schemeID: id.schemeId }),
    );
}

function writeTaxRegistration(
  w: XmlWriter,
  value: string | undefined,
  scheme: 'VA' | 'FC',
): void {
  if (value !== undefined)
    w.group('ram:SpecifiedTaxRegistration', () =>
      w.leaf('ram:ID', value, { schemeID: scheme }),
    );
}

export function writeCiiSeller(w: XmlWriter, s: Seller): void {
  w.group('ram:SellerTradeParty', () => {
    writeCiiPartyIds(w, s.identifiers);
    w.leaf('ram:Name', s.name);
    w.leaf('ram:Description', s.additionalLegalInfo);
    writeLegal(w, s.legalRegistrationId, s.tradingName);
    writeContact(w, s.contact);
    writeCiiAddress(w, s.postalAddress);
    writeUri(w, s.electronicAddress);
    writeTaxRegistration(w, s.vatId, 'VA');
    writeTaxRegistration(w, s.taxRegistrationId, 'FC');
  });
}

export function writeCiiBuyer(w: XmlWriter, b: Buyer): void {
  w.group('ram:BuyerTradeParty', () => {
    writeCiiPartyIds(w, [b.identifier]);
    w.leaf('ram:Name', b.name);
    writeLegal(w, b.legalRegistrationId, b.tradingName);
    writeContact(w, b.contact);
    writeCiiAddress(w, b.postalAddress);
    writeUri(w, b.electronicAddress);
    writeTaxRegistration(w, b.vatId, 'VA');
  });
}

export function writeCiiTaxRepresentative(
  w: XmlWriter,
  t: TaxRepresentative | undefined,
): void {
  if (!t) return;
  w.group('ram:SellerTaxRepresentativeTradeParty', () => {
    w.leaf('ram:Name', t.name);
    writeCiiAddress(w, t.postalAddress);
    writeTaxRegistration(w, t.vatId, 'VA');
  });
}

export function writeCiiPayee(w: XmlWriter, p: Payee | undefined): void {
  if (!p) return;
  w.group('ram:PayeeTradeParty', () => {
    writeCiiPartyIds(w, [p.identifier]);
    w.leaf('ram:Name', p.name);
    writeLegal(w, p.legalRegistrationId, undefined);
  });
}
