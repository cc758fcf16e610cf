import { parseXml } from '../../xml/parse-xml';
import type { Finding } from '../finding';
import { en16931UblRules } from './index';
import { syntheticInvoice } from './test-invoice.fixture';

function run(header = '', line = ''): Finding[] {
  const findings: Finding[] = [];
  en16931UblRules.run(parseXml(syntheticInvoice(1, { header, line })).root, findings);
  return findings;
}
const ids = (f: Finding[]) => f.map((x) => x.rule);

describe('UBL syntax rules (UBL-SR, UBL-DT)', () => {
  it.each([
    ['UBL-SR-01', '<cac:ContractDocumentReference><cbc:ID>1</cbc:ID></cac:ContractDocumentReference>'],
    ['UBL-SR-02', '<cac:ReceiptDocumentReference><cbc:ID>1</cbc:ID></cac:ReceiptDocumentReference>'],
    ['UBL-SR-03', '<cac:DespatchDocumentReference><cbc:ID>1</cbc:ID></cac:DespatchDocumentReference>'],
    ['UBL-SR-05', '<cac:PaymentTerms><cbc:Note>a</cbc:Note></cac:PaymentTerms>'],
    ['UBL-SR-08', '<cac:InvoicePeriod><cbc:StartDate>2024-01-01</cbc:StartDate></cac:InvoicePeriod>'],
    ['UBL-SR-24', '<cac:Delivery/>'],
    ['UBL-SR-39', '<cac:ProjectReference><cbc:ID>1</cbc:ID></cac:ProjectReference>'],
    ['UBL-SR-56', '<cac:OriginatorDocumentReference><cbc:ID>1</cbc:ID></cac:OriginatorDocumentReference>'],
  ])('%s: at most one', (rule, twice) => {
    // The synthetic invoice has one InvoicePeriod already; the others are added twice.
    const header = rule === 'UBL-SR-08' ? twice : twice + twice;
    expect(ids(run(''))).not.toContain(rule);
    expect(run(header).find((f) => f.rule === rule)).toMatchObject({ flag: 'fatal', location: '/Invoice' });
  });

  it('UBL-SR-12/13 tell VAT and other seller tax schemes apart (upper-cased, not trimmed)', () => {
    const pts = (scheme: string) => `<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>X</cbc:CompanyID><cac:TaxScheme><cbc:ID>${scheme}</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>`;
    // Only the root-level seller counts: a second AccountingSupplierParty adds to the same count.
    expect(ids(run(pts('vat')))).toContain('UBL-SR-12');
    expect(ids(run(pts('FC')))).not.toContain('UBL-SR-13');
    expect(ids(run(pts('FC') + pts(' VAT')))).toContain('UBL-SR-13');
  });

  it('UBL-SR-44/47 count distinct payment references and means codes', () => {
    const pm = (code: string, id: string) => `<cac:PaymentMeans><cbc:PaymentMeansCode>${code}</cbc:PaymentMeansCode><cbc:PaymentID>${id}</cbc:PaymentID><cac:PayeeFinancialAccount><cbc:ID>A</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>`;
    const same = ids(run(pm('30', 'R1') + pm('30', 'R1')));
    expect(same).not.toContain('UBL-SR-44');
    expect(same).not.toContain('UBL-SR-47');
    const refs = ids(run(pm('30', 'R1') + pm('30', 'R2')));
    expect(refs).toContain('UBL-SR-44');
    expect(refs).not.toContain('UBL-SR-47');
    expect(ids(run(pm('58', 'R1')))).toContain('UBL-SR-47');
  });

  it('UBL-SR-34..37, 48, 50, 52 on lines', () => {
    expect(ids(run('', '<cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note>'))).toContain('UBL-SR-34');
    expect(ids(run('', '<cac:OrderLineReference><cbc:LineID>1</cbc:LineID><cbc:LineID>2</cbc:LineID></cac:OrderLineReference>'))).toContain('UBL-SR-35');
    expect(ids(run('', '<cac:InvoicePeriod/><cac:InvoicePeriod/>'))).toContain('UBL-SR-36');
    expect(ids(run('', '<cac:Price><cac:AllowanceCharge><cbc:Amount>1</cbc:Amount><cbc:Amount>2</cbc:Amount></cac:AllowanceCharge></cac:Price>'))).toContain('UBL-SR-37');
    expect(ids(run('', '<cac:Item><cac:ClassifiedTaxCategory/></cac:Item>'))).toContain('UBL-SR-48');
    expect(ids(run('', '<cac:Item><cbc:Description>a</cbc:Description><cbc:Description>b</cbc:Description></cac:Item>'))).toContain('UBL-SR-50');
    expect(ids(run('', '<cac:DocumentReference/><cac:DocumentReference/>'))).toContain('UBL-SR-52');
    expect(ids(run())).not.toEqual(expect.arrayContaining(['UBL-SR-34']));
  });

  it('UBL-SR-19..21: the payee must differ from the seller and have a name', () => {
    const payee = (name: string) => `<cac:PayeeParty><cac:PartyName><cbc:Name>${name}</cbc:Name></cac:PartyName></cac:PayeeParty>`;
    expect(ids(run(payee('Factor Ltd')))).not.toContain('UBL-SR-19');
    for (const rule of ['UBL-SR-19', 'UBL-SR-20', 'UBL-SR-21']) {
      expect(ids(run(payee('Seller AS')))).toContain(rule);
      expect(ids(run('<cac:PayeeParty/>'))).toContain(rule);
    }
  });

  it('UBL-SR-43: scheme or type code on a supporting document only for 130 (or 50 on credit notes)', () => {
    const adr = (inner: string) => `<cac:AdditionalDocumentReference><cbc:ID${inner}</cac:AdditionalDocumentReference>`;
    expect(ids(run(adr('>1</cbc:ID>')))).not.toContain('UBL-SR-43');
    expect(ids(run(adr(' schemeID="AAA">1</cbc:ID>')))).toContain('UBL-SR-43');
    expect(ids(run(adr('>1</cbc:ID><cbc:DocumentTypeCode>50</cbc:DocumentTypeCode>')))).toContain('UBL-SR-43');
    expect(ids(run(adr(' schemeID="AAA">1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>')))).not.toContain('UBL-SR-43');
  });

  it('UBL-SR-51/53 and the single-occurrence rules of other groups', () => {
    expect(ids(run('<cac:Delivery><cac:DeliveryLocation><cac:Address><cac:AddressLine/><cac:AddressLine/></cac:Address></cac:DeliveryLocation></cac:Delivery>'))).toContain('UBL-SR-51');
    expect(ids(run('<cac:TaxRepresentativeParty><cac:PartyTaxScheme><cac:TaxScheme/></cac:PartyTaxScheme></cac:TaxRepresentativeParty>'))).toContain('UBL-SR-53');
    expect(ids(run('<cac:BillingReference/>'))).toEqual(expect.arrayContaining(['UBL-SR-07', 'BR-55']));
    expect(ids(run('<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>1</cbc:ID></cac:InvoiceDocumentReference><cac:InvoiceDocumentReference/></cac:BillingReference>'))).toContain('UBL-SR-06');
    expect(ids(run('<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason><cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason></cac:AllowanceCharge>'))).toContain('UBL-SR-30');
    expect(ids(run('<cac:AllowanceCharge><cbc:ChargeIndicator> 1 </cbc:ChargeIndicator><cbc:AllowanceChargeReason>a</cbc:AllowanceChargeReason><cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason></cac:AllowanceCharge>'))).toContain('UBL-SR-31');
  });

  it('UBL-DT-01 skips prices and amounts of a price allowance', () => {
    expect(ids(run('', '<cac:Price><cbc:PriceAmount>1.12345</cbc:PriceAmount><cac:AllowanceCharge><cbc:Amount>0.123</cbc:Amount><cbc:BaseAmount>1.1234</cbc:BaseAmount></cac:AllowanceCharge></cac:Price>'))).not.toContain('UBL-DT-01');
    expect(run('<cac:Foo><cbc:SomeAmount>1.123</cbc:SomeAmount></cac:Foo>').find((f) => f.rule === 'UBL-DT-01')?.location).toBe('/Invoice/cac:Foo/cbc:SomeAmount');
  });

  it('UBL-DT-06..28: binary objects and unused attributes', () => {
    const bin = ids(run('<cac:AdditionalDocumentReference><cbc:ID>1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject>AA==</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>'));
    expect(bin).toEqual(expect.arrayContaining(['UBL-DT-06', 'UBL-DT-07']));
    const attrs = run('<cac:Foo><cbc:X schemeName="a" listAgencyID="b" name="c"/></cac:Foo>');
    expect(attrs.filter((f) => f.rule.startsWith('UBL-DT')).map((f) => [f.rule, f.flag])).toEqual([
      ['UBL-DT-08', 'warning'],
      ['UBL-DT-28', 'warning'],
      ['UBL-DT-18', 'warning'],
    ]);
    const named = run('<cac:PaymentMeans><cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>A</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>');
    expect(ids(named)).not.toContain('UBL-DT-18');
  });
});
