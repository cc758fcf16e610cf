import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectToEe } from '../../../../test/roundtrip/ee-binding';
import { fullInvoice } from '../../../../test/roundtrip/fixtures/full-invoice';
import { parseXml } from '../../xml/parse-xml';
import { readEe } from './ee-reader';
import { writeEe } from './ee-writer';

const fixture = readFileSync(
  join(__dirname, '../../../../test/roundtrip/fixtures/ee-two-invoices.xml'),
);

describe('Estonian e-invoice reader', () => {
  const [invoice, credit] = readEe(parseXml(fixture).root);

  it('reads every invoice of a file', () => {
    expect(readEe(parseXml(fixture).root)).toHaveLength(2);
    expect(invoice?.id).toBe('INV-2024-001');
    expect(credit?.id).toBe('CN-2024-001');
  });

  it('maps core EE elements by the binding', () => {
    expect(invoice).toMatchObject({
      invoiceKind: 'invoice',
      typeCode: '380',
      issueDate: '2024-03-01',
      dueDate: '2024-03-15',
      currencyCode: 'EUR',
      buyerReference: 'OSAKOND-7',
      contractReference: 'LEP-2023-17',
      paymentTerms: '14 päeva',
      buyerAccountingReference: '4000',
      invoicingPeriod: { startDate: '2024-02-01', endDate: '2024-02-29' },
    });
    expect(invoice?.seller).toMatchObject({
      name: 'Näidis Müüja OÜ & Partnerid',
      vatId: 'EE100000001',
      legalRegistrationId: { value: '12345678' },
      identifiers: [
        { value: '4740000000017', schemeId: '0088' },
        { value: '12345678', schemeId: '0191' },
      ],
      postalAddress: {
        line1: 'Pikk tn 1',
        line2: 'Kontor 5',
        line3: 'Hoov 2',
        city: 'Tallinn',
        postCode: '10123',
        countrySubdivision: 'Harju maakond',
        countryCode: 'EE',
      },
      contact: {
        name: 'Mari Maasikas',
        telephone: '+372 5555 1234',
        email: 'arved@myyja.example',
      },
    });
    expect(invoice?.totals.totalWithVat?.text).toBe('164.70');
    expect(invoice?.totals.totalWithoutVat?.text).toBe('135.00');
    expect(
      invoice?.vatBreakdown.map((v) => [
        v.categoryCode,
        v.rate?.text,
        v.taxAmount?.text,
      ]),
    ).toEqual([['S', '22', '29.70']]);
  });

  it('maps the EN extensions (InvoiceInformationEN, PartyEN, AdditionEN, ItemEntryEN, AttributeEN)', () => {
    expect(invoice?.notes).toEqual([
      { subjectCode: 'AAI', text: 'Täname ostu eest! <kiire> tarne' },
    ]);
    expect(invoice?.seller.electronicAddress).toEqual({
      value: 'EE100000001',
      schemeId: '9931',
    });
    expect(
      invoice?.allowances.map((a) => [
        a.reasonCode,
        a.amount?.text,
        a.vatCategoryCode,
        a.vatRate?.text,
      ]),
    ).toEqual([['95', '15.00', 'S', '22']]);
    const [l1, l2] = invoice?.lines ?? [];
    expect(l1?.item).toMatchObject({
      name: 'Kohvioad 1 kg',
      standardId: { value: '4740000000031', schemeId: '0160' },
      originCountryCode: 'CO',
    });
    expect(l1?.item.attributes).toEqual([
      { name: 'Röstiaste', value: 'keskmine' },
    ]);
    expect(l1?.price.grossPrice?.text).toBe('12.00');
    expect(l2?.charges.map((c) => [c.reasonCode, c.amount?.text])).toEqual([
      ['FC', '10.00'],
    ]);
    expect(l2?.buyerAccountingReference).toBe('4010');
    expect(invoice?.supportingDocuments[0]?.attachment?.contentBase64).toBe(
      'SGVsbG8sIHdvcmxkIQ==',
    );
  });

  it('maps payment: account, BIC, account name, remittance, direct debit', () => {
    expect(invoice?.paymentInstructions).toEqual({
      meansCode: '30',
      meansText: 'Pangaülekanne',
      remittanceInformation: 'RF18539007547034',
      creditTransfers: [
        {
          accountId: 'EE382200221020145685',
          serviceProviderId: 'HABAEE2X',
          accountName: 'Näidis Müüja OÜ',
        },
      ],
    });
    expect(credit?.invoiceKind).toBe('credit-note');
    expect(credit?.precedingInvoices).toEqual([
      { id: 'INV-2024-001', issueDate: '2024-03-01' },
    ]);
    expect(credit?.paymentInstructions?.directDebit).toEqual({
      mandateReference: '778899',
      creditorId: 'EE12ZZZ123',
      debitedAccountId: 'EE471000001020145685',
    });
  });

  it('re-reads its own output identically (read → write → read)', () => {
    const first = readEe(parseXml(fixture).root);
    const again = readEe(
      parseXml(writeEe(first, { date: '2024-03-01', fileId: 'F1' })).root,
    );
    expect(again).toEqual(first);
  });
});

describe('Estonian e-invoice writer', () => {
  it.each(['invoice', 'credit-note'] as const)(
    'carries every term the binding maps for a full %s',
    (kind) => {
      const model = fullInvoice(kind);
      const back = readEe(parseXml(writeEe([model])).root);
      expect(back).toEqual([projectToEe(model)]);
    },
  );

  it('writes header, many invoices and the footer check sums', () => {
    const xml = writeEe([fullInvoice(), fullInvoice('credit-note')], {
      date: '2024-02-02',
      fileId: 'FILE-1',
      senderId: 'HUB',
      test: true,
    });
    const root = parseXml(xml).root;
    const header = root.children.find((c) => c.local === 'Header');
    expect(header?.children.map((c) => [c.local, c.text])).toEqual([
      ['Test', 'YES'],
      ['Date', '2024-02-02'],
      ['FileId', 'FILE-1'],
      ['Version', '1.2'],
      ['SenderId', 'HUB'],
    ]);
    const footer = root.children.find((c) => c.local === 'Footer');
    expect(footer?.children.map((c) => c.text)).toEqual(['2', '400.00']);
    expect(readEe(root).map((i) => i.invoiceKind)).toEqual([
      'invoice',
      'credit-note',
    ]);
  });
});
