import { NS, select } from '../../xml/query';
import type { XmlElement } from '../../xml/xml-node';
import type { Finding } from '../finding';
import { RuleContext, anyText, is, kid, kids, text } from './rule-context';
import { nsp, substr } from './xpath.util';

/**
 * Document-wide values of the Peppol UBL rules (the Schematron's global variables), computed
 * once per document: the business process, and the supplier/customer countries that switch
 * the national rules on.
 */
export class UblDoc extends RuleContext {
  readonly isInvoice: boolean;
  readonly isCreditNote: boolean;
  /** Process number NN of `urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0`, 'Unknown', or undefined (no token). */
  readonly profile: string | undefined;
  /** Country from the seller VAT id, else the tax representative VAT id, else the seller address; 'XX' if none. */
  readonly supplierCountry: string;
  /** Country from the buyer VAT id, else the buyer address; 'XX' if none. */
  readonly customerCountry: string;
  /** As {@link supplierCountry} without the tax representative step (Greek endpoint rule). */
  readonly accountingSupplierCountry: string;
  readonly supplierIsDE: boolean;
  readonly customerIsDE: boolean;
  readonly supplierIsNL: boolean;
  readonly customerIsNL: boolean;
  readonly taxRepresentativeIsNL: boolean;
  /** Seller / buyer address country code exactly as written (Danish and Icelandic rules compare it raw). */
  readonly rawSupplierCountry: string;
  readonly rawCustomerCountry: string;
  readonly supplierParties: XmlElement[];
  readonly customerParties: XmlElement[];

  constructor(root: XmlElement, findings: Finding[]) {
    super(root, findings, true);
    this.isInvoice = is(root, NS.invoice, 'Invoice');
    this.isCreditNote = is(root, NS.creditNote, 'CreditNote');
    this.profile = profileOf(text(kids(root, NS.cbc, 'ProfileID')));
    this.supplierParties = select(root, 'cac:AccountingSupplierParty/cac:Party');
    this.customerParties = select(root, 'cac:AccountingCustomerParty/cac:Party');
    const taxRep = kids(root, NS.cac, 'TaxRepresentativeParty');
    const supplierAddressCountry = text(select(root, 'cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode'));
    const customerAddressCountry = text(select(root, 'cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode'));
    const fromAddress = (code: string | undefined) => (code === undefined ? 'XX' : nsp(code).toUpperCase());
    const supplierVat = vatPrefix(this.supplierParties);
    this.supplierCountry = supplierVat ?? vatPrefix(taxRep) ?? fromAddress(supplierAddressCountry);
    this.accountingSupplierCountry = supplierVat ?? fromAddress(supplierAddressCountry);
    this.customerCountry = vatPrefix(this.customerParties) ?? fromAddress(customerAddressCountry);
    const upperCode = (code: string | undefined) => nsp(code).toUpperCase();
    this.supplierIsDE = upperCode(supplierAddressCountry) === 'DE';
    this.customerIsDE = upperCode(customerAddressCountry) === 'DE';
    this.supplierIsNL = upperCode(supplierAddressCountry) === 'NL';
    this.customerIsNL = upperCode(customerAddressCountry) === 'NL';
    this.taxRepresentativeIsNL = upperCode(text(select(root, 'cac:TaxRepresentativeParty/cac:PostalAddress/cac:Country/cbc:IdentificationCode'))) === 'NL';
    const rooted = this.isInvoice || this.isCreditNote;
    this.rawSupplierCountry = rooted ? (supplierAddressCountry ?? '') : '';
    this.rawCustomerCountry = rooted ? (customerAddressCountry ?? '') : '';
  }

  /** Both seller and buyer are German (address country), the switch of the DE rules. */
  get germanDomestic(): boolean {
    return this.supplierIsDE && this.customerIsDE;
  }

  /** Seller and buyer address countries are both exactly 'DK'. */
  get danishDomestic(): boolean {
    return this.rawSupplierCountry === 'DK' && this.rawCustomerCountry === 'DK';
  }

  get greekSender(): boolean {
    return this.supplierCountry === 'GR' || this.supplierCountry === 'EL';
  }

  get greekReceiver(): boolean {
    return this.customerCountry === 'GR' || this.customerCountry === 'EL';
  }

  /** The document's line elements: cac:InvoiceLine under an Invoice, cac:CreditNoteLine under a CreditNote. */
  get lines(): XmlElement[] {
    if (this.isInvoice) return kids(this.root, NS.cac, 'InvoiceLine');
    if (this.isCreditNote) return kids(this.root, NS.cac, 'CreditNoteLine');
    return [];
  }
}

// Unanchored, and the dots are regex wildcards, exactly as in the official pattern.
const PROFILE_PATTERN = /urn:fdc:peppol.eu:2017:poacc:billing:([0-9]{2}):1.0/;

/** `tokenize(normalize-space(ProfileID), ':')[7]` when the value contains the billing process pattern. */
export function profileOf(value: string | undefined): string | undefined {
  if (value === undefined) return 'Unknown';
  const v = nsp(value);
  if (!PROFILE_PATTERN.test(v)) return 'Unknown';
  return v.split(':')[6];
}

/**
 * `Party/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/substring(cbc:CompanyID, 1, 2)`, upper-cased and
 * normalised, when that first value is non-empty; undefined otherwise (the variable then falls through).
 */
export function vatPrefix(parties: readonly XmlElement[]): string | undefined {
  for (const party of parties) {
    for (const pts of kids(party, NS.cac, 'PartyTaxScheme')) {
      if (!anyText(select(pts, 'cac:TaxScheme/cbc:ID'), 'VAT')) continue;
      const prefix = substr(kid(pts, NS.cbc, 'CompanyID')?.text, 1, 2);
      return prefix === '' ? undefined : nsp(prefix).toUpperCase();
    }
  }
  return undefined;
}
