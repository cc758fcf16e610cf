import { flagsOf, invoice, line, tax } from './cii-invoice.fixture';

describe('EN 16931 CII generic VAT breakdown rules (BG-23)', () => {
  it.each([
    [
      'BR-45',
      invoice().replace('<ram:BasisAmount>100.00</ram:BasisAmount>', ''),
    ],
    [
      'BR-46',
      invoice().replace(
        '<ram:CalculatedAmount>25.00</ram:CalculatedAmount>',
        '',
      ),
    ],
    [
      'BR-47',
      invoice({
        taxes: [tax().replace('<ram:CategoryCode>S</ram:CategoryCode>', '')],
      }),
    ],
    ['BR-48', invoice({ taxes: [tax({ rate: null })] })],
    ['BR-DEC-19', invoice({ taxes: [tax({ basis: '100.001' })] })],
    ['BR-DEC-20', invoice({ taxes: [tax({ calculated: '25.001' })] })],
  ])('%s fires as fatal', (rule, xml) => {
    expect(flagsOf(xml, rule)).toEqual(['fatal']);
  });

  it('BR-47 / BR-48 need the VAT type code', () => {
    const gst = invoice({
      taxes: [
        tax().replace(
          '<ram:TypeCode>VAT</ram:TypeCode>',
          '<ram:TypeCode>GST</ram:TypeCode>',
        ),
      ],
    });
    expect(flagsOf(gst, 'BR-47')).toEqual(['fatal']);
    expect(flagsOf(gst, 'BR-48')).toEqual(['fatal']);
  });

  it('BR-CO-03: VAT point date and VAT point date code exclude each other', () => {
    const both = invoice({
      taxes: [
        tax({ extra: '<ram:DueDateTypeCode>5</ram:DueDateTypeCode>' }).replace(
          '<ram:CalculatedAmount>',
          '<ram:TaxPointDate><udt:DateString format="102">20240101</udt:DateString></ram:TaxPointDate><ram:CalculatedAmount>',
        ),
      ],
    });
    expect(flagsOf(both, 'BR-CO-03')).toEqual(['fatal']);
    expect(
      flagsOf(
        invoice({
          taxes: [
            tax({ extra: '<ram:DueDateTypeCode>5</ram:DueDateTypeCode>' }),
          ],
        }),
        'BR-CO-03',
      ),
    ).toEqual([]);
  });

  describe('BR-CO-17 (tax amount = basis x rate, rounded, within 1)', () => {
    it.each([
      [{ basis: '100.00', rate: '25', calculated: '25.00' }, []],
      [{ basis: '100.00', rate: '25', calculated: '26.00' }, []],
      [{ basis: '100.00', rate: '25', calculated: '26.01' }, ['fatal']],
      [{ basis: '-100.00', rate: '25', calculated: '-25.00' }, []],
      [{ basis: '100.00', rate: '0', calculated: '0.49' }, []],
      [{ basis: '100.00', rate: '0', calculated: '0.50' }, ['fatal']],
      [{ basis: '100.00', rate: '0.4', calculated: '0.00' }, []],
      [{ basis: '100.00', rate: null, calculated: '0.00' }, []],
      [{ basis: '100.00', rate: null, calculated: '1.00' }, ['fatal']],
      [{ basis: '100.00', rate: 'x', calculated: '0.00' }, ['fatal']],
    ])('%j -> %j', (o, expected) => {
      const lines = [line({ rate: o.rate ?? '25' })];
      expect(flagsOf(invoice({ lines, taxes: [tax(o)] }), 'BR-CO-17')).toEqual(
        expected,
      );
    });
  });
});
