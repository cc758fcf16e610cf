import { hash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { TEST_TOKENS, assertInfra, waitFor } from '@hub/testing';
import { SmtpInboundServer } from '../channels/email/smtp-inbound.server';
import { InvalidTransitionError } from '../documents/document-state';
import { DocumentsRepository } from '../documents/documents.repository';
import { AUTH_A, InboxHarness } from './testing/inbox-harness.fixture';
import { TEST_PNG, testPdf, testUbl } from './testing/test-invoices.fixture';

interface UploadResult {
  documents: { documentId: string; duplicate: boolean; matchedBy: string }[];
}

/** Cross-channel duplicates, races, and the receipt-vs-invoice rule, with the real Postgres, NATS and SMTP. */
describe('invoice-inbox: one document per invoice, however it arrives', () => {
  const h = new InboxHarness();

  beforeAll(async () => {
    await assertInfra();
    await h.start({ SMTP_INBOUND_ENABLED: 'true', SMTP_INBOUND_PORT: '0', SMTP_INBOUND_HOST: '127.0.0.1' });
  }, 60_000);
  afterAll(() => h.stop());

  const uploadJson = async (files: Parameters<InboxHarness['upload']>[1], fields: Record<string, string> = {}): Promise<UploadResult> => {
    const res = await h.upload('company-a', files, fields);
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as UploadResult;
  };

  it('merges the same invoice by e-invoice, by e-mail (as Factur-X) and by upload into one document with three receipts', async () => {
    await h.deliverEinvoice('company-a', [{ filename: 'X-1.xml', contentType: 'application/xml', bytes: Buffer.from(testUbl({ number: 'X-1' })) }]);
    const first = await h.waitForList('company-a', (l) => l.items.some((d) => d.invoiceNumber === 'X-1'), 'X-1 by e-invoice');
    const id = first.items.find((d) => d.invoiceNumber === 'X-1')?.id ?? '';

    const address = ((await (await fetch(`${h.url}/companies/company-a/inbound-address`, { headers: AUTH_A })).json()) as { address: string }).address;
    const transport = createTransport({ host: '127.0.0.1', port: h.service.app.get(SmtpInboundServer).port, secure: false, ignoreTLS: true });
    // The supplier's own PDF with the invoice embedded as CII: other bytes, same invoice.
    const { testCii } = await import('./testing/test-invoices.fixture');
    await transport.sendMail({ from: 'b@supplier.example', to: address, subject: 'X-1', attachments: [{ filename: 'X-1.pdf', content: await testPdf('X-1', testCii({ number: 'X-1' })) }] });

    const uploaded = await uploadJson([{ filename: 'again.xml', bytes: Buffer.from(testUbl({ number: 'X-1' })) }]);
    expect(uploaded.documents[0]).toMatchObject({ documentId: id, duplicate: true, matchedBy: 'fingerprint' });

    const doc = await waitFor(async () => {
      const d = await h.get(AUTH_A, 'company-a', id);
      return d.receipts.length === 3 ? d : undefined;
    }, 15_000, 'three receipts');
    expect(doc.receipts.map((r) => r.channel).sort()).toEqual(['einvoice', 'email', 'upload']);
    expect(doc.receipts.map((r) => r.matchedBy).sort()).toEqual(['fingerprint', 'fingerprint', 'new']);
    // The e-mailed PDF is kept as well (byte for byte), the re-uploaded identical XML is not stored twice.
    expect(doc.files.map((f) => f.role).sort()).toEqual(['embedded-xml', 'invoice-xml', 'rendering']);
    const list = await h.list(AUTH_A, 'company-a', 'limit=500');
    expect(list.items.filter((d) => d.invoiceNumber === 'X-1')).toHaveLength(1);
  });

  it('settles parallel deliveries of the same invoice (8 uploads + 8 events at once) into one document', async () => {
    const xml = Buffer.from(testUbl({ number: 'RACE-1' }));
    const uploads = Array.from({ length: 8 }, () => uploadJson([{ filename: 'race.xml', bytes: xml }]));
    const events = Array.from({ length: 8 }, () => h.deliverEinvoice('company-a', [{ filename: 'race.xml', contentType: 'application/xml', bytes: xml }]));
    const results = await Promise.all(uploads);
    await Promise.all(events);
    const ids = new Set(results.map((r) => r.documents[0]?.documentId));
    expect(ids.size).toBe(1);
    const list = await h.waitForList('company-a', (l) => l.items.some((d) => d.invoiceNumber === 'RACE-1' && d.receiptCount === 16), '16 receipts');
    expect(list.items.filter((d) => d.invoiceNumber === 'RACE-1')).toHaveLength(1);
  });

  it('never mistakes a receipt, a credit note or another number for a second copy of an invoice', async () => {
    const invoice = await uploadJson([{ filename: 'inv.xml', bytes: Buffer.from(testUbl({ number: 'R-1' })) }]);
    // Same seller, number, date and amount, but declared a receipt (a till slip of the same purchase).
    const receipt = await uploadJson([{ filename: 'slip.xml', bytes: Buffer.from(testUbl({ number: 'R-1' }).replace('<cbc:BuyerReference>PO-77', '<cbc:BuyerReference>PO-78')) }], {
      documentType: 'receipt',
    });
    const credit = await uploadJson([{ filename: 'cn.xml', bytes: Buffer.from(testUbl({ number: 'R-1', typeCode: '381' })) }]);
    const other = await uploadJson([{ filename: 'inv2.xml', bytes: Buffer.from(testUbl({ number: 'R-2' })) }]);
    const scan = await uploadJson([{ filename: 'photo.png', bytes: TEST_PNG }], { documentType: 'receipt' });
    const ids = [invoice, receipt, credit, other].map((r) => r.documents[0]?.documentId);
    expect(new Set(ids).size).toBe(4);
    for (const r of [receipt, credit, other]) expect(r.documents[0]?.duplicate).toBe(false);
    // A scan is matched only by its bytes: the same photo again is a duplicate, by sha256.
    const scanAgain = await uploadJson([{ filename: 'photo-again.png', bytes: TEST_PNG }], { documentType: 'receipt' });
    expect(scanAgain.documents[0]).toMatchObject({ documentId: scan.documents[0]?.documentId, duplicate: true, matchedBy: 'sha256' });
  });

  it('does not merge two invoices because they share an attachment such as the terms and conditions', async () => {
    const terms = await testPdf('General terms and conditions');
    const a = await uploadJson([{ filename: 'T-1.xml', bytes: Buffer.from(testUbl({ number: 'T-1' })) }, { filename: 'terms.pdf', bytes: terms }]);
    const b = await uploadJson([{ filename: 'T-2.xml', bytes: Buffer.from(testUbl({ number: 'T-2' })) }, { filename: 'terms.pdf', bytes: terms }]);
    expect(b.documents[0]?.duplicate).toBe(false);
    expect(b.documents[0]?.documentId).not.toBe(a.documents[0]?.documentId);
  });

  it('moves documents only along the state machine and records every transition', async () => {
    const created = await uploadJson([{ filename: 'sm.xml', bytes: Buffer.from(testUbl({ number: 'SM-1' })) }]);
    const id = created.documents[0]?.documentId ?? '';
    const repo = h.service.app.get(DocumentsRepository);
    const ds = h.service.app.get(DataSource);
    await expect(ds.transaction((m) => repo.transition(m, 'company-a', id, 'published', { actor: 'test' }))).rejects.toBeInstanceOf(InvalidTransitionError);
    await ds.transaction((m) => repo.transition(m, 'company-a', id, 'approved', { actor: 'user:mari', reason: 'looks right' }));
    await expect(ds.transaction((m) => repo.transition(m, 'company-b', id, 'published', { actor: 'test' }))).rejects.toThrow(/does not exist/);
    const doc = await h.get(AUTH_A, 'company-a', id);
    expect(doc.state).toBe('approved');
    // The uploader is recorded as `token:<id>`, the id being the first 8 hex digits of the token's SHA-256.
    const uploader = `token:${hash('sha256', TEST_TOKENS.companyA, 'hex').slice(0, 8)}`;
    expect(uploader).toMatch(/^token:[0-9a-f]{8}$/);
    expect(doc.transitions.map((t) => `${t.from}->${t.to}:${t.actor}`)).toEqual([`null->received:${uploader}`, 'received->ready:system', 'ready->approved:user:mari']);
  });
});
