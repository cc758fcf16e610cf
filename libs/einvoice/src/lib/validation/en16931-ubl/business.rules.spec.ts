import { parseXml } from '../../xml/parse-xml';
import type { Finding } from '../finding';
import { en16931UblRules } from './index';
import { syntheticInvoice } from './test-invoice.fixture';

function run(xml: string): Finding[] {
  const findings: Finding[] = [];
  en16931UblRules.run(parseXml(xml).root, findings);
  return findings;
}
const ids = (xml: string) => run(xml).map((f) => f.rule);
const inv = (header = '', line = '') => syntheticInvoice(1, { header, line });

describe('EN 16931 business rules not covered by the official unit tests', () => {
  it('BR-DEC-*: at most two decimals on amounts', () => {
    const xml = syntheticInvoice(1)
      .replace('<cbc:TaxExclusiveAmount currencyID="EUR">10.00<', '<cbc:TaxExclusiveAmount currencyID="EUR">10.000<')
      .replace('<cbc:LineExtensionAmount currencyID="EUR">10.00</cbc:LineExtensionAmount>\n    <cac:Item>', '<cbc:LineExtensionAmount currencyID="EUR">10.001</cbc:LineExtensionAmount>\n    <cac:Item>');
    const r = ids(xml);
    expect(r).toEqual(expect.arrayContaining(['BR-DEC-12', 'BR-DEC-23']));
    const ac = (indicator: string) =>
      `<cac:AllowanceCharge><cbc:ChargeIndicator>${indicator}</cbc:ChargeIndicator><cbc:AllowanceChargeReason>r</cbc:AllowanceChargeReason><cbc:Amount currencyID="EUR">1.001</cbc:Amount><cbc:BaseAmount currencyID="EUR">1.001</cbc:BaseAmount></cac:AllowanceCharge>`;
    expect(ids(inv(ac('false')))).toEqual(expect.arrayContaining(['BR-DEC-01', 'BR-DEC-02']));
    expect(ids(inv(ac('true')))).toEqual(expect.arrayContaining(['BR-DEC-05', 'BR-DEC-06']));
    expect(ids(inv('', ac('false')))).toEqual(expect.arrayContaining(['BR-DEC-24', 'BR-DEC-25']));
    expect(ids(inv('', ac('true')))).toEqual(expect.arrayContaining(['BR-DEC-27', 'BR-DEC-28']));
  });

  it('BR-DEC-13/15 never fire (their XPath compares with a child that cannot exist)', () => {
    const xml = syntheticInvoice(1).replace(/<cbc:TaxAmount currencyID="EUR">2.50<\/cbc:TaxAmount>/g, '<cbc:TaxAmount currencyID="EUR">2.500</cbc:TaxAmount>');
    const r = ids(xml);
    expect(r).not.toContain('BR-DEC-13');
    expect(r).toContain('BR-DEC-20');
  });

  it('BR-CL-08: a #CODE# note subject must be a UNTDID 4451 code', () => {
    expect(ids(inv('<cbc:Note>#ZZZ#text</cbc:Note>'))).not.toContain('BR-CL-08');
    expect(ids(inv('<cbc:Note>#QQQ#text</cbc:Note>'))).toContain('BR-CL-08');
    expect(ids(inv('<cbc:Note>#QQQQ#text</cbc:Note>'))).not.toContain('BR-CL-08');
    expect(ids(inv('<cbc:Note>a # b</cbc:Note>'))).not.toContain('BR-CL-08');
  });

  it('BR-CL-22, 25, 26: exemption codes (case-insensitive), endpoint and location schemes', () => {
    const cat = (code: string) =>
      `<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReason>r</cbc:AllowanceChargeReason><cbc:Amount currencyID="EUR">0</cbc:Amount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cbc:TaxExemptionReasonCode>${code}</cbc:TaxExemptionReasonCode><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge>`;
    expect(ids(inv(cat('vatex-eu-ae')))).not.toContain('BR-CL-22');
    expect(ids(inv(cat('VATEX-EU-XX')))).toContain('BR-CL-22');
    expect(ids(inv('<cac:Foo><cbc:EndpointID schemeID="9999">x</cbc:EndpointID></cac:Foo>'))).toContain('BR-CL-25');
    expect(ids(inv('<cac:Delivery><cac:DeliveryLocation><cbc:ID schemeID="0088">1</cbc:ID></cac:DeliveryLocation></cac:Delivery>'))).not.toContain('BR-CL-26');
    expect(ids(inv('<cac:Delivery><cac:DeliveryLocation><cbc:ID schemeID="XX">1</cbc:ID></cac:DeliveryLocation></cac:Delivery>'))).toContain('BR-CL-26');
  });

  it('BR-CO-09: a raw two-character prefix test on VAT identifiers', () => {
    const vat = (id: string) => syntheticInvoice(1).replace('NO999999999MVA', id);
    expect(ids(vat('EL123'))).not.toContain('BR-CO-09');
    expect(ids(vat('QQ123'))).toContain('BR-CO-09');
    expect(ids(vat(''))).not.toContain('BR-CO-09');
  });

  it('BR-B-01/02: split payment is Italian-only and excludes standard rated', () => {
    const b = syntheticInvoice(1)
      .replace(/<cbc:ID>S<\/cbc:ID>\s*<cbc:Percent>25<\/cbc:Percent>\s*<cac:TaxScheme>/, '<cbc:ID>B</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme>');
    const r = ids(b);
    expect(r).toContain('BR-B-01'); // Norwegian addresses
    expect(r).toContain('BR-B-02'); // the breakdown is still S
    expect(ids(b.replace(/>NO</g, '>IT<'))).not.toContain('BR-B-01');
  });

  it('BR-S-08 compares per rate within +/- 1 and BR-S-09 rounds the tax amount', () => {
    const xml = (taxable: string, tax: string) =>
      syntheticInvoice(1)
        .replace('<cbc:TaxableAmount currencyID="EUR">10.00<', `<cbc:TaxableAmount currencyID="EUR">${taxable}<`)
        .replace(/(<cac:TaxSubtotal>\s*<cbc:TaxableAmount[^>]*>[^<]*<\/cbc:TaxableAmount>\s*)<cbc:TaxAmount currencyID="EUR">2.50</, `$1<cbc:TaxAmount currencyID="EUR">${tax}<`);
    expect(ids(xml('10.99', '2.50'))).not.toContain('BR-S-08');
    expect(ids(xml('11.00', '2.50'))).toContain('BR-S-08');
    expect(ids(xml('10.00', '3.49'))).not.toContain('BR-S-09');
    expect(ids(xml('10.00', '3.50'))).toContain('BR-S-09');
  });

  it('line-level VAT rate rules fire per line with the line as the location', () => {
    const xml = syntheticInvoice(2).replace(/(<cac:ClassifiedTaxCategory>\s*<cbc:ID>S<\/cbc:ID>\s*)<cbc:Percent>25</, '$1<cbc:Percent>0<');
    const f = run(xml).filter((x) => x.rule === 'BR-S-05');
    expect(f.map((x) => x.location)).toEqual(['/Invoice/cac:InvoiceLine[1]/cac:Item/cac:ClassifiedTaxCategory']);
  });
});
