import { fullInvoice } from '../../../../test/roundtrip/fixtures/full-invoice';
import { DecimalValue } from '../../model/decimal-value';
import { parseXml } from '../../xml/parse-xml';
import { readCii } from './cii-reader';
import { writeCii } from './cii-writer';

const NS = `xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"`;
const ciiOf = (body: string): ReturnType<typeof readCii> =>
  readCii(
    parseXml(
      `<rsm:CrossIndustryInvoice ${NS}>${body}</rsm:CrossIndustryInvoice>`,
    ).root,
  );

describe('CII writer → reader', () => {
  it.each(['invoice', 'credit-note'] as const)(
    'round-trips every EN 16931 term of a full %s',
    (kind) => {
      const model = fullInvoice(kind);
      // CII D16B has room for one preceding invoice reference (BG-3) only.
      const expected = {
        ...model,
        precedingInvoices: model.precedingInvoices.slice(0, 1),
      };
      expect(readCii(parseXml(writeCii(model)).root)).toEqual(expected);
    },
  );

  it('writes dates as format 102 and converts BT-8 codes between UNTDID 2005 and the CII codes', () => {
    const { taxPointDate: _tpd, ...rest } = fullInvoice();
    const model = { ...rest, taxPointDateCode: '432' };
    const xml = writeCii(model);
    expect(xml).toContain(
      '<udt:DateTimeString format="102">20240201</udt:DateTimeString>',
    );
    expect(xml).toContain('<ram:DueDateTypeCode>72</ram:DueDateTypeCode>');
    expect(readCii(parseXml(xml).root).taxPointDateCode).toBe('432');
  });

  it('derives the gross price from net price and discount when only the discount is known', () => {
    const model = fullInvoice();
    const [first, ...others] = model.lines;
    if (!first) throw new Error('fixture has lines');
    const line = {
      ...first,
      price: {
        netPrice: DecimalValue.of('8.50'),
        discount: DecimalValue.of('1.50'),
      },
    };
    const back = readCii(
      parseXml(writeCii({ ...model, lines: [line, ...others] })).root,
    );
    expect(back.lines[0]?.price.grossPrice?.text).toBe('10');
    expect(back.lines[0]?.price.discount?.text).toBe('1.50');
  });
});

describe('CII reader mappings', () => {
  it('reads the kind from the type code and party identifiers from ID and GlobalID', () => {
    const inv =
      ciiOf(`<rsm:ExchangedDocument><ram:ID>CN1</ram:ID><ram:TypeCode>381</ram:TypeCode>
        <ram:IssueDateTime><udt:DateTimeString format="102">20240105</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
      <rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement><ram:SellerTradeParty>
        <ram:ID>LOCAL</ram:ID><ram:GlobalID schemeID="0088">5790000435975</ram:GlobalID><ram:Name>S</ram:Name>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE1</ram:ID></ram:SpecifiedTaxRegistration>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">201/1</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty></ram:ApplicableHeaderTradeAgreement></rsm:SupplyChainTradeTransaction>`);
    expect(inv.invoiceKind).toBe('credit-note');
    expect(inv.issueDate).toBe('2024-01-05');
    expect(inv.seller.identifiers).toEqual([
      { value: 'LOCAL' },
      { value: '5790000435975', schemeId: '0088' },
    ]);
    expect(inv.seller.vatId).toBe('DE1');
    expect(inv.seller.taxRegistrationId).toBe('201/1');
  });

  it('reads BT-17 (type 50) and BT-18 (type 130) apart from supporting documents', () => {
    const inv =
      ciiOf(`<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement>
      <ram:AdditionalReferencedDocument><ram:IssuerAssignedID>LOT</ram:IssuerAssignedID><ram:TypeCode>50</ram:TypeCode></ram:AdditionalReferencedDocument>
      <ram:AdditionalReferencedDocument><ram:IssuerAssignedID>OBJ</ram:IssuerAssignedID><ram:TypeCode>130</ram:TypeCode><ram:ReferenceTypeCode>AVV</ram:ReferenceTypeCode></ram:AdditionalReferencedDocument>
      <ram:AdditionalReferencedDocument><ram:IssuerAssignedID>D1</ram:IssuerAssignedID><ram:TypeCode>916</ram:TypeCode><ram:Name>Sheet</ram:Name></ram:AdditionalReferencedDocument>
      </ram:ApplicableHeaderTradeAgreement></rsm:SupplyChainTradeTransaction>`);
    expect(inv.tenderOrLotReference).toBe('LOT');
    expect(inv.invoicedObjectId).toEqual({ value: 'OBJ', schemeId: 'AVV' });
    expect(inv.supportingDocuments).toEqual([
      { id: 'D1', description: 'Sheet' },
    ]);
  });
});
