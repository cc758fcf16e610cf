import {
  flagsOf,
  invoice,
  line,
  SELLER,
  tax,
  validate,
} from './cii-invoice.fixture';
import {
  AMOUNT_ATTRS,
  ID_ATTRS,
  ID_NO_SCHEME,
  LINE_CATEGORY_ATTRS,
  QUANTITY_ATTRS,
  ROOT_ATTRS,
  TYPE_CODE_ATTRS,
} from './syntax-dt.rules';

describe('EN 16931 CII data type rules (CII-DT)', () => {
  describe('data type rules', () => {
    it.each([
      [
        'CII-DT-001',
        invoice().replace(
          '<ram:ID>INV-1</ram:ID>',
          '<ram:ID schemeName="x">INV-1</ram:ID>',
        ),
      ],
      [
        'CII-DT-005',
        invoice().replace(
          '<ram:LineID>1</ram:LineID>',
          '<ram:LineID schemeID="x">1</ram:LineID>',
        ),
      ],
      [
        'CII-DT-101',
        invoice({ seller: `<ram:ID schemeName="x">1</ram:ID>${SELLER}` }),
      ],
      [
        'CII-DT-008',
        invoice().replace(
          '<ram:TypeCode>380</ram:TypeCode>',
          '<ram:TypeCode name="Invoice">380</ram:TypeCode>',
        ),
      ],
      [
        'CII-DT-013',
        invoice().replace(
          '<rsm:CrossIndustryInvoice ',
          '<rsm:CrossIndustryInvoice languageID="en" ',
        ),
      ],
      [
        'CII-DT-031',
        invoice().replace(
          '<ram:LineTotalAmount>100.00</ram:LineTotalAmount>',
          '<ram:LineTotalAmount currencyID="EUR">100.00</ram:LineTotalAmount>',
        ),
      ],
      [
        'CII-DT-034',
        invoice().replace(
          'unitCode="C62"',
          'unitCode="C62" unitCodeListID="x"',
        ),
      ],
      [
        'CII-DT-037',
        invoice({
          taxes: [
            tax().replace(
              '<ram:TypeCode>VAT</ram:TypeCode>',
              '<ram:TypeCode>GST</ram:TypeCode>',
            ),
          ],
        }),
      ],
      ['CII-DT-097', invoice().replace('>20240131<', '>20241331<')],
      [
        'CII-DT-015',
        invoice({
          settlementExtra:
            '<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>1</ram:IssuerAssignedID><ram:URIID>x</ram:URIID></ram:InvoiceReferencedDocument>',
        }),
      ],
      [
        'CII-DT-027',
        invoice({
          agreementExtra:
            '<ram:ContractReferencedDocument><ram:IssuerAssignedID>1</ram:IssuerAssignedID><ram:FormattedIssueDateTime/></ram:ContractReferencedDocument>',
        }),
      ],
    ])('%s fires as fatal', (rule, xml) => {
      expect(flagsOf(xml, rule)).toEqual(['fatal']);
    });

    it.each([
      [
        'CII-DT-045',
        invoice().replace(
          '<ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>25',
          '<ram:CategoryCode listID="5305">S</ram:CategoryCode><ram:RateApplicablePercent>25',
        ),
      ],
      [
        'CII-DT-041',
        invoice({
          lines: [
            line({ settlement: '' }).replace(
              '<ram:TypeCode>VAT</ram:TypeCode>',
              '<ram:BasisAmount>1</ram:BasisAmount><ram:TypeCode>VAT</ram:TypeCode>',
            ),
          ],
        }),
      ],
      [
        'CII-DT-052',
        invoice({
          allowanceCharges: [
            '<ram:SpecifiedTradeAllowanceCharge><ram:CategoryTradeTax><ram:ExemptionReasonCode>x</ram:ExemptionReasonCode></ram:CategoryTradeTax></ram:SpecifiedTradeAllowanceCharge>',
          ],
        }),
      ],
    ])('%s fires as warning', (rule, xml) => {
      expect(flagsOf(xml, rule)).toEqual(['warning']);
    });

    it('allows the exceptions of the referenced document rules', () => {
      const attached =
        '<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>1</ram:IssuerAssignedID><ram:URIID>http://x</ram:URIID><ram:TypeCode>916</ram:TypeCode>' +
        '<ram:Name>Sheet</ram:Name><ram:AttachmentBinaryObject mimeCode="text/csv" filename="a.csv">AA==</ram:AttachmentBinaryObject></ram:AdditionalReferencedDocument>';
      const xml = invoice({
        agreementExtra: attached,
        settlementExtra:
          '<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>0</ram:IssuerAssignedID><ram:FormattedIssueDateTime/></ram:InvoiceReferencedDocument>',
      });
      for (const id of [
        'CII-DT-015',
        'CII-DT-018',
        'CII-DT-021',
        'CII-DT-022',
        'CII-DT-027',
      ])
        expect(flagsOf(xml, id)).toEqual([]);
    });

    it('CII-DT-033 accepts a unit code on other quantities only when the invoiced quantity has one', () => {
      const extra =
        '<ram:ChargeFreeQuantity unitCode="C62">1</ram:ChargeFreeQuantity>';
      expect(
        flagsOf(invoice({ lines: [line({ delivery: extra })] }), 'CII-DT-033'),
      ).toEqual([]);
      expect(
        flagsOf(
          invoice({
            lines: [
              line({ delivery: extra }).replace(' unitCode="C62">10', '>10'),
            ],
          }),
          'CII-DT-033',
        ),
      ).toEqual(['fatal']);
    });

    it('CII-DT-097 accepts surrounding whitespace and only judges format 102', () => {
      expect(
        flagsOf(invoice().replace('>20240131<', '> 20240131\n<'), 'CII-DT-097'),
      ).toEqual([]);
      expect(
        flagsOf(
          invoice().replace('format="102">20240131', 'format="610">202401'),
          'CII-DT-097',
        ),
      ).toEqual([]);
    });

    it('CII-DT-010..012 never fire: //ram:TypeCode comes first in the official order', () => {
      const xml = invoice().replace(
        '<ram:TypeCode>380</ram:TypeCode>',
        '<ram:TypeCode listID="1001" listAgencyID="6" listVersionID="D16B">380</ram:TypeCode>',
      );
      const rules = validate(xml).map((f) => f.rule);
      expect(rules).not.toContain('CII-DT-010');
      expect(rules).not.toContain('CII-DT-011');
      expect(rules).not.toContain('CII-DT-012');
    });
  });
});

