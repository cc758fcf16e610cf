import { parseXml } from '../../xml/parse-xml';
import type { Finding } from '../finding';
import { peppolCiiRules, peppolUblRules } from './index';

/** The national rules have no official unit tests: these documents exercise each family both ways. */

const UBL_NS =
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" ' +
  'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"';

function ubl(body: string, root: 'Invoice' | 'CreditNote' = 'Invoice'): string[] {
  const doc = parseXml(`<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" ${UBL_NS}>${body}</${root}>`);
  const findings: Finding[] = [];
  peppolUblRules.run(doc.root, findings);
  return findings.map((f) => `${f.rule}/${f.flag}`);
}

function party(role: 'AccountingSupplierParty' | 'AccountingCustomerParty', country: string, inner = ''): string {
  return (
    `<cac:${role}><cac:Party>${inner}<cac:PostalAddress><cbc:StreetName>S</cbc:StreetName><cbc:CityName>C</cbc:CityName>` +
    `<cbc:PostalZone>1</cbc:PostalZone><cac:Country><cbc:IdentificationCode>${country}</cbc:IdentificationCode></cac:Country>` +
    `</cac:PostalAddress></cac:Party></cac:${role}>`
  );
}

function taxScheme(id: string, scheme: string): string {
  return `<cac:PartyTaxScheme><cbc:CompanyID>${id}</cbc:CompanyID><cac:TaxScheme><cbc:ID>${scheme}</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>`;
}

function legal(id: string, scheme?: string): string {
  return `<cac:PartyLegalEntity><cbc:CompanyID${scheme ? ` schemeID="${scheme}"` : ''}>${id}</cbc:CompanyID></cac:PartyLegalEntity>`;
}

