import { allowanceCharge, flagsOf, invoice, line } from './cii-invoice.fixture';

const header = (ac: string, totals = {}): string =>
  invoice({ allowanceCharges: [ac], totals });
const lineAc = (inner: string): string =>
  invoice({
    lines: [
      line({
        settlement: `<ram:SpecifiedTradeAllowanceCharge>${inner}</ram:SpecifiedTradeAllowanceCharge>`,
      }),
    ],
  });
const indicator = (v: string): string =>
  `<ram:ChargeIndicator><udt:Indicator>${v}</udt:Indicator></ram:ChargeIndicator>`;

describe('EN 16931 CII allowance and charge rules', () => {
  it('a complete document allowance and charge pass', () => {
    for (const charge of [false, true]) {
      const xml = header(
        allowanceCharge({ charge }),
        charge ? { charges: '10.00' } : { allowances: '10.00' },
      );
      const ids = charge
        ? ['BR-36', 'BR-37', 'BR-38', 'BR-CO-22', 'BR-DEC-05']
        : ['BR-31', 'BR-32', 'BR-33', 'BR-CO-21', 'BR-DEC-01'];
      for (const id of ids) expect(flagsOf(xml, id)).toEqual([]);
    }
  });

  it.each([
    ['BR-31', indicator('false')],
    [
      'BR-32',
      `${indicator('false')}<ram:ActualAmount>1</ram:ActualAmount><ram:Reason>x</ram:Reason>`,
    ],
    ['BR-33', `${indicator('false')}<ram:ActualAmount>1</ram:ActualAmount>`],
    ['BR-CO-21', `${indicator('false')}<ram:ActualAmount>1</ram:ActualAmount>`],
    [
      'BR-DEC-01',
      `${indicator('false')}<ram:ActualAmount>1.001</ram:ActualAmount>`,
    ],
    [
      'BR-DEC-02',
      `${indicator('false')}<ram:ActualAmount>1</ram:ActualAmount><ram:BasisAmount>10.001</ram:BasisAmount>`,
    ],
    ['BR-36', indicator('true')],
    [
      'BR-37',
      `${indicator('true')}<ram:ActualAmount>1</ram:ActualAmount><ram:CategoryTradeTax><ram:TypeCode>GST</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode></ram:CategoryTradeTax>`,
    ],
    ['BR-38', `${indicator('true')}<ram:ActualAmount>1</ram:ActualAmount>`],
    ['BR-CO-22', `${indicator('true')}<ram:ActualAmount>1</ram:ActualAmount>`],
    [
      'BR-DEC-05',
      `${indicator('true')}<ram:ActualAmount>1.001</ram:ActualAmount>`,
    ],
    [
      'BR-DEC-06',
      `${indicator('true')}<ram:ActualAmount>1</ram:ActualAmount><ram:BasisAmount>10.001</ram:BasisAmount>`,
    ],
  ])('document level: %s fires', (rule, inner) => {
    expect(
      flagsOf(
        header(
          `<ram:SpecifiedTradeAllowanceCharge>${inner}</ram:SpecifiedTradeAllowanceCharge>`,
        ),
        rule,
      ),
    ).toEqual(['fatal']);
  });

  it.each([
    ['BR-41', indicator('false')],
    ['BR-42', `${indicator('false')}<ram:ActualAmount>1</ram:ActualAmount>`],
    ['BR-CO-23', `${indicator('false')}<ram:ActualAmount>1</ram:ActualAmount>`],
    [
      'BR-DEC-24',
      `${indicator('false')}<ram:ActualAmount>1.001</ram:ActualAmount><ram:Reason>x</ram:Reason>`,
    ],
    [
      'BR-DEC-25',
      `${indicator('false')}<ram:ActualAmount>1</ram:ActualAmount><ram:BasisAmount>1.001</ram:BasisAmount>`,
    ],
    ['BR-43', indicator('true')],
    ['BR-44', `${indicator('true')}<ram:ActualAmount>1</ram:ActualAmount>`],
    ['BR-CO-24', `${indicator('true')}<ram:ActualAmount>1</ram:ActualAmount>`],
    [
      'BR-DEC-27',
      `${indicator('true')}<ram:ActualAmount>1.001</ram:ActualAmount><ram:ReasonCode>AA</ram:ReasonCode>`,
    ],
    [
      'BR-DEC-28',
      `${indicator('true')}<ram:ActualAmount>1</ram:ActualAmount><ram:BasisAmount>1.001</ram:BasisAmount>`,
    ],
  ])('line level: %s fires', (rule, inner) => {
    expect(flagsOf(lineAc(inner), rule)).toEqual(['fatal']);
  });

  it('line level allowances need no VAT category and pass when complete', () => {
    const xml = lineAc(
      `${indicator('false')}<ram:ActualAmount>1.00</ram:ActualAmount><ram:Reason>x</ram:Reason>`,
    );
    for (const id of [
      'BR-41',
      'BR-42',
      'BR-CO-23',
      'BR-DEC-24',
      'BR-DEC-25',
      'BR-32',
    ])
      expect(flagsOf(xml, id)).toEqual([]);
  });

  it('the context matches the indicator text exactly: "0" is neither an allowance nor a charge here', () => {
    const xml = header(
      `<ram:SpecifiedTradeAllowanceCharge>${indicator('0')}</ram:SpecifiedTradeAllowanceCharge>`,
    );
    expect(flagsOf(xml, 'BR-31')).toEqual([]);
    expect(flagsOf(xml, 'BR-36')).toEqual([]);
  });

  it('BR-CO-05..08 are informative (true() in the official rules) and never fire', () => {
    const xml = header(
      `<ram:SpecifiedTradeAllowanceCharge>${indicator('false')}<ram:ReasonCode>95</ram:ReasonCode><ram:Reason>Anything</ram:Reason></ram:SpecifiedTradeAllowanceCharge>`,
    );
    for (const id of ['BR-CO-05', 'BR-CO-06', 'BR-CO-07', 'BR-CO-08'])
      expect(flagsOf(xml, id)).toEqual([]);
  });
});
