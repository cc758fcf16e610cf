/**
 * Generates a Peppol BIS 3 UBL invoice with `lines` lines whose totals, VAT breakdown and
 * identifiers are all consistent, so a correct validator reports no fatal finding.
 * Amounts are computed in integer cents: no floating point money, even in the bench.
 */

const RATES = [25, 12] as const;

/** GS1 mod-10 check digit, so the 0088 endpoint identifiers pass the GLN check. */
function gln(base12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(base12[11 - i]) * (i % 2 === 0 ? 3 : 1);
  return base12 + String((10 - (sum % 10)) % 10);
}

function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function generatePeppolUbl(lines: number): string {
  const out: string[] = [];
  const taxable = new Map<number, number>();
  let lineTotal = 0;
  const body: string[] = [];
  for (let i = 1; i <= lines; i++) {
    const rate = RATES[i % RATES.length] as number;
    const qty = (i % 7) + 1;
    const priceEuros = (i % 13) + 5;
    const amount = qty * priceEuros * 100;
    lineTotal += amount;
    taxable.set(rate, (taxable.get(rate) ?? 0) + amount);
    body.push(`  <cac:InvoiceLine>
    <cbc:ID>${i}</cbc:ID>
    <cbc:InvoicedQuantity unitCode="C62">${qty}</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">${money(amount)}</cbc:LineExtensionAmount>
    <cac:OrderLineReference><cbc:LineID>${i}</cbc:LineID></cac:OrderLineReference>
    <cac:Item>
      <cbc:Description>Generated article number ${i}</cbc:Description>
      <cbc:Name>Article ${i}</cbc:Name>
      <cac:SellersItemIdentification><cbc:ID>SKU-${i}</cbc:ID></cac:SellersItemIdentification>
      <cac:ClassifiedTaxCategory>
        <cbc:ID>S</cbc:ID>
        <cbc:Percent>${rate}</cbc:Percent>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price>
      <cbc:PriceAmount currencyID="EUR">${priceEuros}.00</cbc:PriceAmount>
    </cac:Price>
  </cac:InvoiceLine>`);
  }
  let vatTotal = 0;
  const subtotals: string[] = [];
  for (const rate of RATES) {
    const base = taxable.get(rate);
    if (base === undefined) continue;
    // base is whole euros in cents, so base * rate / 100 is an exact number of cents
    const vat = (base * rate) / 100;
    vatTotal += vat;
    subtotals.push(`    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">${money(base)}</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">${money(vat)}</cbc:TaxAmount>
      <cac:TaxCategory>
        <cbc:ID>S</cbc:ID>
        <cbc:Percent>${rate}</cbc:Percent>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:TaxCategory>
    </cac:TaxSubtotal>`);
  }
  const party = (endpoint: string, name: string, country: string, vatId: string, city: string) => `    <cac:Party>
      <cbc:EndpointID schemeID="0088">${endpoint}</cbc:EndpointID>
      <cac:PartyName><cbc:Name>${name}</cbc:Name></cac:PartyName>
      <cac:PostalAddress>
        <cbc:StreetName>Main street 1</cbc:StreetName>
        <cbc:CityName>${city}</cbc:CityName>
        <cbc:PostalZone>1000</cbc:PostalZone>
        <cac:Country><cbc:IdentificationCode>${country}</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyTaxScheme>
        <cbc:CompanyID>${vatId}</cbc:CompanyID>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:PartyTaxScheme>
      <cac:PartyLegalEntity><cbc:RegistrationName>${name} SA</cbc:RegistrationName></cac:PartyLegalEntity>
    </cac:Party>`;
  out.push(`<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>GEN-${lines}</cbc:ID>
  <cbc:IssueDate>2024-03-01</cbc:IssueDate>
  <cbc:DueDate>2024-03-31</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:Note>Generated benchmark invoice with ${lines} lines</cbc:Note>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>BENCH-REF</cbc:BuyerReference>
  <cac:OrderReference><cbc:ID>PO-${lines}</cbc:ID></cac:OrderReference>
  <cac:AccountingSupplierParty>
${party(gln('543210000001'), 'Seller Company', 'BE', 'BE0123456749', 'Brussels')}
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
${party(gln('376543210001'), 'Buyer Company', 'FR', 'FR23334175221', 'Paris')}
  </cac:AccountingCustomerParty>
  <cac:Delivery><cbc:ActualDeliveryDate>2024-02-28</cbc:ActualDeliveryDate></cac:Delivery>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
    <cbc:PaymentID>GEN-${lines}</cbc:PaymentID>
    <cac:PayeeFinancialAccount><cbc:ID>BE71096123456769</cbc:ID></cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:PaymentTerms><cbc:Note>30 days net</cbc:Note></cac:PaymentTerms>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="EUR">${money(vatTotal)}</cbc:TaxAmount>
${subtotals.join('\n')}
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">${money(lineTotal)}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">${money(lineTotal)}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">${money(lineTotal + vatTotal)}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">${money(lineTotal + vatTotal)}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
${body.join('\n')}
</Invoice>
`);
  return out.join('');
}
