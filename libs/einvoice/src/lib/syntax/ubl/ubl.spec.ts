import { fullInvoice } from '../../../../test/roundtrip/fixtures/full-invoice';
import { parseXml } from '../../xml/parse-xml';
import { readUbl } from './ubl-reader';
import { writeUbl } from './ubl-writer';

const NS = `xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"`;
const ublOf = (body: string): ReturnType<typeof readUbl> =>
  readUbl(parseXml(`<Invoice ${NS}>${body}</Invoice>`).root);

describe('UBL writer → reader', () => {
  it.each(['invoice', 'credit-note'] as const)(
    'round-trips every EN 16931 term of a full %s',
    (kind) => {
      const model = fullInvoice(kind);
      const xml = writeUbl(model);
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(
        true,
      );
      expect(xml).toContain(
        kind === 'invoice' ? '<Invoice xmlns=' : '<CreditNote xmlns=',
      );
      expect(readUbl(parseXml(xml).root)).toEqual(model);
    },
  );

  it('writes Peppol BIS 3 identifiers when forced or when the model has none', () => {
    const forced = readUbl(
      parseXml(writeUbl(fullInvoice(), { peppol: true })).root,
    );
    expect(forced.specificationId).toBe(
      'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    );
    expect(forced.businessProcessType).toBe(
      'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
    );
    const { businessProcessType: _bpt, ...rest } = fullInvoice();
    const none = readUbl(
      parseXml(writeUbl({ ...rest, specificationId: '' })).root,
    );
    expect(none.specificationId).toContain('peppol');
    expect(none.businessProcessType).toBe(
      'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
    );
  });

  it('puts the credit note due date (BT-9) in PaymentMeans and the project (BT-11) in a type-50 reference', () => {
    const xml = writeUbl(fullInvoice('credit-note'));
    expect(xml).toMatch(
      /<cac:PaymentMeans>\s*<cbc:PaymentMeansCode name="SEPA credit transfer">58<\/cbc:PaymentMeansCode>\s*<cbc:PaymentDueDate>2024-03-01</,
    );
    expect(xml).toMatch(/<cbc:ID>PRJ-9<\/cbc:ID>\s*<cbc:DocumentTypeCode>50</);
    expect(xml).not.toContain('cac:ProjectReference');
  });
});

describe('UBL writer edge cases', () => {
  it('writes NA as order ID when only the sales order is known, and reads it back as absent', () => {
    const { purchaseOrderReference: _po, ...rest } = fullInvoice();
    const xml = writeUbl(rest);
    expect(xml).toMatch(
      /<cac:OrderReference>\s*<cbc:ID>NA<\/cbc:ID>\s*<cbc:SalesOrderID>SO-456</,
    );
    expect(readUbl(parseXml(xml).root)).toEqual(rest);
  });

  it('keeps a lone creditor id (BT-90) in the seller identification without inventing a PaymentMeans', () => {
    const { payee: _payee, ...rest } = fullInvoice();
    const model = {
      ...rest,
      paymentInstructions: {
        creditTransfers: [],
        directDebit: { creditorId: 'DE98ZZZ09999999999' },
      },
    };
    const xml = writeUbl(model);
    expect(xml).not.toContain('cac:PaymentMeans');
    expect(xml).toContain(
      '<cbc:ID schemeID="SEPA">DE98ZZZ09999999999</cbc:ID>',
    );
    expect(readUbl(parseXml(xml).root)).toEqual(model);
  });
});

describe('UBL credit note due date', () => {
  it('keeps BT-9 of a credit note without payment instructions in a PaymentMeans with code 1', () => {
    const { paymentInstructions: _p, ...rest } = fullInvoice('credit-note');
    const back = readUbl(parseXml(writeUbl(rest)).root);
    expect(back.dueDate).toBe('2024-03-01');
    expect(back.paymentInstructions).toEqual({
      meansCode: '1',
      creditTransfers: [],
    });
  });
});

describe('UBL reader mappings', () => {
  it('reads note subject codes written as #CODE#text (BT-21/BT-22)', () => {
    const inv = ublOf(
      '<cbc:Note>#AAI#Hello</cbc:Note><cbc:Note>plain #x</cbc:Note>',
    );
    expect(inv.notes).toEqual([
      { subjectCode: 'AAI', text: 'Hello' },
      { text: 'plain #x' },
    ]);
  });

  it('separates the VAT total in accounting currency (BT-111) from BT-110', () => {
    const inv =
      ublOf(`<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode><cbc:TaxCurrencyCode>SEK</cbc:TaxCurrencyCode>
      <cac:TaxTotal><cbc:TaxAmount currencyID="SEK">100.00</cbc:TaxAmount></cac:TaxTotal>
      <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">10.00</cbc:TaxAmount>
        <cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">40</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">10.00</cbc:TaxAmount>
        <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>
      </cac:TaxTotal>`);
    expect(inv.totals.vatTotal?.text).toBe('10.00');
    expect(inv.totals.vatTotalInAccountingCurrency?.text).toBe('100.00');
    expect(inv.vatBreakdown).toEqual([
      expect.objectContaining({ categoryCode: 'S' }),
    ]);
    expect(inv.vatBreakdown[0]?.rate?.text).toBe('25');
  });

  it('collects credit transfers over repeated PaymentMeans and the SEPA creditor id (BT-90)', () => {
    const inv = ublOf(`<cac:AccountingSupplierParty><cac:Party>
        <cac:PartyIdentification><cbc:ID schemeID="SEPA">DE98ZZZ09999999999</cbc:ID></cac:PartyIdentification>
        <cac:PartyIdentification><cbc:ID schemeID="0088">123</cbc:ID></cac:PartyIdentification>
        <cac:PartyLegalEntity><cbc:RegistrationName>S</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
      <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>R1</cbc:PaymentID>
        <cac:PayeeFinancialAccount><cbc:ID>A1</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
      <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
        <cac:PayeeFinancialAccount><cbc:ID>A2</cbc:ID><cbc:Name>N2</cbc:Name><cac:FinancialInstitutionBranch><cbc:ID>BIC2</cbc:ID></cac:FinancialInstitutionBranch></cac:PayeeFinancialAccount></cac:PaymentMeans>`);
    expect(inv.seller.identifiers).toEqual([
      { value: '123', schemeId: '0088' },
    ]);
    expect(inv.paymentInstructions).toEqual({
      meansCode: '30',
      remittanceInformation: 'R1',
      creditTransfers: [
        { accountId: 'A1' },
        { accountId: 'A2', accountName: 'N2', serviceProviderId: 'BIC2' },
      ],
      directDebit: { creditorId: 'DE98ZZZ09999999999' },
    });
  });

  it('reads invoiced object (type 130) apart from supporting documents and keeps base64 without whitespace', () => {
    const inv =
      ublOf(`<cac:AdditionalDocumentReference><cbc:ID schemeID="AAA">OBJ</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>
      <cac:AdditionalDocumentReference><cbc:ID>D1</cbc:ID><cac:Attachment>
        <cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="a.pdf">QUJD
        REVG</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>`);
    expect(inv.invoicedObjectId).toEqual({ value: 'OBJ', schemeId: 'AAA' });
    expect(inv.supportingDocuments).toEqual([
      {
        id: 'D1',
        attachment: {
          contentBase64: 'QUJDREVG',
          mimeCode: 'application/pdf',
          filename: 'a.pdf',
        },
      },
    ]);
  });

  it('tolerates broken fragments: missing parties and amounts give empty values, never a throw', () => {
    const inv = ublOf(
      '<cbc:ID>X</cbc:ID><cac:InvoiceLine><cbc:ID>1</cbc:ID></cac:InvoiceLine>',
    );
    expect(inv.id).toBe('X');
    expect(inv.seller.name).toBe('');
    expect(inv.lines).toHaveLength(1);
    expect(inv.lines[0]?.quantity).toBeUndefined();
  });
});
