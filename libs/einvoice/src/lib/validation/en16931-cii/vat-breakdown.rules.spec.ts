import {
  allowanceCharge,
  BUYER,
  flagsOf,
  invoice,
  line,
  tax,
} from './cii-invoice.fixture';

describe('EN 16931 CII VAT breakdown rules per category', () => {
  describe('standard rated (S)', () => {
    it('BR-S-08: basis per rate = lines + charges - allowances at that rate', () => {
      const lines = [
        line({ net: '100.00' }),
        line({ id: '2', net: '50.00', rate: '10' }),
      ];
      const acs = [
        allowanceCharge({ charge: false, amount: '10.00' }),
        allowanceCharge({ charge: true, amount: '4.00', rate: '10' }),
      ];
      const ok = invoice({
        lines,
        allowanceCharges: acs,
        taxes: [
          tax({ basis: '90.00', calculated: '22.50' }),
          tax({ basis: '54.00', calculated: '5.40', rate: '10' }),
        ],
      });
      expect(flagsOf(ok, 'BR-S-08')).toEqual([]);
      const bad = invoice({
        lines,
        allowanceCharges: acs,
        taxes: [
          tax({ basis: '100.00' }),
          tax({ basis: '54.00', calculated: '5.40', rate: '10' }),
        ],
      });
      expect(flagsOf(bad, 'BR-S-08')).toEqual(['fatal']);
    });
    it('BR-S-08 fails when an allowance indicator is not a boolean (the official predicate raises an error)', () => {
      const acs = [allowanceCharge({ charge: false, indicator: 'yes' })];
      expect(flagsOf(invoice({ allowanceCharges: acs }), 'BR-S-08')).toEqual([
        'fatal',
      ]);
    });
    it('BR-S-08 ignores allowances of other categories and rates', () => {
      const acs = [
        allowanceCharge({ charge: false, category: 'Z', rate: '0' }),
        allowanceCharge({ charge: true, rate: '10' }),
      ];
      expect(flagsOf(invoice({ allowanceCharges: acs }), 'BR-S-08')).toEqual(
        [],
      );
    });
    it('BR-S-08 compares rates as decimals (25 = 25.00)', () => {
      expect(
        flagsOf(invoice({ taxes: [tax({ rate: '25.00' })] }), 'BR-S-08'),
      ).toEqual([]);
    });
    it('BR-S-09: tax amount within 1 of basis x rate', () => {
      expect(
        flagsOf(invoice({ taxes: [tax({ calculated: '25.99' })] }), 'BR-S-09'),
      ).toEqual([]);
      expect(
        flagsOf(invoice({ taxes: [tax({ calculated: '26.00' })] }), 'BR-S-09'),
      ).toEqual(['fatal']);
      expect(
        flagsOf(
          invoice({ taxes: [tax({ basis: '-100.00', calculated: '-25.00' })] }),
          'BR-S-09',
        ),
      ).toEqual([]);
    });
    it('BR-S-10: no exemption reason', () => {
      expect(
        flagsOf(invoice({ taxes: [tax({ reason: 'x' })] }), 'BR-S-10'),
      ).toEqual(['fatal']);
      expect(flagsOf(invoice(), 'BR-S-10')).toEqual([]);
    });
  });

  describe.each([
    ['Z', 'BR-Z', false],
    ['E', 'BR-E', true],
    ['AE', 'BR-AE', true],
    ['K', 'BR-IC', true],
    ['G', 'BR-G', true],
  ] as const)('category %s', (code, prefix, reasonRequired) => {
    const doc = (
      o: {
        basis?: string;
        calculated?: string;
        reason?: string;
        acs?: string[];
      } = {},
    ): string =>
      invoice({
        lines: [line({ category: code, rate: '0', net: '100.00' })],
        allowanceCharges: o.acs,
        taxes: [
          tax({
            category: code,
            rate: '0',
            basis: o.basis ?? '100.00',
            calculated: o.calculated ?? '0.00',
            reason: o.reason,
          }),
        ],
      });
    const reason = reasonRequired ? 'Exempt' : undefined;
    it(`${prefix}-08: basis within 1 of lines + charges - allowances`, () => {
      expect(flagsOf(doc({ reason, basis: '100.99' }), `${prefix}-08`)).toEqual(
        [],
      );
      expect(flagsOf(doc({ reason, basis: '101.00' }), `${prefix}-08`)).toEqual(
        ['fatal'],
      );
      const acs = [
        allowanceCharge({
          charge: false,
          category: code,
          rate: '0',
          amount: '20.00',
        }),
      ];
      expect(
        flagsOf(doc({ reason, basis: '80.00', acs }), `${prefix}-08`),
      ).toEqual([]);
    });
    it(`${prefix}-09: tax amount 0`, () => {
      expect(flagsOf(doc({ reason }), `${prefix}-09`)).toEqual([]);
      expect(
        flagsOf(doc({ reason, calculated: '0.01' }), `${prefix}-09`),
      ).toEqual(['fatal']);
    });
    it(`${prefix}-10: exemption reason ${reasonRequired ? 'required' : 'forbidden'}`, () => {
      expect(flagsOf(doc({ reason: 'Exempt' }), `${prefix}-10`)).toEqual(
        reasonRequired ? [] : ['fatal'],
      );
      expect(flagsOf(doc({}), `${prefix}-10`)).toEqual(
        reasonRequired ? ['fatal'] : [],
      );
    });
  });

  it('BR-IC-11 / BR-IC-12: intra-community supply needs a delivery date or period and a deliver-to country', () => {
    const base = {
      lines: [line({ category: 'K', rate: '0' })],
      taxes: [tax({ category: 'K', rate: '0', calculated: '0', reason: 'IC' })],
    };
    expect(flagsOf(invoice(base), 'BR-IC-11')).toEqual(['fatal']);
    expect(flagsOf(invoice(base), 'BR-IC-12')).toEqual(['fatal']);
    const delivery =
      '<ram:ShipToTradeParty><ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress></ram:ShipToTradeParty>' +
      '<ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime><udt:DateTimeString format="102">20240101</udt:DateTimeString></ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>';
    expect(flagsOf(invoice({ ...base, delivery }), 'BR-IC-11')).toEqual([]);
    expect(flagsOf(invoice({ ...base, delivery }), 'BR-IC-12')).toEqual([]);
    const period =
      '<ram:BillingSpecifiedPeriod><ram:EndDateTime><udt:DateTimeString format="102">20240131</udt:DateTimeString></ram:EndDateTime></ram:BillingSpecifiedPeriod>';
    expect(
      flagsOf(invoice({ ...base, settlementExtra: period }), 'BR-IC-11'),
    ).toEqual([]);
  });

  describe('not subject to VAT (O)', () => {
    const o = (
      extra: { taxes?: string[]; lines?: string[]; basis?: string } = {},
    ): string =>
      invoice({
        seller:
          '<ram:Name>S</ram:Name><ram:ID>1</ram:ID><ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>',
        buyer: BUYER,
        lines: extra.lines ?? [line({ category: 'O', rate: null })],
        taxes: extra.taxes ?? [
          tax({
            category: 'O',
            rate: null,
            calculated: '0',
            basis: extra.basis ?? '100.00',
            reason: 'Not subject',
          }),
        ],
        totals: { tax: null, grand: '100.00', due: '100.00' },
      });
    it('a clean O invoice passes BR-O-08..14', () => {
      for (const n of ['08', '09', '10', '11', '12', '13', '14'])
        expect(flagsOf(o(), `BR-O-${n}`)).toEqual([]);
    });
    it('BR-O-08 needs the basis exactly (not within 1)', () => {
      expect(flagsOf(o({ basis: '100.01' }), 'BR-O-08')).toEqual(['fatal']);
    });
    it('BR-O-10 needs an exemption reason', () => {
      expect(
        flagsOf(
          o({ taxes: [tax({ category: 'O', rate: null, calculated: '0' })] }),
          'BR-O-10',
        ),
      ).toEqual(['fatal']);
    });
    it('BR-O-11..14 forbid other categories next to O', () => {
      const mixed = o({
        lines: [line({ category: 'O', rate: null }), line({ id: '2' })],
        taxes: [
          tax({ category: 'O', rate: null, calculated: '0', reason: 'x' }),
          tax(),
        ],
      });
      expect(flagsOf(mixed, 'BR-O-11')).toEqual(['fatal']);
      expect(flagsOf(mixed, 'BR-O-12')).toEqual(['fatal']);
      expect(flagsOf(mixed, 'BR-O-13')).toEqual([]);
    });
    it('an O breakdown is not judged by the generic breakdown rules (first matching context wins)', () => {
      expect(
        flagsOf(
          o({
            taxes: [
              tax({
                category: 'O',
                rate: null,
                calculated: '0',
                basis: '100.001',
                reason: 'x',
              }),
            ],
          }),
          'BR-DEC-19',
        ),
      ).toEqual([]);
    });
  });

  describe('IGIC (L) and IPSI (M)', () => {
    it('BR-AF-10 / BR-AG-10 forbid an exemption reason', () => {
      expect(
        flagsOf(
          invoice({
            lines: [line({ category: 'L' })],
            taxes: [tax({ category: 'L', reason: 'x' })],
          }),
          'BR-AF-10',
        ),
      ).toEqual(['fatal']);
      expect(
        flagsOf(
          invoice({
            lines: [line({ category: 'M' })],
            taxes: [tax({ category: 'M' })],
          }),
          'BR-AG-10',
        ),
      ).toEqual([]);
    });
    it('BR-AF-08 / BR-AG-08 read the rate of the settlement, as the official rule does, so a breakdown alone never fails them', () => {
      const xml = invoice({
        lines: [line({ category: 'L' })],
        taxes: [tax({ category: 'L', basis: '999.00' })],
      });
      expect(flagsOf(xml, 'BR-AF-08')).toEqual([]);
      const odd = invoice({
        lines: [line({ category: 'L' })],
        taxes: [tax({ category: 'L' })],
        settlementExtra:
          '<ram:RateApplicablePercent>25</ram:RateApplicablePercent><ram:BasisAmount>1.00</ram:BasisAmount>',
      });
      expect(flagsOf(odd, 'BR-AF-08')).toEqual(['fatal']);
    });
    it('BR-AF-09 / BR-AG-09 are informative and never fire', () => {
      const xml = invoice({
        lines: [line({ category: 'L' })],
        taxes: [tax({ category: 'L', calculated: '999' })],
      });
      expect(flagsOf(xml, 'BR-AF-09')).toEqual([]);
    });
  });
});
