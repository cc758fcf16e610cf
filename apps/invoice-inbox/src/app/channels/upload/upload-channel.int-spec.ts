import { assertInfra } from '@hub/testing';
import { AUTH_A, AUTH_B, InboxHarness } from '../../ingest/testing/inbox-harness.fixture';
import { BILLION_LAUGHS_XML, TEST_PNG, XXE_XML, testCii, testEe, testPdf, testUbl } from '../../ingest/testing/test-invoices.fixture';

interface UploadResult {
  documents: { documentId: string; duplicate: boolean; matchedBy: string; state: string }[];
}

/** Channels 2 and 4 (upload, mobile), hostile input, limits and tenancy, through HTTP. */
describe('invoice-inbox: upload and mobile', () => {
  const h = new InboxHarness();

  beforeAll(async () => {
    await assertInfra();
    await h.start({ UPLOAD_MAX_FILE_BYTES: String(256 * 1024), SMTP_INBOUND_ENABLED: 'false' });
  }, 60_000);
  afterAll(() => h.stop());

  const upload = async (...args: Parameters<InboxHarness['upload']>): Promise<UploadResult> => {
    const res = await h.upload(...args);
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as UploadResult;
  };

  it.each([
    ['UBL', (): string => testUbl({ number: 'UP-UBL' }), 'ubl-invoice'],
    ['CII', (): string => testCii({ number: 'UP-CII' }), 'cii'],
    ['Estonian', (): string => testEe({ number: 'UP-EE' }), 'ee'],
  ])('reads an uploaded %s invoice', async (_label, xml, syntax) => {
    const result = await upload('company-a', [{ filename: 'invoice.xml', bytes: Buffer.from(xml()) }]);
    const doc = await h.get(AUTH_A, 'company-a', result.documents[0]?.documentId ?? '');
    expect(doc).toMatchObject({ syntax, channel: 'upload', kind: 'invoice', totalGross: '125.00' });
    expect(doc.invoiceNumber).toMatch(/^UP-/);
  });

  it('reads a Factur-X PDF (embedded XML) and keeps the PDF as the original', async () => {
    const pdf = await testPdf('Invoice FX-1', testCii({ number: 'FX-1' }));
    const result = await upload('company-a', [{ filename: 'FX-1.pdf', bytes: pdf, type: 'application/pdf' }]);
    const doc = await h.get(AUTH_A, 'company-a', result.documents[0]?.documentId ?? '');
    expect(doc).toMatchObject({ invoiceNumber: 'FX-1', syntax: 'cii' });
    expect(doc.files.map((f) => f.role).sort()).toEqual(['embedded-xml', 'rendering']);
  });

  it('keeps a plain image with empty fields for a person, recording the mobile device and user', async () => {
    const result = await upload('company-a', [{ filename: 'receipt.png', bytes: TEST_PNG, type: 'image/png' }], {
      source: 'mobile',
      deviceId: 'iphone-7f3a',
      userId: 'mari@example.com',
      documentType: 'receipt',
    });
    const doc = await h.get(AUTH_A, 'company-a', result.documents[0]?.documentId ?? '');
    expect(doc).toMatchObject({ state: 'needs-attention', channel: 'mobile', kind: 'receipt', invoiceNumber: null });
    expect(doc.findings.map((f) => f.rule)).toContain('INBOX-FIELDS-MISSING');
    expect(doc.receipts[0]?.source).toMatchObject({ deviceId: 'iphone-7f3a', userId: 'mari@example.com' });
    const file = await fetch(`${h.url}${doc.files[0]?.href}`, { headers: AUTH_A });
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(TEST_PNG)).toBe(true);
  });

  it('requires device and user for a mobile upload (400 naming the fields)', async () => {
    const res = await h.upload('company-a', [{ filename: 'r.png', bytes: TEST_PNG }], { source: 'mobile' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fields: { field: string }[] };
    expect(body.fields.map((f) => f.field).sort()).toEqual(['deviceId', 'userId']);
  });

  it.each([
    ['XXE', XXE_XML],
    ['billion laughs', BILLION_LAUGHS_XML],
  ])('stores hostile XML (%s) as a document in needs-attention, without expanding anything', async (_label, xml) => {
    const result = await upload('company-a', [{ filename: 'hostile.xml', bytes: Buffer.from(xml) }]);
    const doc = await h.get(AUTH_A, 'company-a', result.documents[0]?.documentId ?? '');
    expect(doc.state).toBe('needs-attention');
    expect(doc.findings.find((f) => f.rule === 'INBOX-XML-UNREADABLE')?.message).toMatch(/DTD_FORBIDDEN/);
    expect(JSON.stringify(doc)).not.toContain('root:x:0');
  });

  it('refuses an oversized file with 413 and a file of the wrong type with 400 naming it', async () => {
    const big = await h.upload('company-a', [{ filename: 'big.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300 * 1024, 32)]) }]);
    expect(big.status).toBe(413);
    const docx = await h.upload('company-a', [
      { filename: 'ok.xml', bytes: Buffer.from(testUbl({ number: 'BAD-TYPE' })) },
      { filename: 'letter.docx', bytes: Buffer.from('PK\u0003\u0004 not an invoice') },
    ]);
    expect(docx.status).toBe(400);
    const body = (await docx.json()) as { fields: { field: string; errors: string[] }[] };
    expect(body.fields).toEqual([{ field: 'files[1]', errors: [expect.stringContaining('letter.docx')] }]);
    const none = await h.upload('company-a', []);
    expect(none.status).toBe(400);
    const list = await h.list(AUTH_A, 'company-a', 'limit=500');
    expect(list.items.some((d) => d.invoiceNumber === 'BAD-TYPE')).toBe(false);
  });

  it('keeps companies apart: B cannot list, read or download A’s documents', async () => {
    const result = await upload('company-a', [{ filename: 'secret.xml', bytes: Buffer.from(testUbl({ number: 'SECRET-A' })) }]);
    const id = result.documents[0]?.documentId ?? '';
    const doc = await h.get(AUTH_A, 'company-a', id);
    expect((await fetch(`${h.url}/companies/company-a/documents`, { headers: AUTH_B })).status).toBe(403);
    expect((await fetch(`${h.url}/companies/company-a/documents/${id}`, { headers: AUTH_B })).status).toBe(403);
    expect((await fetch(`${h.url}${doc.files[0]?.href}`, { headers: AUTH_B })).status).toBe(403);
    expect((await fetch(`${h.url}/companies/company-b/documents/${id}`, { headers: AUTH_B })).status).toBe(404);
    expect((await fetch(`${h.url}/companies/company-b/documents/${id}/files/${doc.files[0]?.id}`, { headers: AUTH_B })).status).toBe(404);
    expect((await h.upload('company-a', [{ filename: 'x.xml', bytes: Buffer.from(testUbl()) }], {}, AUTH_B)).status).toBe(403);
    const listB = await h.list(AUTH_B, 'company-b');
    expect(listB.items.some((d) => d.id === id)).toBe(false);
    // The same invoice uploaded by B is B's own document, not a duplicate of A's.
    const own = await upload('company-b', [{ filename: 'secret.xml', bytes: Buffer.from(testUbl({ number: 'SECRET-A' })) }], {}, AUTH_B);
    expect(own.documents[0]).toMatchObject({ duplicate: false });
  });

  it('filters the list by state, channel, supplier and needs-attention', async () => {
    const attention = await h.list(AUTH_A, 'company-a', 'needsAttention=true&limit=500');
    expect(attention.items.length).toBeGreaterThan(0);
    expect(attention.items.every((d) => d.state === 'needs-attention')).toBe(true);
    const mobile = await h.list(AUTH_A, 'company-a', 'channel=mobile');
    expect(mobile.items.map((d) => d.channel)).toEqual(['mobile']);
    const supplier = await h.list(AUTH_A, 'company-a', 'supplier=supplier%20o&state=ready');
    expect(supplier.items.length).toBeGreaterThan(0);
    expect(supplier.items.every((d) => d.supplierName === 'Supplier OÜ' && d.state === 'ready')).toBe(true);
    const bad = await fetch(`${h.url}/companies/company-a/documents?state=nonsense`, { headers: AUTH_A });
    expect(bad.status).toBe(400);
  });
});
