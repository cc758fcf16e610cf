import {
  allowanceCharge,
  BUYER,
  findingsOf,
  flagsOf,
  invoice,
  line,
  SELLER,
  tax,
} from './cii-invoice.fixture';

describe('EN 16931 CII code list rules', () => {
  it.each([
    ['BR-CL-01', invoice({ typeCode: '999' }), invoice({ typeCode: ' 381 ' })],
    [
      'BR-CL-03',
      invoice({ currency: 'EUR' }).replace(
        '<ram:TaxTotalAmount currencyID="EUR">',
        '<ram:TaxTotalAmount currencyID="EURO">',
      ),
      invoice(),
    ],
    ['BR-CL-04', invoice({ currency: 'XYZ' }), invoice({ currency: 'SEK' })],
    [
      'BR-CL-05',
      invoice({ taxCurrency: 'E U' }),
      invoice({ taxCurrency: 'SEK' }),
    ],
    [
      'BR-CL-06',
      invoice({
        taxes: [tax({ extra: '<ram:DueDateTypeCode>3</ram:DueDateTypeCode>' })],
      }),
      invoice({
        taxes: [
          tax({ extra: '<ram:DueDateTypeCode>72</ram:DueDateTypeCode>' }),
        ],
      }),
    ],
    [
      'BR-CL-07',
      invoice({
        agreementExtra:
          '<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>1</ram:IssuerAssignedID><ram:TypeCode>130</ram:TypeCode><ram:ReferenceTypeCode>XXX</ram:ReferenceTypeCode></ram:AdditionalReferencedDocument>',
      }),
      invoice({
        agreementExtra:
          '<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>1</ram:IssuerAssignedID><ram:TypeCode>130</ram:TypeCode><ram:ReferenceTypeCode>AAA</ram:ReferenceTypeCode></ram:AdditionalReferencedDocument>',
      }),
    ],
    [
      'BR-CL-08',
      invoice({
        documentExtra:
          '<ram:IncludedNote><ram:Content>x</ram:Content><ram:SubjectCode>XXX</ram:SubjectCode></ram:IncludedNote>',
      }),
      invoice({
        documentExtra:
          '<ram:IncludedNote><ram:Content>x</ram:Content><ram:SubjectCode>BAT</ram:SubjectCode></ram:IncludedNote>',
      }),
    ],
    [
      'BR-CL-10',
      invoice({
        seller: `<ram:GlobalID schemeID="9999">1</ram:GlobalID>${SELLER}`,
      }),
      invoice({
        seller: `<ram:GlobalID schemeID="0088">1</ram:GlobalID>${SELLER}`,
      }),
    ],
    [
      'BR-CL-11',
      invoice({
        seller: `${SELLER}<ram:SpecifiedLegalOrganization><ram:ID schemeID="XX">1</ram:ID></ram:SpecifiedLegalOrganization>`,
      }),
      invoice({
        seller: `${SELLER}<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">1</ram:ID></ram:SpecifiedLegalOrganization>`,
      }),
    ],
    [
      'BR-CL-13',
      invoice({
        lines: [
          line({
            product:
              '<ram:DesignatedProductClassification><ram:ClassCode listID="QQ">1</ram:ClassCode></ram:DesignatedProductClassification>',
          }),
        ],
      }),
      invoice({
        lines: [
          line({
            product:
              '<ram:DesignatedProductClassification><ram:ClassCode listID="STI">1</ram:ClassCode></ram:DesignatedProductClassification>',
          }),
        ],
      }),
    ],
    [
      'BR-CL-14',
      invoice({ buyer: BUYER.replace('>DE<', '>SS<') }),
      invoice({ buyer: BUYER.replace('>DE<', '>AN<') }),
    ],
    [
      'BR-CL-15',
      invoice({
        lines: [
          line({
            product:
              '<ram:OriginTradeCountry><ram:ID>ZZ</ram:ID></ram:OriginTradeCountry>',
          }),
        ],
      }),
      invoice({
        lines: [
          line({
            product:
              '<ram:OriginTradeCountry><ram:ID>CN</ram:ID></ram:OriginTradeCountry>',
          }),
        ],
      }),
    ],
    [
      'BR-CL-16',
      invoice({
        settlementExtra:
          '<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>999</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>',
      }),
      invoice({
        settlementExtra:
          '<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>ZZZ</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>',
      }),
    ],
    [
      'BR-CL-17',
      invoice({
        allowanceCharges: [allowanceCharge({ charge: false, category: 'X' })],
      }),
      invoice({ allowanceCharges: [allowanceCharge({ charge: false })] }),
    ],
    ['BR-CL-18', invoice({ taxes: [tax({ category: 'X' })] }), invoice()],
    [
      'BR-CL-19',
      invoice({
        allowanceCharges: [
          allowanceCharge({ charge: false }).replace(
            '<ram:Reason>',
            '<ram:ReasonCode>AA</ram:ReasonCode><ram:Reason>',
          ),
        ],
      }),
      invoice({
        allowanceCharges: [
          allowanceCharge({ charge: false }).replace(
            '<ram:Reason>',
            '<ram:ReasonCode>95</ram:ReasonCode><ram:Reason>',
          ),
        ],
      }),
    ],
    [
      'BR-CL-20',
      invoice({
        allowanceCharges: [
          allowanceCharge({ charge: true }).replace(
            '<ram:Reason>',
            '<ram:ReasonCode>95</ram:ReasonCode><ram:Reason>',
          ),
        ],
      }),
      invoice({
        allowanceCharges: [
          allowanceCharge({ charge: true }).replace(
            '<ram:Reason>',
            '<ram:ReasonCode>AA</ram:ReasonCode><ram:Reason>',
          ),
        ],
      }),
    ],
    [
      'BR-CL-21',
      invoice({
        lines: [
          line({ product: '<ram:GlobalID schemeID="GTIN">1</ram:GlobalID>' }),
        ],
      }),
      invoice({
        lines: [
          line({ product: '<ram:GlobalID schemeID="0160">1</ram:GlobalID>' }),
        ],
      }),
    ],
    [
      'BR-CL-22',
      invoice({
        taxes: [
          tax({
            extra:
              '<ram:ExemptionReasonCode>VATEX-XX</ram:ExemptionReasonCode>',
          }),
        ],
      }),
      invoice({
        taxes: [
          tax({
            extra:
              '<ram:ExemptionReasonCode>vatex-eu-132-1a</ram:ExemptionReasonCode>',
          }),
        ],
      }),
    ],
    [
      'BR-CL-23',
      invoice().replace('unitCode="C62"', 'unitCode="PCS"'),
      invoice().replace('unitCode="C62"', 'unitCode="XBX"'),
    ],
    [
      'BR-CL-24',
      invoice({
        agreementExtra:
          '<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>1</ram:IssuerAssignedID><ram:AttachmentBinaryObject mimeCode="application/xml" filename="a">AA==</ram:AttachmentBinaryObject></ram:AdditionalReferencedDocument>',
      }),
      invoice({
        agreementExtra:
          '<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>1</ram:IssuerAssignedID><ram:AttachmentBinaryObject mimeCode="image/png" filename="a">AA==</ram:AttachmentBinaryObject></ram:AdditionalReferencedDocument>',
      }),
    ],
    [
      'BR-CL-25',
      invoice({
        seller: `${SELLER}<ram:URIUniversalCommunication><ram:URIID schemeID="XX">a</ram:URIID></ram:URIUniversalCommunication>`,
      }),
      invoice({
        seller: `${SELLER}<ram:URIUniversalCommunication><ram:URIID schemeID="EM">a</ram:URIID></ram:URIUniversalCommunication>`,
      }),
    ],
    [
      'BR-CL-26',
      invoice({
        delivery:
          '<ram:ShipToTradeParty><ram:GlobalID schemeID="XX">1</ram:GlobalID></ram:ShipToTradeParty>',
      }),
      invoice({
        delivery:
          '<ram:ShipToTradeParty><ram:GlobalID schemeID="0088">1</ram:GlobalID></ram:ShipToTradeParty>',
      }),
    ],
  ])(
    '%s fires on an unknown code and accepts a listed one',
    (rule, bad, good) => {
      expect(flagsOf(bad, rule)).toEqual(['fatal']);
      expect(flagsOf(good, rule)).toEqual([]);
    },
  );

  it('an identifier judged by BR-CL-11 is not judged again by BR-CL-15 (first matching context wins)', () => {
    const xml = invoice({
      lines: [
        line({
          product:
            '<ram:OriginTradeCountry><ram:ID schemeID="0088">ZZ</ram:ID></ram:OriginTradeCountry>',
        }),
      ],
    });
    expect(flagsOf(xml, 'BR-CL-11')).toEqual([]);
    expect(flagsOf(xml, 'BR-CL-15')).toEqual([]);
  });

  it('VAT registration identifiers are not checked against the ICD list', () => {
    expect(flagsOf(invoice(), 'BR-CL-11')).toEqual([]);
  });

  it('BR-CL-14 locates the country code element', () => {
    const f = findingsOf(
      invoice({ buyer: BUYER.replace('>DE<', '>XX<') }),
      'BR-CL-14',
    );
    expect(f.map((x) => x.location)).toEqual([
      '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty/ram:PostalTradeAddress/ram:CountryID',
    ]);
  });
});