describe('EN 16931 CII attribute rules, every entry', () => {
  const on: Record<string, (attr: string) => string> = {
    'document identifier': (a) =>
      invoice().replace(
        '<ram:ID>INV-1</ram:ID>',
        `<ram:ID ${a}="x">INV-1</ram:ID>`,
      ),
    'seller identifier': (a) =>
      invoice({ seller: `<ram:ID ${a}="x">1</ram:ID>${SELLER}` }),
    'type code': (a) =>
      invoice().replace(
        '<ram:TypeCode>380</ram:TypeCode>',
        `<ram:TypeCode ${a}="x">380</ram:TypeCode>`,
      ),
    'line VAT category': (a) =>
      invoice({
        lines: [
          line().replace(
            '<ram:CategoryCode>S</ram:CategoryCode>',
            `<ram:CategoryCode ${a}="x">S</ram:CategoryCode>`,
          ),
        ],
      }),
    'line net amount': (a) =>
      invoice({
        lines: [
          line().replace(
            '<ram:LineTotalAmount>',
            `<ram:LineTotalAmount ${a}="x">`,
          ),
        ],
      }),
    'invoiced quantity': (a) =>
      invoice().replace('unitCode="C62"', `unitCode="C62" ${a}="x"`),
    root: (a) =>
      invoice().replace(
        '<rsm:CrossIndustryInvoice ',
        `<rsm:CrossIndustryInvoice ${a}="x" `,
      ),
  };
  const rows = [
    ...ID_NO_SCHEME.map(
      (a) => [a.rule.id, a.rule.flag, a.attr, 'document identifier'] as const,
    ),
    ...ID_ATTRS.map(
      (a) => [a.rule.id, a.rule.flag, a.attr, 'seller identifier'] as const,
    ),
    ...TYPE_CODE_ATTRS.map(
      (a) => [a.rule.id, a.rule.flag, a.attr, 'type code'] as const,
    ),
    ...LINE_CATEGORY_ATTRS.map(
      (a) => [a.rule.id, a.rule.flag, a.attr, 'line VAT category'] as const,
    ),
    ...AMOUNT_ATTRS.map(
      (a) => [a.rule.id, a.rule.flag, a.attr, 'line net amount'] as const,
    ),
    ...QUANTITY_ATTRS.map(
      (a) => [a.rule.id, a.rule.flag, a.attr, 'invoiced quantity'] as const,
    ),
    ...ROOT_ATTRS.map((a) => [a.rule.id, a.rule.flag, a.attr, 'root'] as const),
  ];
  it.each(rows)('%s (%s) fires on @%s of the %s', (id, flag, attr, where) => {
    const build = on[where] as (attr: string) => string;
    expect(flagsOf(build(attr), id)).toEqual([flag]);
  });
});
