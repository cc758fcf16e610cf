import {
  allowanceCharge,
  BUYER,
  flagsOf,
  invoice,
  line,
  SELLER,
  tax,
  validate,
} from './cii-invoice.fixture';

describe('EN 16931 CII document rules (context /rsm:CrossIndustryInvoice)', () => {
  it('finds nothing in the valid default invoice', () => {
    expect(validate(invoice())).toEqual([]);
  });

  it.each([
    [
      'BR-01',
      invoice().replace(
        '<ram:ID>urn:cen.eu:en16931:2017</ram:ID>',
        '<ram:ID>  </ram:ID>',
      ),
    ],
    ['BR-02', invoice().replace('<ram:ID>INV-1</ram:ID>', '')],
    ['BR-03', invoice().replace('format="102"', 'format="610"')],
    ['BR-04', invoice({ typeCode: ' ' })],
    [
      'BR-05',
      invoice().replace(
        '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>',
        '',
      ),
    ],
    [
      'BR-06',
      invoice({ seller: SELLER.replace('<ram:Name>Seller</ram:Name>', '') }),
    ],
    [
      'BR-07',
      invoice({
        buyer: BUYER.replace('<ram:Name>Buyer</ram:Name>', '<ram:Name/>'),
      }),
    ],
    [
      'BR-08',
      invoice({
        seller:
          '<ram:Name>S</ram:Name><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE1</ram:ID></ram:SpecifiedTaxRegistration>',
      }),
    ],
    [
      'BR-09',
      invoice({
        seller: SELLER.replace('<ram:CountryID>DE</ram:CountryID>', ''),
      }),
    ],
    ['BR-10', invoice({ buyer: '<ram:Name>B</ram:Name>' })],
    [
      'BR-11',
      invoice({
        buyer:
          '<ram:Name>B</ram:Name><ram:PostalTradeAddress><ram:CityName>X</ram:CityName></ram:PostalTradeAddress>',
      }),
    ],
    ['BR-16', invoice({ lines: [] })],
    [
      'BR-62',
      invoice({
        seller: `${SELLER}<ram:URIUniversalCommunication><ram:URIID>a@b.c</ram:URIID></ram:URIUniversalCommunication>`,
      }),
    ],
    [
      'BR-63',
      invoice({
        buyer: `${BUYER}<ram:URIUniversalCommunication><ram:URIID schemeID=" ">a@b.c</ram:URIID></ram:URIUniversalCommunication>`,
      }),
    ],
  ])('%s fires as fatal', (rule, xml) => {
    expect(flagsOf(xml, rule)).toEqual(['fatal']);
  });

  it('BR-62 / BR-63 accept an electronic address with a scheme', () => {
    const uri =
      '<ram:URIUniversalCommunication><ram:URIID schemeID="EM">a@b.c</ram:URIID></ram:URIUniversalCommunication>';
    const xml = invoice({ seller: SELLER + uri, buyer: BUYER + uri });
    expect(flagsOf(xml, 'BR-62')).toEqual([]);
    expect(flagsOf(xml, 'BR-63')).toEqual([]);
  });

  it('BR-02 reports an error when the invoice number is repeated (normalize-space of two items)', () => {
    expect(
      flagsOf(invoice({ documentExtra: '<ram:ID>X</ram:ID>' }), 'BR-02'),
    ).toEqual(['fatal']);
  });

  describe('BR-CO-15 (total with VAT = total without VAT + VAT)', () => {
    it('holds on consistent totals', () => {
      expect(flagsOf(invoice(), 'BR-CO-15')).toEqual([]);
    });
    it('fires when the grand total is off', () => {
      expect(
        flagsOf(
          invoice({ totals: { grand: '125.01', due: '125.01' } }),
          'BR-CO-15',
        ),
      ).toEqual(['fatal']);
    });
    it('accepts grand total = basis when there is no VAT total in the invoice currency', () => {
      const xml = invoice({
        totals: { tax: null, grand: '100.00', due: '100.00' },
      });
      expect(flagsOf(xml, 'BR-CO-15')).toEqual([]);
    });
    it('fires when two VAT totals are in the invoice currency', () => {
      const xml = invoice({
        summationExtra:
          '<ram:TaxTotalAmount currencyID="EUR">25.00</ram:TaxTotalAmount>',
      });
      expect(flagsOf(xml, 'BR-CO-15')).toEqual(['fatal']);
    });
  });

  describe('VAT category presence rules (-01)', () => {
    it('BR-S-01: a standard rated line needs a standard rated breakdown', () => {
      const xml = invoice({
        taxes: [tax({ category: 'Z', rate: '0', calculated: '0' })],
      });
      expect(flagsOf(xml, 'BR-S-01')).toEqual(['fatal']);
      expect(flagsOf(invoice(), 'BR-S-01')).toEqual([]);
    });
    it('BR-S-01 counts like the official rule: two S lines satisfy the line half by themselves', () => {
      const xml = invoice({
        lines: [line(), line({ id: '2' })],
        taxes: [tax({ category: 'Z', rate: '0', calculated: '0' })],
      });
      expect(flagsOf(xml, 'BR-S-01')).toEqual([]);
    });
    it('BR-S-01: a standard rated allowance needs a breakdown too', () => {
      const xml = invoice({
        lines: [line({ category: 'Z', rate: '0' })],
        taxes: [tax({ category: 'Z', rate: '0', calculated: '0' })],
        allowanceCharges: [allowanceCharge({ charge: false })],
      });
      expect(flagsOf(xml, 'BR-S-01')).toEqual(['fatal']);
    });
    it.each([
      ['BR-Z-01', 'Z'],
      ['BR-E-01', 'E'],
      ['BR-AE-01', 'AE'],
      ['BR-IC-01', 'K'],
      ['BR-G-01', 'G'],
    ])('%s: exactly one %s breakdown when a line uses it', (rule, code) => {
      const withLine = (taxes: string[]): string =>
        invoice({ lines: [line({ category: code, rate: '0' })], taxes });
      expect(flagsOf(withLine([]), rule)).toEqual(['fatal']);
      expect(
        flagsOf(withLine([tax({ category: code, rate: '0' })]), rule),
      ).toEqual([]);
      expect(
        flagsOf(
          withLine([
            tax({ category: code, rate: '0' }),
            tax({ category: code, rate: '0' }),
          ]),
          rule,
        ),
      ).toEqual(['fatal']);
      // A breakdown without any line, allowance or charge of that category.
      expect(
        flagsOf(
          invoice({ taxes: [tax(), tax({ category: code, rate: '0' })] }),
          rule,
        ),
      ).toEqual(['fatal']);
    });
    it('BR-O-01: an O breakdown needs an O line, allowance or charge', () => {
      expect(
        flagsOf(
          invoice({ taxes: [tax(), tax({ category: 'O', rate: null })] }),
          'BR-O-01',
        ),
      ).toEqual(['fatal']);
      const ok = invoice({
        lines: [line({ category: 'O', rate: null })],
        taxes: [tax({ category: 'O', rate: null })],
      });
      expect(flagsOf(ok, 'BR-O-01')).toEqual([]);
    });
    it.each([
      ['BR-AF-01', 'L'],
      ['BR-AG-01', 'M'],
    ])('%s: a %s line needs a breakdown of that category', (rule, code) => {
      const xml = invoice({
        lines: [line({ category: code })],
        taxes: [tax()],
      });
      expect(flagsOf(xml, rule)).toEqual(['fatal']);
      expect(
        flagsOf(
          invoice({
            lines: [line({ category: code })],
            taxes: [tax({ category: code })],
          }),
          rule,
        ),
      ).toEqual([]);
    });
  });

  describe('split payment (B)', () => {
    const italian = (s: string): string =>
      s.replace(
        /<ram:CountryID>DE<\/ram:CountryID>/g,
        '<ram:CountryID>IT</ram:CountryID>',
      );
    const b = invoice({
      lines: [line({ category: 'B' })],
      taxes: [tax({ category: 'B' })],
    });
    it('BR-B-01 fires unless every country code is IT', () => {
      expect(flagsOf(b, 'BR-B-01')).toEqual(['fatal']);
      expect(flagsOf(italian(b), 'BR-B-01')).toEqual([]);
    });
    it('BR-B-02 fires when B and S are mixed', () => {
      expect(flagsOf(b, 'BR-B-02')).toEqual([]);
      const mixed = invoice({
        lines: [line({ category: 'B' }), line({ id: '2' })],
        taxes: [tax({ category: 'B' }), tax()],
      });
      expect(flagsOf(mixed, 'BR-B-02')).toEqual(['fatal']);
    });
  });

  it('judges only a CII root: another root gets no document-level finding', () => {
    const xml =
      '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>';
    expect(validate(xml)).toEqual([]);
  });
});