describe('Peppol national rules (UBL)', () => {
  it('Norway: VAT number and Foretaksregisteret', () => {
    const ok = ubl(party('AccountingSupplierParty', 'NO', taxScheme('NO923609016MVA', 'VAT') + taxScheme('Foretaksregisteret', 'TAX')));
    expect(ok).not.toContain('NO-R-001/fatal');
    expect(ok).not.toContain('NO-R-002/warning');
    const bad = ubl(party('AccountingSupplierParty', 'NO', taxScheme('NO923609017MVA', 'VAT')));
    expect(bad).toContain('NO-R-001/fatal');
    expect(bad).toContain('NO-R-002/warning');
    // The country comes from the seller VAT prefix before the address.
    expect(ubl(party('AccountingSupplierParty', 'SE', taxScheme('NO923609017', 'VAT')))).toContain('NO-R-001/fatal');
    expect(ubl(party('AccountingSupplierParty', 'NO', taxScheme('SE923609017', 'VAT')))).not.toContain('NO-R-001/fatal');
  });

  it('Denmark: legal entity, payment means, non-VAT taxes', () => {
    const parties = party('AccountingSupplierParty', 'DK', legal('12345678')) + party('AccountingCustomerParty', 'DK');
    const found = ubl(
      parties +
        '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans>' +
        '<cac:PaymentMeans><cbc:PaymentMeansCode>31</cbc:PaymentMeansCode></cac:PaymentMeans>' +
        '<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>ZZZ</cbc:AllowanceChargeReasonCode>' +
        '<cbc:AllowanceChargeReason>abc</cbc:AllowanceChargeReason></cac:AllowanceCharge>',
    );
    expect(found).toEqual(expect.arrayContaining(['DK-R-014/fatal', 'DK-R-005/fatal', 'DK-R-006/fatal', 'DK-R-004/fatal']));
    expect(found).not.toContain('DK-R-002/fatal');
    const clean = ubl(
      party('AccountingSupplierParty', 'DK', legal('12345678', '0184')) +
        party('AccountingCustomerParty', 'DK') +
        '<cac:AllowanceCharge><cbc:AllowanceChargeReasonCode>ZZZ</cbc:AllowanceChargeReasonCode><cbc:AllowanceChargeReason>1234</cbc:AllowanceChargeReason></cac:AllowanceCharge>' +
        '<cac:AllowanceCharge><cbc:AllowanceChargeReasonCode>ZZZ</cbc:AllowanceChargeReasonCode><cbc:AllowanceChargeReason>tax#1</cbc:AllowanceChargeReason></cac:AllowanceCharge>',
    );
    expect(clean.filter((r) => r.startsWith('DK-'))).toEqual([]);
    expect(ubl(party('AccountingSupplierParty', 'DK'))).toContain('DK-R-002/fatal');
  });

  it('Sweden: VAT rates, organisation number, giro accounts', () => {
    const supplier = party('AccountingSupplierParty', 'SE', taxScheme('SE556036079301', 'VAT') + legal('5560360794'));
    const found = ubl(
      supplier +
        '<cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>10</cbc:Percent></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>' +
        '<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cac:PayeeFinancialAccount><cbc:ID>12345</cbc:ID>' +
        '<cac:FinancialInstitutionBranch><cbc:ID>SE:BANKGIRO</cbc:ID></cac:FinancialInstitutionBranch></cac:PayeeFinancialAccount></cac:PaymentMeans>' +
        '<cac:PaymentMeans><cbc:PaymentMeansCode>50</cbc:PaymentMeansCode></cac:PaymentMeans>',
    );
    expect(found).toEqual(expect.arrayContaining(['SE-R-006/fatal', 'SE-R-013/fatal', 'SE-R-009/warning', 'SE-R-011/warning']));
    expect(found).not.toContain('SE-R-001/fatal');
    const clean = ubl(
      party('AccountingSupplierParty', 'SE', taxScheme('SE556036079301', 'VAT') + legal('5560360793') + taxScheme('Godkänd för F-skatt', 'TAX')) +
        '<cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>',
    );
    expect(clean.filter((r) => r.startsWith('SE-'))).toEqual([]);
  });

  it('Greece: structured invoice number, TIN and endpoint', () => {
    const supplier = party(
      'AccountingSupplierParty',
      'GR',
      '<cbc:EndpointID schemeID="9933">090000045</cbc:EndpointID><cac:PartyName><cbc:Name>S</cbc:Name></cac:PartyName>' + taxScheme('EL090000045', 'VAT'),
    );
    const customer = party('AccountingCustomerParty', 'DE', '<cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName>');
    const refs =
      '<cac:AdditionalDocumentReference><cbc:ID>123</cbc:ID><cbc:DocumentDescription>##M.AR.K##</cbc:DocumentDescription></cac:AdditionalDocumentReference>' +
      '<cac:AdditionalDocumentReference><cbc:ID>u</cbc:ID><cbc:DocumentDescription>##INVOICE|URL##</cbc:DocumentDescription>' +
      '<cac:Attachment><cac:ExternalReference><cbc:URI>https://x</cbc:URI></cac:ExternalReference></cac:Attachment></cac:AdditionalDocumentReference>';
    const good = ubl(`<cbc:ID>090000045|05/03/2023|0|1.1|A|1</cbc:ID><cbc:IssueDate>2023-03-05</cbc:IssueDate>${refs}${supplier}${customer}`);
    expect(good.filter((r) => r.startsWith('GR-'))).toEqual([]);
    const bad = ubl(`<cbc:ID>090000046|06/03/2023|x|9.9|A</cbc:ID><cbc:IssueDate>2023-03-05</cbc:IssueDate>${supplier}${customer}`);
    expect(bad).toEqual(
      expect.arrayContaining([
        'GR-R-001-1/fatal',
        'GR-R-001-2/fatal',
        'GR-R-001-3/fatal',
        'GR-R-001-4/fatal',
        'GR-R-001-5/fatal',
        'GR-R-001-7/fatal',
        'GR-R-004-1/fatal',
        'GR-S-008-1/warning',
      ]),
    );
    expect(bad).not.toContain('GR-R-001-6/fatal');
    const endpoint = ubl(party('AccountingSupplierParty', 'GR', '<cbc:EndpointID schemeID="0088">090000045</cbc:EndpointID>'));
    expect(endpoint).toContain('GR-R-009/fatal');
  });

  it('Germany: IBAN with exact mod 97, Skonto, contact', () => {
    const parties =
      party('AccountingSupplierParty', 'DE', '<cac:Contact><cbc:Name>N</cbc:Name><cbc:Telephone>12</cbc:Telephone><cbc:ElectronicMail>a@b</cbc:ElectronicMail></cac:Contact>') +
      party('AccountingCustomerParty', 'DE');
    const doc = (iban: string, note: string) =>
      ubl(
        `<cbc:BuyerReference>r</cbc:BuyerReference>${parties}<cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>` +
          `<cac:PayeeFinancialAccount><cbc:ID>${iban}</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>` +
          `<cac:PaymentTerms><cbc:Note>${note}</cbc:Note></cac:PaymentTerms>`,
      );
    const good = doc('LC55 HEMM 0001 0001 0012 0012 0002 3015', '#SKONTO#TAGE=14#PROZENT=2.00#\n');
    expect(good).not.toContain('DE-R-019/warning');
    expect(good).not.toContain('DE-R-018/fatal');
    expect(good).toEqual(expect.arrayContaining(['DE-R-027/warning', 'DE-R-028/warning']));
    const bad = doc('LC55HEMM000100010012001200023016', '#SKONTO#TAGE=14#PROZENT=2#\n');
    expect(bad).toEqual(expect.arrayContaining(['DE-R-019/warning', 'DE-R-018/fatal']));
    expect(doc('GB82WEST12345698765432', '#SKONTO#TAGE=14#PROZENT=2.00#')).toContain('DE-R-018/fatal');
    // Not German on both sides: no German rule.
    expect(ubl(party('AccountingSupplierParty', 'DE')).filter((r) => r.startsWith('DE-'))).toEqual([]);
  });

  it('Netherlands and Italy: addresses, legal ids, payment means', () => {
    const nl = ubl(
      '<cac:AccountingSupplierParty><cac:Party>' + legal('123') + '<cac:PostalAddress><cac:Country><cbc:IdentificationCode>NL</cbc:IdentificationCode></cac:Country></cac:PostalAddress></cac:Party></cac:AccountingSupplierParty>' +
        '<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">10</cbc:PayableAmount></cac:LegalMonetaryTotal>',
    );
    expect(nl).toEqual(expect.arrayContaining(['NL-R-002/fatal', 'NL-R-003/fatal', 'NL-R-007/fatal']));
    const nlCredit = ubl(party('AccountingSupplierParty', 'NL', legal('123', '0106')) + '<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>', 'CreditNote');
    expect(nlCredit).toContain('NL-R-001/fatal');
    expect(nlCredit).not.toContain('NL-R-003/fatal');
    const it = ubl(
      '<cac:AccountingSupplierParty><cac:Party>' + taxScheme('IT00743110157', 'VAT') + taxScheme('abc', 'TAX') + '</cac:Party></cac:AccountingSupplierParty>',
    );
    expect(it).toEqual(expect.arrayContaining(['IT-R-001/fatal', 'IT-R-002/fatal', 'IT-R-003/fatal', 'IT-R-004/fatal']));
  });

  it('Iceland: legal id and EINDAGI', () => {
    const found = ubl(
      party('AccountingSupplierParty', 'IS') +
        '<cac:AdditionalDocumentReference><cbc:ID>2024-13-01</cbc:ID><cbc:DocumentDescription>EINDAGI</cbc:DocumentDescription></cac:AdditionalDocumentReference>',
    );
    expect(found).toEqual(expect.arrayContaining(['IS-R-001/warning', 'IS-R-002/fatal', 'IS-R-008/fatal', 'IS-R-009/fatal', 'IS-R-010/fatal']));
  });

  it('does not apply PEPPOL-COMMON-R048 to UBL (commented out in the official rules)', () => {
    expect(ubl(party('AccountingSupplierParty', 'IT', '<cbc:EndpointID schemeID="9906">IT1</cbc:EndpointID>'))).not.toContain('PEPPOL-COMMON-R048/warning');
  });
});

