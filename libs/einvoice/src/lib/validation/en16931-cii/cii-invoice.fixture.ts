import { parseXml } from '../../xml/parse-xml';
import type { Finding } from '../finding';
import { en16931CiiRules } from './index';

/**
 * Small CII invoices for the unit specs: a valid default (one standard rated line, one VAT
 * breakdown, consistent totals) built from parts that a test overrides one at a time.
 */

const NS =
  'xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" ' +
  'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" ' +
  'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"';

/** Parts of an invoice line that a test overrides. */
export interface LineOptions {
  readonly id?: string;
  readonly net?: string;
  readonly category?: string;
  /** null: no rate element. */
  readonly rate?: string | null;
  readonly price?: string;
  /** Extra content at the start of ram:SpecifiedLineTradeSettlement (after the tax). */
  readonly settlement?: string;
  readonly agreement?: string;
  readonly product?: string;
  readonly delivery?: string;
}

/** An invoice line: standard rated 25 %, net 100.00 by default. */
export function line(o: LineOptions = {}): string {
  const rate =
    o.rate === null
      ? ''
      : `<ram:RateApplicablePercent>${o.rate ?? '25'}</ram:RateApplicablePercent>`;
  return `<ram:IncludedSupplyChainTradeLineItem>
    <ram:AssociatedDocumentLineDocument><ram:LineID>${o.id ?? '1'}</ram:LineID></ram:AssociatedDocumentLineDocument>
    <ram:SpecifiedTradeProduct>${o.product ?? ''}<ram:Name>Item</ram:Name></ram:SpecifiedTradeProduct>
    <ram:SpecifiedLineTradeAgreement>${o.agreement ?? ''}<ram:NetPriceProductTradePrice><ram:ChargeAmount>${o.price ?? '10'}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
    <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">10</ram:BilledQuantity>${o.delivery ?? ''}</ram:SpecifiedLineTradeDelivery>
    <ram:SpecifiedLineTradeSettlement>
      <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>${o.category ?? 'S'}</ram:CategoryCode>${rate}</ram:ApplicableTradeTax>
      ${o.settlement ?? ''}
      <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>${o.net ?? '100.00'}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
    </ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>`;
}

/** Parts of a VAT breakdown that a test overrides. */
export interface TaxOptions {
  readonly basis?: string;
  readonly calculated?: string;
  readonly category?: string;
  readonly rate?: string | null;
  readonly reason?: string;
  readonly extra?: string;
}

/** A VAT breakdown: S 25 %, basis 100.00, tax 25.00 by default. */
export function tax(o: TaxOptions = {}): string {
  const rate =
    o.rate === null
      ? ''
      : `<ram:RateApplicablePercent>${o.rate ?? '25'}</ram:RateApplicablePercent>`;
  const reason =
    o.reason === undefined
      ? ''
      : `<ram:ExemptionReason>${o.reason}</ram:ExemptionReason>`;
  return `<ram:ApplicableTradeTax><ram:CalculatedAmount>${o.calculated ?? '25.00'}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>${reason}<ram:BasisAmount>${o.basis ?? '100.00'}</ram:BasisAmount><ram:CategoryCode>${o.category ?? 'S'}</ram:CategoryCode>${o.extra ?? ''}${rate}</ram:ApplicableTradeTax>`;
}

/** A document level allowance or charge. */
export interface AllowanceChargeOptions {
  readonly charge: boolean;
  readonly amount?: string;
  readonly category?: string;
  readonly rate?: string | null;
  readonly reason?: string | null;
  /** Replaces the indicator value (e.g. an invalid one). */
  readonly indicator?: string;
}

/** A document level allowance or charge: S 25 %, 10.00 by default. */
export function allowanceCharge(o: AllowanceChargeOptions): string {
  const rate =
    o.rate === null
      ? ''
      : `<ram:RateApplicablePercent>${o.rate ?? '25'}</ram:RateApplicablePercent>`;
  const reason =
    o.reason === null
      ? ''
      : `<ram:Reason>${o.reason ?? 'Discount'}</ram:Reason>`;
  return `<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>${o.indicator ?? String(o.charge)}</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>${o.amount ?? '10.00'}</ram:ActualAmount>${reason}<ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>${o.category ?? 'S'}</ram:CategoryCode>${rate}</ram:CategoryTradeTax></ram:SpecifiedTradeAllowanceCharge>`;
}

