import {
  BUYER,
  findingsOf,
  flagsOf,
  invoice,
  line,
  SELLER,
} from './cii-invoice.fixture';

const payee = (inner: string): string =>
  invoice({
    settlementExtra: `<ram:PayeeTradeParty>${inner}</ram:PayeeTradeParty>`,
  });
const means = (code: string, account = ''): string =>
  invoice({
    settlementExtra: `<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>${code}</ram:TypeCode>${account}</ram:SpecifiedTradeSettlementPaymentMeans>`,
  });
const rep = (inner: string): string =>
  invoice({
    agreementExtra: `<ram:SellerTaxRepresentativeTradeParty>${inner}</ram:SellerTaxRepresentativeTradeParty>`,
  });

describe('EN 16931 CII party, payment and reference rules', () => {
  it('BR-17: a payee different from the seller has a name', () => {
    expect(flagsOf(payee('<ram:Name>Factor</ram:Name>'), 'BR-17')).toEqual([]);
    expect(flagsOf(payee('<ram:ID>1</ram:ID>'), 'BR-17')).toEqual(['fatal']);
    // Same name as the seller: the official rule then fails too.
    expect(flagsOf(payee('<ram:Name>Seller</ram:Name>'), 'BR-17')).toEqual([
      'fatal',
    ]);
  });

  it('BR-18 / BR-19 / BR-20 / BR-56: the tax representative', () => {
    const full =
      '<ram:Name>Rep</ram:Name><ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE999</ram:ID></ram:SpecifiedTaxRegistration>';
    for (const id of ['BR-18', 'BR-19', 'BR-20', 'BR-56'])
      expect(flagsOf(rep(full), id)).toEqual([]);
    for (const id of ['BR-18', 'BR-19', 'BR-20', 'BR-56'])
      expect(flagsOf(rep('<ram:Description>x</ram:Description>'), id)).toEqual([
        'fatal',
      ]);
    expect(
      flagsOf(rep(full.replace('schemeID="VA"', 'schemeID="FC"')), 'BR-56'),
    ).toEqual(['fatal']);
  });

  it('BR-CO-26: the seller is identified somehow', () => {
    const noId =
      '<ram:Name>S</ram:Name><ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>';
    expect(flagsOf(invoice({ seller: noId }), 'BR-CO-26')).toEqual(['fatal']);
    expect(
      flagsOf(invoice({ seller: `<ram:ID>1</ram:ID>${noId}` }), 'BR-CO-26'),
    ).toEqual([]);
    expect(
      flagsOf(
        invoice({
          seller: `${noId}<ram:SpecifiedLegalOrganization><ram:ID>HRB1</ram:ID></ram:SpecifiedLegalOrganization>`,
        }),
        'BR-CO-26',
      ),
    ).toEqual([]);
    expect(
      flagsOf(
        invoice({
          seller: `${noId}<ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">1</ram:ID></ram:SpecifiedTaxRegistration>`,
        }),
        'BR-CO-26',
      ),
    ).toEqual(['fatal']);
  });

  it('BR-CO-09: VAT identifiers start with a country prefix (EL for Greece)', () => {
    const vat = (id: string): string =>
      invoice({ seller: SELLER.replace('DE123456789', id) });
    expect(flagsOf(vat('EL123'), 'BR-CO-09')).toEqual([]);
    expect(flagsOf(vat('XI123'), 'BR-CO-09')).toEqual([]);
    expect(flagsOf(vat('123456'), 'BR-CO-09')).toEqual(['fatal']);
    expect(flagsOf(vat(' DE1'), 'BR-CO-09')).toEqual(['fatal']);
    expect(flagsOf(vat('de123'), 'BR-CO-09')).toEqual(['fatal']);
    // Only the VAT scheme is checked.
    expect(
      flagsOf(
        invoice({
          seller: SELLER.replace(
            'schemeID="VA">DE123456789',
            'schemeID="FC">123',
          ),
        }),
        'BR-CO-09',
      ),
    ).toEqual([]);
    const located = findingsOf(vat('123'), 'BR-CO-09')[0]?.location;
    expect(located).toBe(
      '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID',
    );
  });

  it('BR-49: payment means have a type code', () => {
    expect(
      flagsOf(
        invoice({
          settlementExtra: '<ram:SpecifiedTradeSettlementPaymentMeans/>',
        }),
        'BR-49',
      ),
    ).toEqual(['fatal']);
    expect(
      flagsOf(
        means(
          '58',
          '<ram:PayeePartyCreditorFinancialAccount><ram:IBANID>DE02</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>',
        ),
        'BR-49',
      ),
    ).toEqual([]);
  });

  it('BR-50 / BR-61: credit transfers carry an account identifier', () => {
    const empty =
      '<ram:PayeePartyCreditorFinancialAccount><ram:AccountName>x</ram:AccountName></ram:PayeePartyCreditorFinancialAccount>';
    expect(flagsOf(means('30', empty), 'BR-50')).toEqual(['fatal']);
    expect(flagsOf(means('30', empty), 'BR-61')).toEqual(['fatal']);
    const blank =
      '<ram:PayeePartyCreditorFinancialAccount><ram:IBANID> </ram:IBANID></ram:PayeePartyCreditorFinancialAccount>';
    expect(flagsOf(means('58', blank), 'BR-50')).toEqual(['fatal']);
    expect(flagsOf(means('58', blank), 'BR-61')).toEqual([]);
    // Other payment means are not credit transfers.
    expect(flagsOf(means('49', empty), 'BR-61')).toEqual([]);
  });

  it('BR-51: at most 10 characters of a card number', () => {
    const card = (id: string): string =>
      means(
        '48',
        `<ram:ApplicableTradeSettlementFinancialCard><ram:ID>${id}</ram:ID></ram:ApplicableTradeSettlementFinancialCard>`,
      );
    expect(flagsOf(card('1234567890'), 'BR-51')).toEqual([]);
    expect(flagsOf(card('12345678901'), 'BR-51')).toEqual(['fatal']);
  });

  it('BR-52: supporting documents have a reference', () => {
    const ref = (inner: string): string =>
      invoice({
        agreementExtra: `<ram:AdditionalReferencedDocument>${inner}</ram:AdditionalReferencedDocument>`,
      });
    expect(flagsOf(ref('<ram:TypeCode>916</ram:TypeCode>'), 'BR-52')).toEqual([
      'fatal',
    ]);
    expect(
      flagsOf(
        ref(
          '<ram:IssuerAssignedID>A1</ram:IssuerAssignedID><ram:TypeCode>916</ram:TypeCode>',
        ),
        'BR-52',
      ),
    ).toEqual([]);
  });

  it('BR-55: preceding invoice references have an identifier', () => {
    const ref = (inner: string): string =>
      invoice({
        settlementExtra: `<ram:InvoiceReferencedDocument>${inner}</ram:InvoiceReferencedDocument>`,
      });
    expect(flagsOf(ref(''), 'BR-55')).toEqual(['fatal']);
    expect(
      flagsOf(
        ref('<ram:IssuerAssignedID>INV-0</ram:IssuerAssignedID>'),
        'BR-55',
      ),
    ).toEqual([]);
  });

  it('BR-57: a deliver-to address has a country code', () => {
    const ship = (address: string): string =>
      invoice({
        delivery: `<ram:ShipToTradeParty>${address}</ram:ShipToTradeParty>`,
      });
    expect(
      flagsOf(
        ship(
          '<ram:PostalTradeAddress><ram:CityName>X</ram:CityName></ram:PostalTradeAddress>',
        ),
        'BR-57',
      ),
    ).toEqual(['fatal']);
    expect(
      flagsOf(
        ship(
          '<ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>',
        ),
        'BR-57',
      ),
    ).toEqual([]);
    expect(flagsOf(ship('<ram:Name>X</ram:Name>'), 'BR-57')).toEqual([]);
  });

  it('BR-65: an item classification has a scheme', () => {
    const cls = (code: string): string =>
      invoice({
        lines: [
          line({
            product: `<ram:DesignatedProductClassification>${code}</ram:DesignatedProductClassification>`,
          }),
        ],
      });
    expect(flagsOf(cls('<ram:ClassCode>123</ram:ClassCode>'), 'BR-65')).toEqual(
      ['fatal'],
    );
    expect(
      flagsOf(cls('<ram:ClassCode listID="STI">123</ram:ClassCode>'), 'BR-65'),
    ).toEqual([]);
    expect(flagsOf(cls('<ram:ClassName>x</ram:ClassName>'), 'BR-65')).toEqual(
      [],
    );
  });

  it('keeps the buyer untouched by seller rules', () => {
    expect(flagsOf(invoice({ buyer: BUYER }), 'BR-CO-26')).toEqual([]);
  });
});
