import { NS, select } from '../../xml/query';
import type { XmlElement } from '../../xml/xml-node';
import type { Finding } from '../finding';
import { RuleContext, at, is, kid, kids, selectAll, text } from './rule-context';
import { profileOf } from './ubl-doc';
import { nsp, substr } from './xpath.util';

/**
 * Document-wide values of the Peppol CII rules (the Schematron's global variables), computed
 * once per document.
 */
export class CiiDoc extends RuleContext {
  /** The root is rsm:CrossIndustryInvoice: absolute paths in the rules only resolve then. */
  readonly isCii: boolean;
  readonly profile: string | undefined;
  /** Country from the seller VAT registration, else the tax representative's, else the seller address; 'XX' if none. */
  readonly supplierCountry: string;
  /** Invoice currency code elements (BT-5) and VAT accounting currency elements (BT-6). */
  readonly documentCurrency: XmlElement[];
  readonly taxCurrency: XmlElement[];
  readonly sellers: XmlElement[];
  readonly buyers: XmlElement[];
  /** Seller / buyer address country elements, compared raw by the Danish rules. */
  readonly sellerCountryCodes: XmlElement[];
  readonly buyerCountryCodes: XmlElement[];
  readonly supplierIsNL: boolean;
  readonly customerIsNL: boolean;
  readonly taxRepresentativeIsNL: boolean;

  constructor(root: XmlElement, findings: Finding[]) {
    super(root, findings);
    this.isCii = is(root, NS.rsm, 'CrossIndustryInvoice');
    const top = this.isCii ? root : undefined;
    const agreements = top ? select(top, 'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement') : [];
    const settlements = top ? select(top, 'rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement') : [];
    this.profile = top ? profileOf(text(select(top, 'rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID'))) : 'Unknown';
    this.sellers = agreements.flatMap((a) => kids(a, NS.ram, 'SellerTradeParty'));
    this.buyers = agreements.flatMap((a) => kids(a, NS.ram, 'BuyerTradeParty'));
    this.sellerCountryCodes = selectAll(this.sellers, 'ram:PostalTradeAddress/ram:CountryID');
    this.buyerCountryCodes = selectAll(this.buyers, 'ram:PostalTradeAddress/ram:CountryID');
    const taxReps = agreements.flatMap((a) => kids(a, NS.ram, 'SellerTaxRepresentativeTradeParty'));
    // The seller-VAT step of the official variable only looks at the first transaction/agreement/seller.
    const firstSeller = top ? kid(kid(kid(top, NS.rsm, 'SupplyChainTradeTransaction'), NS.ram, 'ApplicableHeaderTradeAgreement'), NS.ram, 'SellerTradeParty') : undefined;
    const sellerAddressCountry = text(this.sellerCountryCodes);
    this.supplierCountry =
      vatRegistrationPrefix(firstSeller ? [firstSeller] : []) ??
      vatRegistrationPrefix(taxReps) ??
      (sellerAddressCountry === undefined ? 'XX' : nsp(sellerAddressCountry).toUpperCase());
    this.documentCurrency = settlements.flatMap((s) => kids(s, NS.ram, 'InvoiceCurrencyCode'));
    this.taxCurrency = settlements.flatMap((s) => kids(s, NS.ram, 'TaxCurrencyCode'));
    const upperCode = (els: readonly XmlElement[]) => nsp(text(els)).toUpperCase();
    this.supplierIsNL = upperCode(this.sellerCountryCodes) === 'NL';
    this.customerIsNL = upperCode(this.buyerCountryCodes) === 'NL';
    this.taxRepresentativeIsNL = upperCode(selectAll(taxReps, 'ram:PostalTradeAddress/ram:CountryID')) === 'NL';
  }

  /** `$DKSupplierCountry = 'DK'`: some seller address country is exactly 'DK'. */
  get danishSupplier(): boolean {
    return this.sellerCountryCodes.some((c) => c.text === 'DK');
  }

  /** `$DKCustomerCountry = 'DK'`. */
  get danishCustomer(): boolean {
    return this.buyerCountryCodes.some((c) => c.text === 'DK');
  }
}

/**
 * `Party/ram:SpecifiedTaxRegistration[ram:ID/@schemeID = 'VAT']/substring(ram:ID, 1, 2)`, upper-cased and
 * normalised, when the first such value is non-empty; undefined otherwise.
 */
export function vatRegistrationPrefix(parties: readonly XmlElement[]): string | undefined {
  for (const party of parties) {
    for (const reg of kids(party, NS.ram, 'SpecifiedTaxRegistration')) {
      const ids = kids(reg, NS.ram, 'ID');
      if (!ids.some((id) => at(id, 'schemeID') === 'VAT')) continue;
      const prefix = substr(ids[0]?.text, 1, 2);
      return prefix === '' ? undefined : nsp(prefix).toUpperCase();
    }
  }
  return undefined;
}
