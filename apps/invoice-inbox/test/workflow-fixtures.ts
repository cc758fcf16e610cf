/**
 * Test and bench fixtures for the inbox workflow: consistent Peppol BIS 3 UBL invoices
 * (totals, VAT breakdown and identifiers add up, amounts computed in integer cents), and
 * the ERP master data that codes them.
 */

export interface UblOptions {
  number: string;
  issueDate?: string;
  supplierName?: string;
  supplierVat?: string;
  supplierRegistration?: string;
  buyerName?: string;
  lines?: number;
  currency?: string;
}

function money(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A UBL 2.1 invoice at 22 % VAT; `lines` lines (default 2) with ids 1..n. */
export function ublInvoice(o: UblOptions): string {
  const cur = o.currency ?? 'EUR';
  const n = o.lines ?? 2;
  const lines: string[] = [];
  let net = 0;
  for (let i = 1; i <= n; i++) {
    const qty = (i % 3) + 1;
    const price = 1000 + i * 250;
    const amount = qty * price;
    net += amount;
    lines.push(`<cac:InvoiceLine><cbc:ID>${i}</cbc:ID><cbc:InvoicedQuantity unitCode="C62">${qty}</cbc:InvoicedQuantity>
<cbc:LineExtensionAmount currencyID="${cur}">${money(amount)}</cbc:LineExtensionAmount>
<cac:Item><cbc:Name>Article ${i} — ärisõnum</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>22</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
<cac:Price><cbc:PriceAmount currencyID="${cur}">${money(price)}</cbc:PriceAmount></cac:Price></cac:InvoiceLine>`);
  }
  // 22 % of a whole number of cents, rounded half up to cents, in integers.
  const vat = Math.floor((net * 22 + 50) / 100);
  const gross = net + vat;
  const supplierVat = o.supplierVat ?? 'EE100000001';
  const supplierReg = o.supplierRegistration ?? '10000001';
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
<cbc:ID>${esc(o.number)}</cbc:ID><cbc:IssueDate>${o.issueDate ?? '2026-01-15'}</cbc:IssueDate><cbc:DueDate>2026-02-14</cbc:DueDate>
<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>${cur}</cbc:DocumentCurrencyCode><cbc:BuyerReference>PO-77</cbc:BuyerReference>
<cac:AccountingSupplierParty><cac:Party><cbc:EndpointID schemeID="9931">${supplierVat}</cbc:EndpointID>
<cac:PartyName><cbc:Name>${esc(o.supplierName ?? 'Põhja Puit OÜ')}</cbc:Name></cac:PartyName>
<cac:PostalAddress><cbc:StreetName>Puidu 1</cbc:StreetName><cbc:CityName>Tallinn</cbc:CityName><cbc:PostalZone>10111</cbc:PostalZone><cac:Country><cbc:IdentificationCode>EE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
<cac:PartyTaxScheme><cbc:CompanyID>${supplierVat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
<cac:PartyLegalEntity><cbc:RegistrationName>${esc(o.supplierName ?? 'Põhja Puit OÜ')}</cbc:RegistrationName><cbc:CompanyID>${supplierReg}</cbc:CompanyID></cac:PartyLegalEntity>
</cac:Party></cac:AccountingSupplierParty>
<cac:AccountingCustomerParty><cac:Party><cbc:EndpointID schemeID="9931">EE200000002</cbc:EndpointID>
<cac:PartyName><cbc:Name>${esc(o.buyerName ?? 'Ostja AS')}</cbc:Name></cac:PartyName>
<cac:PostalAddress><cbc:CityName>Tartu</cbc:CityName><cac:Country><cbc:IdentificationCode>EE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
<cac:PartyTaxScheme><cbc:CompanyID>EE200000002</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
<cac:PartyLegalEntity><cbc:RegistrationName>${esc(o.buyerName ?? 'Ostja AS')}</cbc:RegistrationName></cac:PartyLegalEntity>
</cac:Party></cac:AccountingCustomerParty>
<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>RF18 5390 0754 7034</cbc:PaymentID><cac:PayeeFinancialAccount><cbc:ID>EE382200221020145685</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
<cac:TaxTotal><cbc:TaxAmount currencyID="${cur}">${money(vat)}</cbc:TaxAmount>
<cac:TaxSubtotal><cbc:TaxableAmount currencyID="${cur}">${money(net)}</cbc:TaxableAmount><cbc:TaxAmount currencyID="${cur}">${money(vat)}</cbc:TaxAmount>
<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>22</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="${cur}">${money(net)}</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="${cur}">${money(net)}</cbc:TaxExclusiveAmount>
<cbc:TaxInclusiveAmount currencyID="${cur}">${money(gross)}</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="${cur}">${money(gross)}</cbc:PayableAmount></cac:LegalMonetaryTotal>
${lines.join('\n')}
</Invoice>`;
}

/** Master data events (payload without company) that code the fixtures' invoices. */
export const MASTER_DATA = {
  accounts: [
    { number: '4000', name: 'Goods for resale', type: 'expense', active: true },
    { number: '4100', name: 'Services', type: 'expense', active: true },
    { number: '4900', name: 'Closed account', type: 'expense', active: false },
  ],
  dimensions: [
    { dimensionType: 'DEPT', dimensionTypeName: 'Department', code: 'TLN', name: 'Tallinn', active: true },
    { dimensionType: 'PROJECT', code: 'P-1', name: 'Project one', active: true },
  ],
  contacts: [{ contactId: 'SUP-1', name: 'Põhja Puit OÜ', registrationCode: '10000001', vatId: 'EE100000001', roles: ['supplier'], active: true }],
} as const;
