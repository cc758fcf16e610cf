/**
 * Test invoices: a small EN 16931-valid UBL 2.1 invoice whose varying parts are options.
 * Shared by the services' integration tests and the end-to-end tests (which may not import app code).
 */

/** What varies between test invoices; everything else is a fixed, EN 16931-valid UBL invoice. */
export interface TestInvoiceOptions {
  number?: string;
  issueDate?: string;
  sellerVatId?: string;
  sellerName?: string;
  /** Net amount in cents (VAT 25 % is added). */
  netCents?: number;
  /** BT-3; 381 writes a CreditNote. */
  typeCode?: string;
  buyerEndpoint?: string;
}

function money(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** A small valid UBL 2.1 invoice (amounts computed in integer cents). Test support only. */
export function testUbl(o: TestInvoiceOptions = {}): string {
  const net = o.netCents ?? 10000;
  const vat = net / 4;
  const gross = net + vat;
  const credit = o.typeCode === '381';
  const root = credit ? 'CreditNote' : 'Invoice';
  const lineTag = credit ? 'CreditNoteLine' : 'InvoiceLine';
  const qtyTag = credit ? 'CreditedQuantity' : 'InvoicedQuantity';
  const typeTag = credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode';
  return `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>${o.number ?? 'INV-1001'}</cbc:ID>
  <cbc:IssueDate>${o.issueDate ?? '2026-01-15'}</cbc:IssueDate>
  ${credit ? '' : '<cbc:DueDate>2026-02-14</cbc:DueDate>'}
  <cbc:${typeTag}>${o.typeCode ?? '380'}</cbc:${typeTag}>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>PO-77</cbc:BuyerReference>
  ${credit ? '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>INV-1001</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>' : ''}
  <cac:AccountingSupplierParty>
    <cac:Party>
      <cbc:EndpointID schemeID="0088">7300010000001</cbc:EndpointID>
      <cac:PostalAddress><cbc:CityName>Tallinn</cbc:CityName><cac:Country><cbc:IdentificationCode>EE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
      <cac:PartyTaxScheme><cbc:CompanyID>${o.sellerVatId ?? 'EE100000001'}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
      <cac:PartyLegalEntity><cbc:RegistrationName>${o.sellerName ?? 'Supplier OÜ'}</cbc:RegistrationName></cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
    <cac:Party>
      <cbc:EndpointID schemeID="0088">${o.buyerEndpoint ?? '7300010000025'}</cbc:EndpointID>
      <cac:PostalAddress><cbc:CityName>Tartu</cbc:CityName><cac:Country><cbc:IdentificationCode>EE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
      <cac:PartyLegalEntity><cbc:RegistrationName>Buyer AS</cbc:RegistrationName></cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingCustomerParty>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
    <cac:PayeeFinancialAccount><cbc:ID>EE382200221020145685</cbc:ID></cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="EUR">${money(vat)}</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">${money(net)}</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">${money(vat)}</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">${money(net)}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">${money(net)}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">${money(gross)}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">${money(gross)}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:${lineTag}>
    <cbc:ID>1</cbc:ID>
    <cbc:${qtyTag} unitCode="C62">1</cbc:${qtyTag}>
    <cbc:LineExtensionAmount currencyID="EUR">${money(net)}</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>Consulting</cbc:Name>
      <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">${money(net)}</cbc:PriceAmount></cac:Price>
  </cac:${lineTag}>
</${root}>`;
}
