import { createTransport } from 'nodemailer';
import { assertInfra } from '@hub/testing';
import { AUTH_A, InboxHarness } from '../../ingest/testing/inbox-harness.fixture';
import { TEST_PNG, testPdf, testUbl } from '../../ingest/testing/test-invoices.fixture';
import { SmtpInboundServer } from './smtp-inbound.server';

interface Attachment {
  filename: string;
  content: Buffer;
  contentType?: string;
}

/** Channel 3 through real SMTP: nodemailer → the service's SMTP receiver. */
describe('invoice-inbox: e-mail channel', () => {
  const h = new InboxHarness();
  let address = '';

  beforeAll(async () => {
    await assertInfra();
    await h.start({ SMTP_INBOUND_ENABLED: 'true', SMTP_INBOUND_PORT: '0', SMTP_INBOUND_HOST: '127.0.0.1' });
    const res = await fetch(`${h.url}/companies/company-a/inbound-address`, { headers: AUTH_A });
    address = ((await res.json()) as { address: string }).address;
  }, 60_000);
  afterAll(() => h.stop());

  const send = (to: string, attachments: Attachment[], subject = 'Invoice'): Promise<unknown> => {
    const transport = createTransport({ host: '127.0.0.1', port: h.service.app.get(SmtpInboundServer).port, secure: false, ignoreTLS: true });
    return transport.sendMail({ from: 'billing@supplier.example', to, subject, text: 'Please find the invoice attached.', attachments });
  };

  it('gives every company an address of its own, stable until rotated', async () => {
    expect(address).toMatch(/^company-a\.[a-z2-9]{10}@inbox\.hub\.localhost$/);
    const again = (await (await fetch(`${h.url}/companies/company-a/inbound-address`, { headers: AUTH_A })).json()) as { address: string };
    expect(again.address).toBe(address);
  });

  it('turns an XML and its PDF rendering in one mail into ONE document with two files', async () => {
    await send(address, [
      { filename: 'INV-M1.xml', content: Buffer.from(testUbl({ number: 'M-1' })), contentType: 'application/xml' },
      { filename: 'INV-M1.pdf', content: await testPdf('Invoice M-1'), contentType: 'application/pdf' },
    ]);
    const list = await h.waitForList('company-a', (l) => l.items.some((d) => d.invoiceNumber === 'M-1'), 'M-1');
    expect(list.items.filter((d) => d.invoiceNumber === 'M-1')).toHaveLength(1);
    const doc = await h.get(AUTH_A, 'company-a', list.items.find((d) => d.invoiceNumber === 'M-1')?.id ?? '');
    expect(doc).toMatchObject({ channel: 'email', state: 'ready' });
    expect(doc.files.map((f) => f.role).sort()).toEqual(['invoice-xml', 'rendering']);
    expect(doc.receipts[0]?.source).toMatchObject({ from: 'billing@supplier.example', subject: 'Invoice' });
  });

  it('makes separate documents of separate scans in one mail', async () => {
    const before = (await h.list(AUTH_A, 'company-a', 'channel=email&limit=500')).total;
    await send(address, [
      { filename: 'scan-1.pdf', content: await testPdf('Scan one') },
      { filename: 'photo.png', content: TEST_PNG },
    ]);
    await h.waitForList('company-a', (l) => l.items.filter((d) => d.channel === 'email').length === before + 2, 'two scans');
  });

  it('bounces a mail without a usable attachment, saying why (550 at DATA)', async () => {
    await expect(send(address, [])).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('No invoice found') });
    await expect(send(address, [{ filename: 'notes.docx', content: Buffer.from('PK\u0003\u0004...') }])).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringContaining('notes.docx (not XML, PDF, JPEG or PNG)'),
    });
  });

  it('refuses unknown recipients at RCPT time, and the old address after a rotation', async () => {
    await expect(send('nobody.abcdefghij@inbox.hub.localhost', [{ filename: 'a.xml', content: Buffer.from(testUbl()) }])).rejects.toMatchObject({
      code: 'EENVELOPE',
      responseCode: 550,
    });
    const rotated = (await (await fetch(`${h.url}/companies/company-a/inbound-address/rotate`, { method: 'POST', headers: AUTH_A })).json()) as {
      address: string;
      previous: string;
    };
    expect(rotated.previous).toBe(address);
    expect(rotated.address).not.toBe(address);
    await expect(send(address, [{ filename: 'a.xml', content: Buffer.from(testUbl({ number: 'OLD' })) }])).rejects.toMatchObject({ responseCode: 550 });
    await send(rotated.address, [{ filename: 'a.xml', content: Buffer.from(testUbl({ number: 'NEW-ADDR' })) }]);
    await h.waitForList('company-a', (l) => l.items.some((d) => d.invoiceNumber === 'NEW-ADDR'), 'mail to the new address');
    address = rotated.address;
  });
});
