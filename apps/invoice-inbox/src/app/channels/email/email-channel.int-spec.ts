import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createTransport } from 'nodemailer';
import { assertInfra } from '@hub/testing';
import { AUTH_A, AUTH_B, InboxHarness } from '../../ingest/testing/inbox-harness.fixture';
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

  it("records only the company's own address on its receipt when one mail goes to several companies", async () => {
    const addressB = ((await (await fetch(`${h.url}/companies/company-b/inbound-address`, { headers: AUTH_B })).json()) as { address: string }).address;
    expect(addressB).not.toBe(address);
    await send(`${address}, ${addressB}`, [{ filename: 'SHARED-1.xml', content: Buffer.from(testUbl({ number: 'SHARED-1' })), contentType: 'application/xml' }]);
    const listA = await h.waitForList('company-a', (l) => l.items.some((d) => d.invoiceNumber === 'SHARED-1'), 'SHARED-1 at company-a');
    const listB = await h.waitForList('company-b', (l) => l.items.some((d) => d.invoiceNumber === 'SHARED-1'), 'SHARED-1 at company-b');
    const docA = await h.get(AUTH_A, 'company-a', listA.items.find((d) => d.invoiceNumber === 'SHARED-1')?.id ?? '');
    const docB = await h.get(AUTH_B, 'company-b', listB.items.find((d) => d.invoiceNumber === 'SHARED-1')?.id ?? '');
    expect(docA.receipts.map((r) => r.source['to'])).toEqual([address]);
    expect(docB.receipts.map((r) => r.source['to'])).toEqual([addressB]);
    expect(JSON.stringify(docA)).not.toContain(addressB);
    expect(JSON.stringify(docB)).not.toContain(address);
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

/** SIZE is only advertised: the receiver itself must stop holding a mail past MAIL_MAX_BYTES. */
describe('invoice-inbox: e-mail channel size limit', () => {
  const LIMIT = 1024 * 1024;
  const h = new InboxHarness();
  let address = '';
  // Full collections before each sample (two: buffers are freed after the sweep), so only
  // memory still referenced is counted.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heldBytes = (): number => {
    gc();
    gc();
    return process.memoryUsage().arrayBuffers;
  };

  beforeAll(async () => {
    await assertInfra();
    await h.start({ SMTP_INBOUND_ENABLED: 'true', SMTP_INBOUND_PORT: '0', SMTP_INBOUND_HOST: '127.0.0.1', MAIL_MAX_BYTES: String(LIMIT) });
    address = ((await (await fetch(`${h.url}/companies/company-a/inbound-address`, { headers: AUTH_A })).json()) as { address: string }).address;
  }, 60_000);
  afterAll(() => h.stop());

  const transport = (): ReturnType<typeof createTransport> =>
    createTransport({ host: '127.0.0.1', port: h.service.app.get(SmtpInboundServer).port, secure: false, ignoreTLS: true });

  it('refuses an oversized mail with 552 without buffering it, and stores nothing', async () => {
    const total = 48 * LIMIT;
    const line = Buffer.from(`${'x'.repeat(76)}\r\n`);
    const chunk = Buffer.concat(Array.from({ length: 800 }, () => line));
    const header = Buffer.from(`From: big@supplier.example\r\nTo: ${address}\r\nSubject: huge\r\nContent-Type: text/plain\r\n\r\n`);
    const baseline = heldBytes();
    let sent = 0;
    let peak = 0;
    let nextSample = 8 * LIMIT;
    const raw = new Readable({
      read() {
        if (sent === 0) this.push(header);
        if (sent >= total) {
          this.push(null);
          return;
        }
        sent += chunk.length;
        if (sent >= nextSample) {
          nextSample += 8 * LIMIT;
          peak = Math.max(peak, heldBytes() - baseline);
        }
        this.push(chunk);
      },
    });
    await expect(transport().sendMail({ envelope: { from: 'big@supplier.example', to: [address] }, raw })).rejects.toMatchObject({
      responseCode: 552,
      response: expect.stringContaining(`Message too big: at most ${LIMIT} bytes`),
    });
    expect(sent).toBeGreaterThanOrEqual(total);
    // The receiver held at most about the limit, not the tens of megabytes that went through it.
    expect(peak).toBeLessThan(8 * LIMIT);
    expect((await h.list(AUTH_A, 'company-a')).total).toBe(0);
  }, 60_000);

  it('still takes a mail under the limit afterwards', async () => {
    await transport().sendMail({
      from: 'billing@supplier.example',
      to: address,
      subject: 'small',
      attachments: [{ filename: 'SMALL-1.xml', content: Buffer.from(testUbl({ number: 'SMALL-1' })), contentType: 'application/xml' }],
    });
    await h.waitForList('company-a', (l) => l.items.some((d) => d.invoiceNumber === 'SMALL-1'), 'SMALL-1');
  });
});
