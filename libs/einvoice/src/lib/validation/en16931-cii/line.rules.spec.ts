import { flagsOf, invoice, line, tax } from './cii-invoice.fixture';

const one = (o: Parameters<typeof line>[0]): string =>
  invoice({ lines: [line(o)] });

describe('EN 16931 CII invoice line rules (BG-25)', () => {
  it.each([
    [
      'BR-21',
      invoice().replace(
        '<ram:LineID>1</ram:LineID>',
        '<ram:LineID> </ram:LineID>',
      ),
    ],
    [
      'BR-22',
      invoice().replace(
        /<ram:BilledQuantity[^>]*>10<\/ram:BilledQuantity>/,
        '',
      ),
    ],
    ['BR-23', invoice().replace(' unitCode="C62"', '')],
    [
      'BR-24',
      invoice().replace(
        '<ram:LineTotalAmount>100.00</ram:LineTotalAmount>',
        '',
      ),
    ],
    ['BR-25', invoice().replace('<ram:Name>Item</ram:Name>', '')],
    [
      'BR-26',
      invoice().replace(
        /<ram:NetPriceProductTradePrice>.*?<\/ram:NetPriceProductTradePrice>/,
        '',
      ),
    ],
    ['BR-27', one({ price: '-1' })],
    [
      'BR-28',
      one({
        agreement:
          '<ram:GrossPriceProductTradePrice><ram:ChargeAmount>-0.01</ram:ChargeAmount></ram:GrossPriceProductTradePrice>',
      }),
    ],
    ['BR-64', one({ product: '<ram:GlobalID>123</ram:GlobalID>' })],
    [
      'BR-CO-04',
      invoice().replace(
        '<ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>25',
        '<ram:TypeCode>VAT</ram:TypeCode><ram:RateApplicablePercent>25',
      ),
    ],
    ['BR-CO-18', invoice({ taxes: [] })],
    ['BR-DEC-23', one({ net: '100.001' })],
  ])('%s fires as fatal', (rule, xml) => {
    expect(flagsOf(xml, rule)).toEqual(['fatal']);
  });

  it('accepts zero prices, a gross price and an identified item', () => {
    const xml = one({
      price: '0',
      agreement:
        '<ram:GrossPriceProductTradePrice><ram:ChargeAmount>0.00</ram:ChargeAmount></ram:GrossPriceProductTradePrice>',
      product: '<ram:GlobalID schemeID="0160">123</ram:GlobalID>',
    });
    for (const rule of ['BR-26', 'BR-27', 'BR-28', 'BR-64'])
      expect(flagsOf(xml, rule)).toEqual([]);
  });

  it('BR-27 treats a price that is not a number as an error', () => {
    expect(flagsOf(one({ price: 'ten' }), 'BR-27')).toEqual(['fatal']);
  });

  it('BR-CO-04 needs the VAT type code on the line tax (upper-cased)', () => {
    expect(
      flagsOf(
        invoice().replace(
          '<ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S',
          '<ram:TypeCode>vat</ram:TypeCode><ram:CategoryCode>S',
        ),
        'BR-CO-04',
      ),
    ).toEqual([]);
    expect(
      flagsOf(
        invoice().replace(
          '<ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S',
          '<ram:TypeCode>GST</ram:TypeCode><ram:CategoryCode>S',
        ),
        'BR-CO-04',
      ),
    ).toEqual(['fatal']);
  });

  it('reports one finding per offending line, located on the line', () => {
    const xml = invoice({
      lines: [
        line(),
        line({ id: '2', price: '-1' }),
        line({ id: '3', price: '-2' }),
      ],
      taxes: [tax()],
    });
    const flags = flagsOf(xml, 'BR-27');
    expect(flags).toEqual(['fatal', 'fatal']);
  });
});

describe('invoicing periods (BG-14, BG-26)', () => {
  const period = (start?: string, end?: string): string =>
    '<ram:BillingSpecifiedPeriod>' +
    (start === undefined
      ? ''
      : `<ram:StartDateTime><udt:DateTimeString format="102">${start}</udt:DateTimeString></ram:StartDateTime>`) +
    (end === undefined
      ? ''
      : `<ram:EndDateTime><udt:DateTimeString format="102">${end}</udt:DateTimeString></ram:EndDateTime>`) +
    '</ram:BillingSpecifiedPeriod>';

  it('BR-29 / BR-CO-19 on the document period', () => {
    expect(
      flagsOf(
        invoice({ settlementExtra: period('20240101', '20240131') }),
        'BR-29',
      ),
    ).toEqual([]);
    expect(
      flagsOf(
        invoice({ settlementExtra: period('20240201', '20240131') }),
        'BR-29',
      ),
    ).toEqual(['fatal']);
    expect(
      flagsOf(invoice({ settlementExtra: period('20240101') }), 'BR-29'),
    ).toEqual([]);
    expect(flagsOf(invoice({ settlementExtra: period() }), 'BR-CO-19')).toEqual(
      ['fatal'],
    );
    expect(
      flagsOf(
        invoice({ settlementExtra: period(undefined, '20240131') }),
        'BR-CO-19',
      ),
    ).toEqual([]);
  });

  it('BR-30 / BR-CO-20 on a line period', () => {
    expect(
      flagsOf(one({ settlement: period('20240101', '20240101') }), 'BR-30'),
    ).toEqual([]);
    expect(
      flagsOf(one({ settlement: period('20240102', '20240101') }), 'BR-30'),
    ).toEqual(['fatal']);
    expect(flagsOf(one({ settlement: period() }), 'BR-CO-20')).toEqual([
      'fatal',
    ]);
  });

  it('BR-29 fires when both dates exist but one is not in format 102', () => {
    const xml = invoice({
      settlementExtra: period('20240101', '20240131').replace(
        'format="102">20240131',
        'format="610">202401',
      ),
    });
    expect(flagsOf(xml, 'BR-29')).toEqual(['fatal']);
  });
});

describe('item attributes (BG-32)', () => {
  it('BR-54 needs a name and a value', () => {
    const attr = (inner: string): string =>
      one({
        product: `<ram:ApplicableProductCharacteristic>${inner}</ram:ApplicableProductCharacteristic>`,
      });
    expect(
      flagsOf(
        attr(
          '<ram:Description>Colour</ram:Description><ram:Value>Red</ram:Value>',
        ),
        'BR-54',
      ),
    ).toEqual([]);
    expect(
      flagsOf(attr('<ram:Description>Colour</ram:Description>'), 'BR-54'),
    ).toEqual(['fatal']);
  });
});
