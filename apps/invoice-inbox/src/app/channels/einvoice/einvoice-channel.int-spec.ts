import { createHash } from 'node:crypto';
import { assertInfra } from '@hub/testing';
import { AUTH_A, AUTH_B, InboxHarness } from '../../ingest/testing/inbox-harness.fixture';
import { testPdf, testUbl } from '../../ingest/testing/test-invoices.fixture';

/** Channel 1 through NATS: gateway.document.received.v1 → a document, once. */
describe('invoice-inbox: e-invoices from operators (gateway.document.received.v1)', () => {
  const h = new InboxHarness();

  beforeAll(async () => {
    await assertInfra();
    await h.start();
  }, 60_000);
  afterAll(() => h.stop());

  it('turns a UBL e-invoice with its PDF rendering into one ready document with both originals', async () => {
    const xml = Buffer.from(testUbl({ number: 'EI-1' }));
    const pdf = await testPdf('Invoice EI-1');
    await h.deliverEinvoice('company-a', [
      { filename: 'EI-1.xml', contentType: 'application/xml', bytes: xml },
      { filename: 'EI-1.pdf', contentType: 'application/pdf', bytes: pdf },
    ]);
    const list = await h.waitForList('company-a', (l) => l.items.some((d) => d.invoiceNumber === 'EI-1'), 'EI-1');
    const summary = list.items.find((d) => d.invoiceNumber === 'EI-1');
    expect(summary).toMatchObject({ state: 'ready', channel: 'einvoice', kind: 'invoice', supplierName: 'Supplier OÜ', totalGross: '125.00', receiptCount: 1 });
    const doc = await h.get(AUTH_A, 'company-a', summary?.id ?? '');
    expect(doc.syntax).toBe('ubl-invoice');
    expect(doc.issueDate).toBe('2026-01-15');
    expect(doc.files.map((f) => f.role).sort()).toEqual(['invoice-xml', 'rendering']);
    expect(doc.findings.filter((f) => f.flag === 'fatal')).toEqual([]);
    expect(doc.receipts).toEqual([
      expect.objectContaining({ channel: 'einvoice', matchedBy: 'new', source: expect.objectContaining({ operator: 'sandbox', receiverEndpointId: '0088:7300010000025' }) }),
    ]);
    expect(doc.transitions.map((t) => `${t.from}->${t.to}`)).toEqual(['null->received', 'received->ready']);

    const xmlFile = doc.files.find((f) => f.role === 'invoice-xml');
    const res = await fetch(`${h.url}${xmlFile?.href}`, { headers: AUTH_A });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml');
    const sha = createHash('sha256').update(xml).digest('hex');
    expect(res.headers.get('etag')).toBe(`"${sha}"`);
    expect(Buffer.from(await res.arrayBuffer()).equals(xml)).toBe(true);
    const cached = await fetch(`${h.url}${xmlFile?.href}`, { headers: { ...AUTH_A, 'if-none-match': `"${sha}"` } });
    expect(cached.status).toBe(304);
  });

  it('records the same invoice delivered twice by the operator (new message ids) as one document with two receipts', async () => {
    const xml = Buffer.from(testUbl({ number: 'EI-2' }));
    await h.deliverEinvoice('company-a', [{ filename: 'a.xml', contentType: 'application/xml', bytes: xml }], { operatorDocumentId: 'op-2' });
    await h.deliverEinvoice('company-a', [{ filename: 'a.xml', contentType: 'application/xml', bytes: xml }], { operatorDocumentId: 'op-2' });
    const list = await h.waitForList('company-a', (l) => l.items.some((d) => d.invoiceNumber === 'EI-2' && d.receiptCount === 2), 'two receipts');
    expect(list.items.filter((d) => d.invoiceNumber === 'EI-2')).toHaveLength(1);
    const doc = await h.get(AUTH_A, 'company-a', list.items.find((d) => d.invoiceNumber === 'EI-2')?.id ?? '');
    // The two deliveries may be handled in parallel: either can be the one that created the document.
    expect(doc.receipts.map((r) => r.matchedBy).sort()).toEqual(['fingerprint', 'new']);
  });

  it('keeps a batch of deliveries apart per company and settles copies within the batch, every original byte for byte', async () => {
    const xmls = Array.from({ length: 6 }, (_, i) => Buffer.from(testUbl({ number: `EI-B${i}` })));
    const file = (bytes: Buffer, i: number) => [{ filename: `b${i}.xml`, contentType: 'application/xml', bytes }];
    // Published at once, so they share consumer transactions: six invoices for A, the same six
    // for B (same bytes, other company), and a second copy of each of A's.
    await Promise.all([
      ...xmls.map((x, i) => h.deliverEinvoice('company-a', file(x, i))),
      ...xmls.map((x, i) => h.deliverEinvoice('company-b', file(x, i))),
      ...xmls.map((x, i) => h.deliverEinvoice('company-a', file(x, i))),
    ]);
    const isBatch = (n: string | null) => n?.startsWith('EI-B') ?? false;
    const a = await h.waitForList('company-a', (l) => l.items.filter((d) => isBatch(d.invoiceNumber) && d.receiptCount === 2).length === 6, "A's six invoices, two receipts each");
    const b = await h.waitForList('company-b', (l) => l.items.filter((d) => isBatch(d.invoiceNumber)).length === 6, "B's six invoices");
    expect(a.items.filter((d) => isBatch(d.invoiceNumber))).toHaveLength(6);
    expect(b.items.filter((d) => isBatch(d.invoiceNumber)).map((d) => d.receiptCount)).toEqual([1, 1, 1, 1, 1, 1]);
    for (const [company, auth, list] of [['company-a', AUTH_A, a], ['company-b', AUTH_B, b]] as const) {
      for (const summary of list.items.filter((d) => isBatch(d.invoiceNumber))) {
        const doc = await h.get(auth, company, summary.id);
        const xml = xmls[Number(summary.invoiceNumber?.slice('EI-B'.length))] as Buffer;
        const res = await fetch(`${h.url}${doc.files[0]?.href}`, { headers: auth });
        expect(Buffer.from(await res.arrayBuffer()).equals(xml)).toBe(true);
      }
    }
  });

  it('puts an invoice with fatal validation findings in needs-attention, keeping the findings', async () => {
    const broken = testUbl({ number: 'EI-3' }).replace('<cbc:PayableAmount currencyID="EUR">125.00</cbc:PayableAmount>', '<cbc:PayableAmount currencyID="EUR">999.00</cbc:PayableAmount>');
    await h.deliverEinvoice('company-a', [{ filename: 'broken.xml', contentType: 'application/xml', bytes: Buffer.from(broken) }]);
    const list = await h.waitForList('company-a', (l) => l.items.some((d) => d.invoiceNumber === 'EI-3'), 'EI-3');
    const summary = list.items.find((d) => d.invoiceNumber === 'EI-3');
    expect(summary?.state).toBe('needs-attention');
    const doc = await h.get(AUTH_A, 'company-a', summary?.id ?? '');
    expect(doc.findings.some((f) => f.source === 'validator' && f.flag === 'fatal')).toBe(true);
  });
});