/** Header totals; null leaves the element out. */
export interface Totals {
  readonly line: string | null;
  readonly charges: string | null;
  readonly allowances: string | null;
  readonly basis: string | null;
  readonly tax: string | null;
  readonly grand: string | null;
  readonly prepaid: string | null;
  readonly rounding: string | null;
  readonly due: string | null;
}

const DEFAULT_TOTALS: Totals = {
  line: '100.00',
  charges: null,
  allowances: null,
  basis: '100.00',
  tax: '25.00',
  grand: '125.00',
  prepaid: null,
  rounding: null,
  due: '125.00',
};

/** Parts of the invoice that a test overrides. */
export interface InvoiceOptions {
  readonly lines?: readonly string[];
  readonly taxes?: readonly string[];
  readonly allowanceCharges?: readonly string[];
  readonly totals?: Partial<Totals>;
  /** Extra children of the summation (e.g. a second TaxTotalAmount). */
  readonly summationExtra?: string;
  readonly currency?: string;
  readonly taxCurrency?: string;
  readonly seller?: string;
  readonly buyer?: string;
  readonly agreementExtra?: string;
  readonly delivery?: string;
  /** Extra children of the header settlement, before the taxes. */
  readonly settlementExtra?: string;
  readonly documentExtra?: string;
  readonly contextExtra?: string;
  readonly typeCode?: string;
}

/** A seller with name, address and VAT identifier. */
export const SELLER =
  '<ram:Name>Seller</ram:Name><ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>' +
  '<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE123456789</ram:ID></ram:SpecifiedTaxRegistration>';
/** A buyer with name and address. */
export const BUYER =
  '<ram:Name>Buyer</ram:Name><ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>';

function amount(local: string, v: string | null, currency?: string): string {
  if (v === null) return '';
  const attr = currency ? ` currencyID="${currency}"` : '';
  return `<ram:${local}${attr}>${v}</ram:${local}>`;
}

/** The whole CII invoice. */
export function invoice(o: InvoiceOptions = {}): string {
  const t: Totals = { ...DEFAULT_TOTALS, ...o.totals };
  const cur = o.currency ?? 'EUR';
  const taxCur = o.taxCurrency
    ? `<ram:TaxCurrencyCode>${o.taxCurrency}</ram:TaxCurrencyCode>`
    : '';
  return `<rsm:CrossIndustryInvoice ${NS}>
  <rsm:ExchangedDocumentContext>${o.contextExtra ?? ''}<ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument><ram:ID>INV-1</ram:ID><ram:TypeCode>${o.typeCode ?? '380'}</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">20240131</udt:DateTimeString></ram:IssueDateTime>${o.documentExtra ?? ''}</rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    ${(o.lines ?? [line()]).join('\n')}
    <ram:ApplicableHeaderTradeAgreement><ram:SellerTradeParty>${o.seller ?? SELLER}</ram:SellerTradeParty><ram:BuyerTradeParty>${o.buyer ?? BUYER}</ram:BuyerTradeParty>${o.agreementExtra ?? ''}</ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery>${o.delivery ?? ''}</ram:ApplicableHeaderTradeDelivery>
    <ram:ApplicableHeaderTradeSettlement>
      ${taxCur}<ram:InvoiceCurrencyCode>${cur}</ram:InvoiceCurrencyCode>
      ${o.settlementExtra ?? ''}
      ${(o.taxes ?? [tax()]).join('\n')}
      ${(o.allowanceCharges ?? []).join('\n')}
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        ${amount('LineTotalAmount', t.line)}${amount('ChargeTotalAmount', t.charges)}${amount('AllowanceTotalAmount', t.allowances)}
        ${amount('TaxBasisTotalAmount', t.basis)}${amount('TaxTotalAmount', t.tax, cur)}${o.summationExtra ?? ''}${amount('RoundingAmount', t.rounding)}
        ${amount('GrandTotalAmount', t.grand)}${amount('TotalPrepaidAmount', t.prepaid)}${amount('DuePayableAmount', t.due)}
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`;
}

/** Runs the EN 16931 CII rules on a document. */
export function validate(xml: string): Finding[] {
  const findings: Finding[] = [];
  en16931CiiRules.run(parseXml(xml).root, findings);
  return findings;
}

/** Findings of one rule. */
export function findingsOf(xml: string, rule: string): Finding[] {
  return validate(xml).filter((f) => f.rule === rule);
}

/** Flags with which `rule` fired (empty: it did not fire). */
export function flagsOf(xml: string, rule: string): string[] {
  return findingsOf(xml, rule).map((f) => f.flag);
}
