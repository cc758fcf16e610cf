import {
  BUYER,
  findingsOf,
  flagsOf,
  invoice,
  line,
  SELLER,
  tax,
} from './cii-invoice.fixture';

describe('EN 16931 CII syntax rules (CII-SR, CII-DT)', () => {
  describe('"should not be present" tables', () => {
    it.each([
      [
        'CII-SR-001',
        'warning',
        invoice({
          contextExtra:
            '<ram:SpecifiedTransactionID>1</ram:SpecifiedTransactionID>',
        }),
      ],
      [
        'CII-SR-013',
        'warning',
        invoice({ documentExtra: '<ram:Name>Invoice</ram:Name>' }),
      ],
      [
        'CII-SR-015',
        'warning',
        invoice().replace(
          '</ram:IssueDateTime>',
          '<udt:DateTime>2024-01-31T00:00:00</udt:DateTime></ram:IssueDateTime>',
        ),
      ],
      [
        'CII-SR-045',
        'warning',
        invoice({ lines: [line({ product: '<ram:ID>1</ram:ID>' })] }),
      ],
      [
        'CII-SR-183',
        'warning',
        invoice({
          lines: [
            line({
              settlement:
                '<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:IndicatorString>x</udt:IndicatorString></ram:ChargeIndicator></ram:SpecifiedTradeAllowanceCharge>',
            }),
          ],
        }),
      ],
      [
        'CII-SR-186',
        'warning',
        invoice({
          lines: [
            line({
              settlement:
                '<ram:SpecifiedTradeAllowanceCharge><ram:CalculationPercent format="x">1</ram:CalculationPercent></ram:SpecifiedTradeAllowanceCharge>',
            }),
          ],
        }),
      ],
      [
        'CII-SR-442',
        'warning',
        invoice({ agreementExtra: '<ram:Reference>x</ram:Reference>' }),
      ],
      [
        'CII-SR-438',
        'warning',
        invoice().replace(
          '</rsm:CrossIndustryInvoice>',
          '<ram:ValuationBreakdownStatement/></rsm:CrossIndustryInvoice>',
        ),
      ],
      [
        'CII-SR-04',
        'warning',
        invoice({
          contextExtra:
            '<ram:BusinessProcessSpecifiedDocumentContextParameter><ram:Value>x</ram:Value></ram:BusinessProcessSpecifiedDocumentContextParameter>',
        }),
      ],
      [
        'CII-DT-068',
        'fatal',
        invoice({
          settlementExtra:
            '<ram:BillingSpecifiedPeriod><ram:StartDateTime><udt:DateTime>x</udt:DateTime></ram:StartDateTime></ram:BillingSpecifiedPeriod>',
        }),
      ],
      [
        'CII-DT-088',
        'fatal',
        invoice({
          buyer: BUYER.replace(
            '<ram:CountryID>',
            '<ram:StreetName>x</ram:StreetName><ram:CountryID>',
          ),
        }),
      ],
      [
        'CII-DT-059',
        'warning',
        invoice({
          taxes: [
            tax().replace(
              '<ram:RateApplicablePercent>',
              '<ram:RateApplicablePercent format="x">',
            ),
          ],
        }),
      ],
      [
        'CII-DT-016',
        'fatal',
        invoice({
          settlementExtra:
            '<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>1</ram:IssuerAssignedID><ram:StatusCode>1</ram:StatusCode></ram:InvoiceReferencedDocument>',
        }),
      ],
    ])('%s fires as %s', (rule, flag, xml) => {
      expect(flagsOf(xml, rule)).toEqual([flag]);
    });

    it('reports a rule once per context even when the path matches several times', () => {
      const twice =
        '<ram:SpecifiedTradeAllowanceCharge><ram:ID>1</ram:ID></ram:SpecifiedTradeAllowanceCharge>'.repeat(
          2,
        );
      const xml = invoice({ lines: [line({ settlement: twice })] });
      expect(flagsOf(xml, 'CII-SR-184')).toEqual(['warning']);
      expect(flagsOf(xml, 'CII-SR-193')).toEqual(['warning']);
    });

    it('only judges the absolute contexts (a nested line item is not the line context)', () => {
      const xml = invoice().replace(
        '</rsm:CrossIndustryInvoice>',
        `<rsm:Other>${line({ product: '<ram:ID>1</ram:ID>' })}</rsm:Other></rsm:CrossIndustryInvoice>`,
      );
      expect(flagsOf(xml, 'CII-SR-045')).toEqual([]);
    });
  });

  describe('cardinality rules', () => {
    it.each([
      [
        'CII-SR-003',
        'warning',
        invoice({
          contextExtra:
            '<ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>a</ram:ID></ram:BusinessProcessSpecifiedDocumentContextParameter>'.repeat(
              2,
            ),
        }),
      ],
      [
        'CII-SR-009',
        'fatal',
        invoice().replace(
          /<ram:GuidelineSpecifiedDocumentContextParameter>.*?<\/ram:GuidelineSpecifiedDocumentContextParameter>/,
          '',
        ),
      ],
      [
        'CII-SR-010',
        'fatal',
        invoice().replace(
          '<ram:ID>urn:cen.eu:en16931:2017</ram:ID>',
          '<ram:ID>a</ram:ID><ram:ID>b</ram:ID>',
        ),
      ],
      [
        'CII-SR-014',
        'fatal',
        invoice({ documentExtra: '<ram:TypeCode>380</ram:TypeCode>' }),
      ],
      [
        'CII-SR-030',
        'warning',
        invoice({
          documentExtra:
            '<ram:IncludedNote><ram:Content>a</ram:Content><ram:Content>b</ram:Content></ram:IncludedNote>',
        }),
      ],
      [
        'CII-SR-046',
        'fatal',
        invoice({
          lines: [line({ product: '<ram:GlobalID>1</ram:GlobalID>' })],
        }),
      ],
      [
        'CII-SR-090',
        'fatal',
        invoice({ lines: [line({ product: '<ram:OriginTradeCountry/>' })] }),
      ],
      [
        'CII-SR-069',
        'fatal',
        invoice({
          lines: [
            line({
              product:
                '<ram:ApplicableProductCharacteristic><ram:Value>x</ram:Value></ram:ApplicableProductCharacteristic>',
            }),
          ],
        }),
      ],
      [
        'CII-SR-439',
        'fatal',
        invoice().replace(
          /<ram:NetPriceProductTradePrice>.*?<\/ram:NetPriceProductTradePrice>/,
          '',
        ),
      ],
      [
        'CII-SR-441',
        'fatal',
        invoice({
          lines: [
            line({
              agreement:
                '<ram:NetPriceProductTradePrice><ram:ChargeAmount>1</ram:ChargeAmount></ram:NetPriceProductTradePrice>',
            }),
          ],
        }),
      ],
      [
        'CII-SR-119',
        'warning',
        invoice({
          lines: [
            line({
              agreement:
                '<ram:GrossPriceProductTradePrice><ram:ChargeAmount>12</ram:ChargeAmount><ram:AppliedTradeAllowanceCharge><ram:ActualAmount>2</ram:ActualAmount></ram:AppliedTradeAllowanceCharge></ram:GrossPriceProductTradePrice>',
            }),
          ],
        }),
      ],
      [
        'CII-SR-463',
        'fatal',
        invoice({
          allowanceCharges: [
            '<ram:SpecifiedTradeAllowanceCharge><ram:ActualAmount>1</ram:ActualAmount></ram:SpecifiedTradeAllowanceCharge>',
          ],
        }),
      ],
      [
        'CII-SR-454',
        'warning',
        invoice({
          lines: [
            line({
              settlement:
                '<ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode></ram:ApplicableTradeTax>',
            }),
          ],
        }),
      ],
      [
        'CII-SR-450',
        'warning',
        invoice({
          buyer: `<ram:ID>1</ram:ID><ram:GlobalID schemeID="0088">1</ram:GlobalID>${BUYER}`,
        }),
      ],
      [
        'CII-SR-455',
        'fatal',
        invoice({
          seller: `${SELLER}<ram:DefinedTradeContact/><ram:DefinedTradeContact/>`,
        }),
      ],
      [
        'CII-SR-465',
        'warning',
        invoice({
          seller: `${SELLER}<ram:DefinedTradeContact><ram:PersonName>a</ram:PersonName><ram:DepartmentName>b</ram:DepartmentName></ram:DefinedTradeContact>`,
        }),
      ],
      [
        'CII-SR-452',
        'warning',
        invoice({
          settlementExtra:
            '<ram:SpecifiedTradePaymentTerms/><ram:SpecifiedTradePaymentTerms/>',
        }),
      ],
      [
        'CII-SR-461',
        'fatal',
        invoice({
          taxes: [
            tax({ extra: '<ram:TaxPointDate/>' }),
            tax({ extra: '<ram:TaxPointDate/>' }),
          ],
        }),
      ],
      [
        'CII-SR-462',
        'fatal',
        invoice({
          taxes: [
            tax({ extra: '<ram:DueDateTypeCode>5</ram:DueDateTypeCode>' }),
            tax({ extra: '<ram:DueDateTypeCode>29</ram:DueDateTypeCode>' }),
          ],
        }),
      ],
      [
        'CII-SR-470',
        'fatal',
        invoice({
          settlementExtra:
            '<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode> 58 </ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>',
        }),
      ],
      [
        'CII-SR-467',
        'fatal',
        invoice({
          settlementExtra:
            '<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans><ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>30</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>',
        }),
      ],
      [
        'CII-SR-469',
        'fatal',
        invoice({
          settlementExtra:
            '<ram:PaymentReference>a</ram:PaymentReference><ram:PaymentReference>b</ram:PaymentReference>',
        }),
      ],
      [
        'CII-SR-480',
        'fatal',
        invoice({
          summationExtra:
            '<ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>',
        }),
      ],
    ])('%s fires as %s', (rule, flag, xml) => {
      expect(flagsOf(xml, rule)).toEqual([flag]);
    });

    it('CII-SR-462 accepts repeated equal codes; CII-SR-467 compares normalised codes', () => {
      expect(
        flagsOf(
          invoice({
            taxes: [
              tax({ extra: '<ram:DueDateTypeCode>5</ram:DueDateTypeCode>' }),
              tax({ extra: '<ram:DueDateTypeCode>5</ram:DueDateTypeCode>' }),
            ],
          }),
          'CII-SR-462',
        ),
      ).toEqual([]);
      const pm = (c: string): string =>
        `<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>${c}</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>`;
      expect(
        flagsOf(
          invoice({ settlementExtra: pm('58') + pm(' 58 ') }),
          'CII-SR-467',
        ),
      ).toEqual([]);
    });
  });

  it('locates findings on the context element, relative to the validated root', () => {
    const f = findingsOf(
      invoice({
        lines: [line(), line({ id: '2', product: '<ram:ID>1</ram:ID>' })],
      }),
      'CII-SR-045',
    );
    expect(f.map((x) => x.location)).toEqual([
      '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem[2]/ram:SpecifiedTradeProduct',
    ]);
  });
});
