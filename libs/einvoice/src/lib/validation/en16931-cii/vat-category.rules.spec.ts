import {
  allowanceCharge,
  BUYER,
  flagsOf,
  invoice,
  line,
} from './cii-invoice.fixture';

const ADDRESS =
  '<ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>';
const taxId = (scheme: string, id: string): string =>
  `<ram:SpecifiedTaxRegistration><ram:ID schemeID="${scheme}">${id}</ram:ID></ram:SpecifiedTaxRegistration>`;
const SELLER_VA = `<ram:Name>S</ram:Name>${ADDRESS}${taxId('VA', 'DE1')}`;
const SELLER_FC = `<ram:Name>S</ram:Name>${ADDRESS}${taxId('FC', '123/456')}`;
const SELLER_NONE = `<ram:Name>S</ram:Name><ram:ID>1</ram:ID>${ADDRESS}`;
const BUYER_VA = `${BUYER}${taxId('VA', 'FR1')}`;
const BUYER_LEGAL = `${BUYER}<ram:SpecifiedLegalOrganization><ram:ID>SIREN</ram:ID></ram:SpecifiedLegalOrganization>`;

interface Case {
  readonly code: string;
  readonly prefix: string;
  /** Parties that satisfy the -02..-04 rules, and parties that break them. */
  readonly good: { seller: string; buyer: string };
  readonly bad: { seller: string; buyer: string };
  /** A rate the category accepts (null: no rate) and one it rejects. */
  readonly okRate: string | null;
  readonly badRate: string | null;
}

const CASES: readonly Case[] = [
  {
    code: 'S',
    prefix: 'BR-S',
    good: { seller: SELLER_FC, buyer: BUYER },
    bad: { seller: SELLER_NONE, buyer: BUYER },
    okRate: '19',
    badRate: '0',
  },
  {
    code: 'Z',
    prefix: 'BR-Z',
    good: { seller: SELLER_VA, buyer: BUYER },
    bad: { seller: SELLER_NONE, buyer: BUYER },
    okRate: '0',
    badRate: '5',
  },
  {
    code: 'E',
    prefix: 'BR-E',
    good: { seller: SELLER_VA, buyer: BUYER },
    bad: { seller: SELLER_NONE, buyer: BUYER },
    okRate: '0.00',
    badRate: '1',
  },
  {
    code: 'AE',
    prefix: 'BR-AE',
    good: { seller: SELLER_VA, buyer: BUYER_LEGAL },
    bad: { seller: SELLER_VA, buyer: BUYER },
    okRate: '0',
    badRate: '19',
  },
  {
    code: 'K',
    prefix: 'BR-IC',
    good: { seller: SELLER_VA, buyer: BUYER_VA },
    bad: { seller: SELLER_VA, buyer: BUYER_LEGAL },
    okRate: '0',
    badRate: '19',
  },
  {
    code: 'G',
    prefix: 'BR-G',
    good: { seller: SELLER_VA, buyer: BUYER },
    bad: { seller: SELLER_FC, buyer: BUYER },
    okRate: '0',
    badRate: '-1',
  },
  {
    code: 'O',
    prefix: 'BR-O',
    good: { seller: SELLER_NONE, buyer: BUYER },
    bad: { seller: SELLER_NONE, buyer: BUYER_VA },
    okRate: null,
    badRate: '0',
  },
  {
    code: 'L',
    prefix: 'BR-AF',
    good: { seller: SELLER_VA, buyer: BUYER },
    bad: { seller: SELLER_NONE, buyer: BUYER },
    okRate: '7',
    badRate: '0',
  },
  {
    code: 'M',
    prefix: 'BR-AG',
    good: { seller: SELLER_VA, buyer: BUYER },
    bad: { seller: SELLER_NONE, buyer: BUYER },
    okRate: '0',
    badRate: '-0.5',
  },
];

/** An invoice with one line, one allowance and one charge of the category. */
function doc(
  c: Case,
  parties: { seller: string; buyer: string },
  rate: string | null,
): string {
  return invoice({
    seller: parties.seller,
    buyer: parties.buyer,
    lines: [line({ category: c.code, rate })],
    allowanceCharges: [
      allowanceCharge({ charge: false, category: c.code, rate }),
      allowanceCharge({ charge: true, category: c.code, rate }),
    ],
  });
}

describe.each(CASES)('VAT category $code ($prefix-02 .. -07)', (c) => {
  const id = (n: number): string => `${c.prefix}-0${n}`;

  it('passes with the right parties and rate', () => {
    const xml = doc(c, c.good, c.okRate);
    for (const n of [2, 3, 4, 5, 6, 7]) expect(flagsOf(xml, id(n))).toEqual([]);
  });

  it('fires -02 (line), -03 (allowance), -04 (charge) with the wrong parties', () => {
    const xml = doc(c, c.bad, c.okRate);
    for (const n of [2, 3, 4]) expect(flagsOf(xml, id(n))).toEqual(['fatal']);
  });

  it('fires -05 (line), -06 (allowance), -07 (charge) with the wrong rate', () => {
    const xml = doc(c, c.good, c.badRate);
    for (const n of [5, 6, 7]) expect(flagsOf(xml, id(n))).toEqual(['fatal']);
  });
});

describe('VAT category contexts', () => {
  it('need the VAT type code on the line tax', () => {
    const xml = invoice({
      seller: SELLER_NONE,
      lines: [
        line().replace(
          '<ram:TypeCode>VAT</ram:TypeCode>',
          '<ram:TypeCode>GST</ram:TypeCode>',
        ),
      ],
    });
    expect(flagsOf(xml, 'BR-S-02')).toEqual([]);
  });

  it('judge a tax with two categories by the first category in the official order (AE before S)', () => {
    const twoCodes = line().replace(
      '<ram:CategoryCode>S</ram:CategoryCode>',
      '<ram:CategoryCode>S</ram:CategoryCode><ram:CategoryCode>AE</ram:CategoryCode>',
    );
    const xml = invoice({ lines: [twoCodes] });
    expect(flagsOf(xml, 'BR-AE-05')).toEqual(['fatal']);
    expect(flagsOf(xml, 'BR-S-05')).toEqual([]);
  });

  it('apply to line level allowances too', () => {
    const ac =
      '<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>1</ram:ActualAmount><ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>0</ram:RateApplicablePercent></ram:CategoryTradeTax></ram:SpecifiedTradeAllowanceCharge>';
    expect(
      flagsOf(invoice({ lines: [line({ settlement: ac })] }), 'BR-S-06'),
    ).toEqual(['fatal']);
  });

  it('read the indicator as a boolean ("1" is a charge) and skip an indicator that is not one', () => {
    expect(
      flagsOf(
        invoice({
          allowanceCharges: [
            allowanceCharge({ charge: true, indicator: '1', rate: '0' }),
          ],
        }),
        'BR-S-07',
      ),
    ).toEqual(['fatal']);
    const odd = invoice({
      allowanceCharges: [
        allowanceCharge({ charge: true, indicator: 'yes', rate: '0' }),
      ],
    });
    expect(flagsOf(odd, 'BR-S-06')).toEqual([]);
    expect(flagsOf(odd, 'BR-S-07')).toEqual([]);
  });

  it('treat a rate that is not a number as failing the rate rule', () => {
    expect(
      flagsOf(invoice({ lines: [line({ rate: 'high' })] }), 'BR-S-05'),
    ).toEqual(['fatal']);
  });
});