const CII_NS =
  'xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" ' +
  'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" ' +
  'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"';

function cii(seller: string, buyer: string, settlement = '', header = ''): string[] {
  const xml =
    `<rsm:CrossIndustryInvoice ${CII_NS}>${header}<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement>` +
    `<ram:SellerTradeParty>${seller}</ram:SellerTradeParty><ram:BuyerTradeParty>${buyer}</ram:BuyerTradeParty>` +
    `</ram:ApplicableHeaderTradeAgreement><ram:ApplicableHeaderTradeSettlement>${settlement}</ram:ApplicableHeaderTradeSettlement>` +
    `</rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>`;
  const findings: Finding[] = [];
  peppolCiiRules.run(parseXml(xml).root, findings);
  return findings.map((f) => `${f.rule}/${f.flag}`);
}

const address = (country: string, full = true) =>
  `<ram:PostalTradeAddress>${full ? '<ram:PostcodeCode>1</ram:PostcodeCode><ram:LineOne>S</ram:LineOne><ram:CityName>C</ram:CityName>' : ''}<ram:CountryID>${country}</ram:CountryID></ram:PostalTradeAddress>`;
const vat = (id: string) => `<ram:SpecifiedTaxRegistration><ram:ID schemeID="VAT">${id}</ram:ID></ram:SpecifiedTaxRegistration>`;

describe('Peppol national rules (CII)', () => {
  it('Norway', () => {
    expect(cii(address('NO') + vat('NO923609017MVA'), address('NO'))).toEqual(expect.arrayContaining(['NO-R-001/fatal', 'NO-R-002/warning']));
    expect(cii(address('NO') + vat('NO923609016MVA'), address('NO'))).not.toContain('NO-R-001/fatal');
  });

  it('Denmark', () => {
    const found = cii(
      '<ram:SpecifiedLegalOrganization><ram:ID>12345678</ram:ID></ram:SpecifiedLegalOrganization>' + address('DK'),
      address('DK'),
      '<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>30</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>',
    );
    expect(found).toEqual(expect.arrayContaining(['DK-R-005/fatal', 'DK-R-014/fatal']));
  });

  it('Sweden, Italy and the Netherlands', () => {
    const se = cii(address('SE') + vat('SE556036079301'), address('SE'), '<ram:ApplicableTradeTax><ram:RateApplicablePercent>10</ram:RateApplicablePercent></ram:ApplicableTradeTax>');
    expect(se).toContain('SE-R-006/fatal');
    expect(cii(address('IT', false) + vat('IT00743110157'), address('IT'))).toEqual(expect.arrayContaining(['IT-R-002/fatal', 'IT-R-003/fatal', 'IT-R-004/fatal']));
    expect(cii(address('NL', false), address('DE'))).toContain('NL-R-002/fatal');
  });
});
