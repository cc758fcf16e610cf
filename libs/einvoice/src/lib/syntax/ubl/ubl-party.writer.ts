import type { DirectDebit } from '../../model/invoice.model';
import type {
  Buyer,
  Contact,
  Delivery,
  Identifier,
  Payee,
  PostalAddress,
  Seller,
  TaxRepresentative,
} from '../../model/party.model';
import type { XmlWriter } from '../xml-writer';
import { SEPA_SCHEME } from './ubl-party.reader';

/** Writes `<cbc:name schemeID=…>` for an identifier (nothing when absent). */
export function writeUblId(
  w: XmlWriter,
  name: string,
  id: Identifier | undefined,
): void {
  if (id) w.leaf(name, id.value, { schemeID: id.schemeId });
}

export function writeUblAddress(
  w: XmlWriter,
  name: string,
  a: PostalAddress | undefined,
): void {
  if (!a) return;
  w.group(name, () => {
    w.leaf('cbc:StreetName', a.line1);
    w.leaf('cbc:AdditionalStreetName', a.line2);
    w.leaf('cbc:CityName', a.city);
    w.leaf('cbc:PostalZone', a.postCode);
    w.leaf('cbc:CountrySubentity', a.countrySubdivision);
    if (a.line3 !== undefined)
      w.group('cac:AddressLine', () => w.leaf('cbc:Line', a.line3));
    if (a.countryCode !== undefined)
      w.group('cac:Country', () =>
        w.leaf('cbc:IdentificationCode', a.countryCode),
      );
  });
}

function writeContact(w: XmlWriter, c: Contact | undefined): void {
  if (!c) return;
  w.group('cac:Contact', () => {
    w.leaf('cbc:Name', c.name);
    w.leaf('cbc:Telephone', c.telephone);
    w.leaf('cbc:ElectronicMail', c.email);
  });
}

function writeTaxScheme(
  w: XmlWriter,
  companyId: string | undefined,
  scheme: string,
): void {
  if (companyId === undefined) return;
  w.group('cac:PartyTaxScheme', () => {
    w.leaf('cbc:CompanyID', companyId);
    w.group('cac:TaxScheme', () => w.leaf('cbc:ID', scheme));
  });
}

function writePartyIdentification(
  w: XmlWriter,
  id: Identifier | undefined,
): void {
  if (id) w.group('cac:PartyIdentification', () => writeUblId(w, 'cbc:ID', id));
}

/** cac:AccountingSupplierParty (BG-4); the SEPA creditor id goes here when there is no payee. */
export function writeUblSeller(
  w: XmlWriter,
  s: Seller,
  creditorId: string | undefined,
): void {
  w.group('cac:AccountingSupplierParty', () =>
    w.group('cac:Party', () => {
      writeUblId(w, 'cbc:EndpointID', s.electronicAddress);
      for (const id of s.identifiers) writePartyIdentification(w, id);
      if (creditorId !== undefined)
        writePartyIdentification(w, {
          value: creditorId,
          schemeId: SEPA_SCHEME,
        });
      if (s.tradingName !== undefined)
        w.group('cac:PartyName', () => w.leaf('cbc:Name', s.tradingName));
      writeUblAddress(w, 'cac:PostalAddress', s.postalAddress);
      writeTaxScheme(w, s.vatId, 'VAT');
      // Peppol and EN use a TaxScheme other than VAT for BT-32; 'TAX' is the customary one.
      writeTaxScheme(w, s.taxRegistrationId, 'TAX');
      w.group('cac:PartyLegalEntity', () => {
        w.leaf('cbc:RegistrationName', s.name);
        writeUblId(w, 'cbc:CompanyID', s.legalRegistrationId);
        w.leaf('cbc:CompanyLegalForm', s.additionalLegalInfo);
      });
      writeContact(w, s.contact);
    }),
  );
}

/** cac:AccountingCustomerParty (BG-7). */
export function writeUblBuyer(w: XmlWriter, b: Buyer): void {
  w.group('cac:AccountingCustomerParty', () =>
    w.group('cac:Party', () => {
      writeUblId(w, 'cbc:EndpointID', b.electronicAddress);
      writePartyIdentification(w, b.identifier);
      if (b.tradingName !== undefined)
        w.group('cac:PartyName', () => w.leaf('cbc:Name', b.tradingName));
      writeUblAddress(w, 'cac:PostalAddress', b.postalAddress);
      writeTaxScheme(w, b.vatId, 'VAT');
      w.group('cac:PartyLegalEntity', () => {
        w.leaf('cbc:RegistrationName', b.name);
        writeUblId(w, 'cbc:CompanyID', b.legalRegistrationId);
      });
      writeContact(w, b.contact);
    }),
  );
}

/** cac:PayeeParty (BG-10), carrying the SEPA creditor id (BT-90) when present. */
export function writeUblPayee(
  w: XmlWriter,
  p: Payee | undefined,
  dd: DirectDebit | undefined,
): void {
  if (!p) return;
  w.group('cac:PayeeParty', () => {
    writePartyIdentification(w, p.identifier);
    if (dd?.creditorId !== undefined)
      writePartyIdentification(w, {
        value: dd.creditorId,
        schemeId: SEPA_SCHEME,
      });
    w.group('cac:PartyName', () => w.leaf('cbc:Name', p.name));
    if (p.legalRegistrationId)
      w.group('cac:PartyLegalEntity', () =>
        writeUblId(w, 'cbc:CompanyID', p.legalRegistrationId),
      );
  });
}

/** cac:TaxRepresentativeParty (BG-11). */
export function writeUblTaxRepresentative(
  w: XmlWriter,
  t: TaxRepresentative | undefined,
): void {
  if (!t) return;
  w.group('cac:TaxRepresentativeParty', () => {
    w.group('cac:PartyName', () => w.leaf('cbc:Name', t.name));
    writeUblAddress(w, 'cac:PostalAddress', t.postalAddress);
    writeTaxScheme(w, t.vatId, 'VAT');
  });
}

/** cac:Delivery (BG-13, BG-15). */
export function writeUblDelivery(w: XmlWriter, d: Delivery | undefined): void {
  if (!d) return;
  w.group('cac:Delivery', () => {
    w.leaf('cbc:ActualDeliveryDate', d.actualDeliveryDate);
    w.group('cac:DeliveryLocation', () => {
      writeUblId(w, 'cbc:ID', d.locationId);
      writeUblAddress(w, 'cac:Address', d.address);
    });
    if (d.partyName !== undefined)
      w.group('cac:DeliveryParty', () =>
        w.group('cac:PartyName', () => w.leaf('cbc:Name', d.partyName)),
      );
  });
}
