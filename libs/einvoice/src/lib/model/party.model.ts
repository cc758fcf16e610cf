/**
 * Parties, addresses and contacts of the EN 16931 semantic model (BG-4 … BG-15).
 * Field names are readable; each carries the business-term id as a TSDoc tag.
 */

/** An identifier with an optional identification scheme (ISO/IEC 6523 ICD, EAS, …). */
export interface Identifier {
  readonly value: string;
  /** Scheme identifier, e.g. `0088` (GLN), `0192`; absent when the syntax carried none. */
  readonly schemeId?: string;
}

/** A postal address (BG-5, BG-8, BG-12, BG-15). */
export interface PostalAddress {
  /** BT-35 / BT-50 / BT-64 / BT-75 Address line 1. */
  readonly line1?: string;
  /** BT-36 / BT-51 / BT-65 / BT-76 Address line 2. */
  readonly line2?: string;
  /** BT-162 / BT-163 / BT-164 / BT-165 Address line 3. */
  readonly line3?: string;
  /** BT-37 / BT-52 / BT-66 / BT-77 City. */
  readonly city?: string;
  /** BT-38 / BT-53 / BT-67 / BT-78 Post code. */
  readonly postCode?: string;
  /** BT-39 / BT-54 / BT-68 / BT-79 Country subdivision. */
  readonly countrySubdivision?: string;
  /** BT-40 / BT-55 / BT-69 / BT-80 Country code (ISO 3166-1 alpha-2). */
  readonly countryCode?: string;
}

/** A contact (BG-6 Seller contact, BG-9 Buyer contact). */
export interface Contact {
  /** BT-41 / BT-56 Contact point. */
  readonly name?: string;
  /** BT-42 / BT-57 Contact telephone number. */
  readonly telephone?: string;
  /** BT-43 / BT-58 Contact email address. */
  readonly email?: string;
}

/** BG-4 SELLER. */
export interface Seller {
  /** BT-27 Seller name. */
  readonly name: string;
  /** BT-28 Seller trading name. */
  readonly tradingName?: string;
  /** BT-29 Seller identifier (0..n), BT-29-1 scheme. A `SEPA` scheme id is BT-90, kept in {@link DirectDebit}. */
  readonly identifiers: readonly Identifier[];
  /** BT-30 Seller legal registration identifier, BT-30-1 scheme. */
  readonly legalRegistrationId?: Identifier;
  /** BT-31 Seller VAT identifier. */
  readonly vatId?: string;
  /** BT-32 Seller tax registration identifier. */
  readonly taxRegistrationId?: string;
  /** BT-33 Seller additional legal information. */
  readonly additionalLegalInfo?: string;
  /** BT-34 Seller electronic address, BT-34-1 scheme. */
  readonly electronicAddress?: Identifier;
  /** BG-5 Seller postal address. */
  readonly postalAddress?: PostalAddress;
  /** BG-6 Seller contact. */
  readonly contact?: Contact;
}

/** BG-7 BUYER. */
export interface Buyer {
  /** BT-44 Buyer name. */
  readonly name: string;
  /** BT-45 Buyer trading name. */
  readonly tradingName?: string;
  /** BT-46 Buyer identifier, BT-46-1 scheme. */
  readonly identifier?: Identifier;
  /** BT-47 Buyer legal registration identifier, BT-47-1 scheme. */
  readonly legalRegistrationId?: Identifier;
  /** BT-48 Buyer VAT identifier. */
  readonly vatId?: string;
  /** BT-49 Buyer electronic address, BT-49-1 scheme. */
  readonly electronicAddress?: Identifier;
  /** BG-8 Buyer postal address. */
  readonly postalAddress?: PostalAddress;
  /** BG-9 Buyer contact. */
  readonly contact?: Contact;
}

/** BG-10 PAYEE. */
export interface Payee {
  /** BT-59 Payee name. */
  readonly name: string;
  /** BT-60 Payee identifier, BT-60-1 scheme. */
  readonly identifier?: Identifier;
  /** BT-61 Payee legal registration identifier, BT-61-1 scheme. */
  readonly legalRegistrationId?: Identifier;
}

/** BG-11 SELLER TAX REPRESENTATIVE PARTY. */
export interface TaxRepresentative {
  /** BT-62 Seller tax representative name. */
  readonly name: string;
  /** BT-63 Seller tax representative VAT identifier. */
  readonly vatId?: string;
  /** BG-12 Seller tax representative postal address. */
  readonly postalAddress?: PostalAddress;
}

/** BG-13 DELIVERY INFORMATION (with BG-15 DELIVER TO ADDRESS). */
export interface Delivery {
  /** BT-70 Deliver to party name. */
  readonly partyName?: string;
  /** BT-71 Deliver to location identifier, BT-71-1 scheme. */
  readonly locationId?: Identifier;
  /** BT-72 Actual delivery date (YYYY-MM-DD). */
  readonly actualDeliveryDate?: string;
  /** BG-15 Deliver to address. */
  readonly address?: PostalAddress;
}
