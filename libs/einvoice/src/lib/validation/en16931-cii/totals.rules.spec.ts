import {
  allowanceCharge,
  flagsOf,
  invoice,
  line,
  tax,
} from './cii-invoice.fixture';

describe('EN 16931 CII totals rules (BG-22)', () => {
  it.each([
    ['BR-12', { line: null }],
    ['BR-13', { basis: null }],
    ['BR-14', { grand: null }],
    ['BR-15', { due: null }],
  ] as const)('%s fires when the total is missing', (rule, totals) => {
    expect(flagsOf(invoice({ totals }), rule)).toEqual(['fatal']);
  });

  describe('BR-CO-10 (sum of line net amounts)', () => {
    it('holds when the lines add up', () => {
      const xml = invoice({
        lines: [line({ net: '60.00' }), line({ id: '2', net: '40.00' })],
      });
      expect(flagsOf(xml, 'BR-CO-10')).toEqual([]);
    });
    it('fires when they do not', () => {
      expect(
        flagsOf(invoice({ lines: [line({ net: '99.99' })] }), 'BR-CO-10'),
      ).toEqual(['fatal']);
    });
    it('rounds the sum half up to 2 decimals before comparing (exact decimals, no float drift)', () => {
      const lines = [line({ net: '0.1' }), line({ id: '2', net: '0.2' })];
      expect(
        flagsOf(invoice({ lines, totals: { line: '0.30' } }), 'BR-CO-10'),
      ).toEqual([]);
      const half = [line({ net: '1.005' })];
      expect(
        flagsOf(invoice({ lines: half, totals: { line: '1.01' } }), 'BR-CO-10'),
      ).toEqual([]);
      expect(
        flagsOf(invoice({ lines: half, totals: { line: '1.00' } }), 'BR-CO-10'),
      ).toEqual(['fatal']);
    });
    it('fires when a line amount is not a number', () => {
      expect(
        flagsOf(invoice({ lines: [line({ net: 'abc' })] }), 'BR-CO-10'),
      ).toEqual(['fatal']);
    });
  });

  describe('BR-CO-11 / BR-CO-12 (document allowance and charge totals)', () => {
    const acs = [
      allowanceCharge({ charge: false, amount: '10.00' }),
      allowanceCharge({ charge: true, amount: '5.00' }),
    ];
    it('hold when the totals match', () => {
      const xml = invoice({
        allowanceCharges: acs,
        totals: { allowances: '10.00', charges: '5.00' },
      });
      expect(flagsOf(xml, 'BR-CO-11')).toEqual([]);
      expect(flagsOf(xml, 'BR-CO-12')).toEqual([]);
    });
    it('fire when a total is missing or wrong', () => {
      const xml = invoice({
        allowanceCharges: acs,
        totals: { charges: '4.00' },
      });
      expect(flagsOf(xml, 'BR-CO-11')).toEqual(['fatal']);
      expect(flagsOf(xml, 'BR-CO-12')).toEqual(['fatal']);
    });
    it('accept no total and no allowance, and a zero total without allowances', () => {
      expect(flagsOf(invoice(), 'BR-CO-11')).toEqual([]);
      expect(
        flagsOf(invoice({ totals: { allowances: '0.00' } }), 'BR-CO-11'),
      ).toEqual([]);
      expect(
        flagsOf(invoice({ totals: { allowances: '1.00' } }), 'BR-CO-11'),
      ).toEqual(['fatal']);
    });
  });

  describe('BR-CO-13 (total without VAT)', () => {
    it.each([
      [{ basis: '100.00' }, []],
      [{ allowances: '10.00', basis: '90.00' }, []],
      [{ charges: '10.00', basis: '110.00' }, []],
      [{ allowances: '10.00', charges: '5.00', basis: '95.00' }, []],
      [{ allowances: '10.00', charges: '5.00', basis: '90.00' }, ['fatal']],
      [{ basis: '100.01' }, ['fatal']],
    ])('%j -> %j', (totals, expected) => {
      expect(flagsOf(invoice({ totals }), 'BR-CO-13')).toEqual(expected);
    });
  });

  describe('BR-CO-16 (amount due)', () => {
    it.each([
      [{}, []],
      [{ prepaid: '25.00', due: '100.00' }, []],
      [{ rounding: '0.01', due: '125.01' }, []],
      [{ prepaid: '25.00', rounding: '-0.01', due: '99.99' }, []],
      [{ prepaid: '25.00', due: '125.00' }, ['fatal']],
    ])('%j -> %j', (totals, expected) => {
      expect(flagsOf(invoice({ totals }), 'BR-CO-16')).toEqual(expected);
    });
  });

  describe('BR-53 (VAT total in accounting currency)', () => {
    it('fires without a total in the tax currency', () => {
      expect(flagsOf(invoice({ taxCurrency: 'SEK' }), 'BR-53')).toEqual([
        'fatal',
      ]);
    });
    it('holds with one', () => {
      const xml = invoice({
        taxCurrency: 'SEK',
        summationExtra:
          '<ram:TaxTotalAmount currencyID="SEK">250.00</ram:TaxTotalAmount>',
      });
      expect(flagsOf(xml, 'BR-53')).toEqual([]);
    });
    it('fires when the tax currency equals the invoice currency', () => {
      expect(flagsOf(invoice({ taxCurrency: 'EUR' }), 'BR-53')).toEqual([
        'fatal',
      ]);
    });
  });

  describe('decimals', () => {
    it.each([
      ['BR-DEC-09', { line: '100.000' }],
      ['BR-DEC-10', { allowances: '0.001' }],
      ['BR-DEC-11', { charges: '0.001' }],
      ['BR-DEC-12', { basis: '100.000' }],
      ['BR-DEC-14', { grand: '125.000' }],
      ['BR-DEC-16', { prepaid: '0.001' }],
      ['BR-DEC-17', { rounding: '0.001' }],
      ['BR-DEC-18', { due: '125.000' }],
    ])('%s fires on 3 decimals', (rule, totals) => {
      expect(flagsOf(invoice({ totals }), rule)).toEqual(['fatal']);
      expect(flagsOf(invoice(), rule)).toEqual([]);
    });
    it('BR-DEC-13 judges the VAT total in the invoice currency numerically', () => {
      expect(
        flagsOf(invoice({ totals: { tax: '25.001' } }), 'BR-DEC-13'),
      ).toEqual(['fatal']);
      expect(
        flagsOf(invoice({ totals: { tax: '25.000' } }), 'BR-DEC-13'),
      ).toEqual([]);
    });
    it('BR-DEC-15 judges the VAT total in the tax currency', () => {
      const total = (v: string): string =>
        `<ram:TaxTotalAmount currencyID="SEK">${v}</ram:TaxTotalAmount>`;
      expect(
        flagsOf(
          invoice({ taxCurrency: 'SEK', summationExtra: total('250.001') }),
          'BR-DEC-15',
        ),
      ).toEqual(['fatal']);
      expect(
        flagsOf(
          invoice({ taxCurrency: 'SEK', summationExtra: total('250.00') }),
          'BR-DEC-15',
        ),
      ).toEqual([]);
    });
  });

  describe('BR-CO-14 (VAT total = sum of breakdown tax amounts)', () => {
    it('holds when it adds up', () => {
      const xml = invoice({
        lines: [
          line({ net: '50.00' }),
          line({ id: '2', net: '50.00', rate: '10' }),
        ],
        taxes: [
          tax({ basis: '50.00', calculated: '12.50' }),
          tax({ basis: '50.00', calculated: '5.00', rate: '10' }),
        ],
        totals: { tax: '17.50', grand: '117.50', due: '117.50' },
      });
      expect(flagsOf(xml, 'BR-CO-14')).toEqual([]);
    });
    it('fires when it does not, located on the VAT total', () => {
      const xml = invoice({
        totals: { tax: '24.00', grand: '124.00', due: '124.00' },
      });
      expect(flagsOf(xml, 'BR-CO-14')).toEqual(['fatal']);
    });
    it('ignores a VAT total in another currency', () => {
      const xml = invoice({
        taxCurrency: 'SEK',
        summationExtra:
          '<ram:TaxTotalAmount currencyID="SEK">1.00</ram:TaxTotalAmount>',
      });
      expect(flagsOf(xml, 'BR-CO-14')).toEqual([]);
    });
  });
});
