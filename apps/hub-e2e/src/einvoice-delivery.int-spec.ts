import { TEST_TOKENS, assertInfra, dropSchema, dropStreams, testUbl, uniqueName, waitFor } from '@hub/testing';
import { portFor, runJob, type ServiceProcess, serviceEnv, startService } from './service-process';

const SERVICES = ['operator-gateway', 'invoice-inbox'] as const;
const KEY = 'sandbox-demo-key';
const A = { authorization: `Bearer ${TEST_TOKENS.companyA}`, 'content-type': 'application/json' };
const B = { authorization: `Bearer ${TEST_TOKENS.companyB}`, 'content-type': 'application/json' };

/**
 * Channel 1 through the built services as separate processes: the gateway's sandbox
 * operator holds documents; the gateway fetches them, routes each by its receiver
 * endpoint and publishes it; invoice-inbox lists the e-invoice for the right company and
 * registers the platform-issued sales invoice once.
 */
describe('e-invoices and platform sales invoices from operators, operator-gateway → invoice-inbox', () => {
  const prefix = uniqueName();
  const running: Record<string, ServiceProcess> = {};
  const sandboxPort = portFor(7);
  const sandbox = `http://127.0.0.1:${sandboxPort}`;

  beforeAll(async () => {
    await assertInfra();
    const envs: Record<string, NodeJS.ProcessEnv> = {
      'operator-gateway': serviceEnv('operator-gateway', prefix, portFor(0), {
        SANDBOX_OPERATOR_KEYS: KEY,
        SANDBOX_OPERATOR_PORT: String(sandboxPort),
        INBOUND_POLL_INTERVAL_MS: '0',
      }),
      'invoice-inbox': serviceEnv('invoice-inbox', prefix, portFor(1)),
    };
    for (const name of SERVICES) {
      runJob(name, 'migrate', envs[name] as NodeJS.ProcessEnv);
      runJob(name, 'provision', envs[name] as NodeJS.ProcessEnv);
    }
    for (const name of SERVICES) running[name] = await startService(name, envs[name] as NodeJS.ProcessEnv);

    const gw = running['operator-gateway']?.url ?? '';
    for (const [company, headers, endpoints] of [
      ['company-a', A, ['0088:7300010000025', 'platform-acc-a']],
      ['company-b', B, ['0088:7300010000099']],
    ] as const) {
      await fetch(`${gw}/companies/${company}/operators/sandbox/key`, { method: 'PUT', headers, body: JSON.stringify({ key: KEY }) });
      const reg = await fetch(`${gw}/companies/${company}/registrations`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ services: ['receive-supplier-einvoices', 'send-sales-einvoices'], operators: ['sandbox'], endpoints }),
      });
      expect(reg.status).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    for (const s of Object.values(running)) await s.stop('SIGKILL');
    for (const name of SERVICES) await dropSchema(`${prefix}_${name.replace(/-/g, '_')}`);
    await dropStreams(prefix);
  });

  const queue = async (path: string, body: unknown): Promise<string> => {
    const res = await fetch(`${sandbox}${path}`, { method: 'POST', headers: { 'x-api-key': KEY, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const sandboxStatus = async (id: string): Promise<{ status: string; ackCount: number }> =>
    (await (await fetch(`${sandbox}/sandbox/documents/${id}`, { headers: { 'x-api-key': KEY } })).json()) as { status: string; ackCount: number };
  const fetchNow = async (company: 'company-a' | 'company-b'): Promise<void> => {
    const res = await fetch(`${running['operator-gateway']?.url}/companies/${company}/inbound/fetch`, { method: 'POST', headers: company === 'company-a' ? A : B });
    expect(res.status).toBe(200);
  };
  const inbox = async (company: 'company-a' | 'company-b', path: string): Promise<unknown> =>
    (await fetch(`${running['invoice-inbox']?.url}/companies/${company}${path}`, { headers: company === 'company-a' ? A : B })).json();

  it('delivers a UBL invoice queued at the sandbox to the inbox of the company that owns the receiver endpoint', async () => {
    const id = await queue('/sandbox/documents', {
      receiverEndpointId: '7300010000025',
      receiverScheme: '0088',
      xmlBase64: Buffer.from(testUbl({ number: 'E2E-1', buyerEndpoint: '7300010000025' })).toString('base64'),
      filename: 'E2E-1.xml',
    });
    // Company B's fetch takes the document over, but it goes to company A (its endpoint).
    await fetchNow('company-b');
    const list = await waitFor(async () => {
      const l = (await inbox('company-a', '/documents')) as { items: { invoiceNumber: string | null; channel: string; state: string }[] };
      return l.items.some((d) => d.invoiceNumber === 'E2E-1') ? l : undefined;
    }, 20_000, 'the inbox to list E2E-1 for company-a');
    expect(list.items.filter((d) => d.invoiceNumber === 'E2E-1')).toEqual([expect.objectContaining({ channel: 'einvoice', state: 'ready' })]);
    expect(((await inbox('company-b', '/documents')) as { items: unknown[] }).items).toEqual([]);
    expect(await sandboxStatus(id)).toMatchObject({ status: 'ACKNOWLEDGED', ackCount: 1 });

    // The operator delivers it again (its ack got lost): acknowledged, not passed on again.
    await fetch(`${sandbox}/sandbox/documents/${id}/redeliver`, { method: 'POST', headers: { 'x-api-key': KEY } });
    await fetchNow('company-a');
    expect(await sandboxStatus(id)).toMatchObject({ status: 'ACKNOWLEDGED', ackCount: 2 });
    await new Promise((r) => setTimeout(r, 1500));
    const after = (await inbox('company-a', '/documents')) as { items: { invoiceNumber: string | null; receiptCount: number }[] };
    expect(after.items.filter((d) => d.invoiceNumber === 'E2E-1')).toEqual([expect.objectContaining({ receiptCount: 1 })]);
  });

  it("lands a platform-issued sales invoice in the company's sales-invoice register exactly once", async () => {
    const invoice = {
      invoice_uuid: '0b8f8a52-2f7e-4d61-9a36-5b1f3e0f1c11',
      invoice_number: 'S-E2E-1',
      platform_id: 'platform-acc-a',
      invoice_date: '2026-01-20',
      currency_code: 'EUR',
      customer: { name: 'Customer AS', registration_code: '12345678' },
      net_amount: '100.00',
      vat_amount: '22.00',
      gross_amount: '122.00',
      invoice_lines: [{ service_name: 'Consulting', service_quantity: '1', service_price: '100.00', service_vat: '22', net_amount: '100.00' }],
    };
    const first = await queue('/sandbox/sales-invoices', invoice);
    await fetchNow('company-a');
    // The platform delivers the same invoice again under a new message id.
    await queue('/sandbox/sales-invoices', invoice);
    await fetchNow('company-a');
    await fetch(`${sandbox}/sandbox/documents/${first}/redeliver`, { method: 'POST', headers: { 'x-api-key': KEY } });
    await fetchNow('company-a');

    const register = await waitFor(async () => {
      const rows = (await inbox('company-a', '/erp/sales-invoices?invoiceNumber=S-E2E-1')) as { deliveries: number }[];
      return rows[0]?.deliveries === 2 ? rows : undefined;
    }, 20_000, 'the register to count both platform deliveries');
    expect(register).toEqual([expect.objectContaining({ invoiceNumber: 'S-E2E-1', platformId: 'platform-acc-a', grossAmount: expect.stringMatching(/^122\.0+$/) })]);
    // The redelivered message id was acknowledged at the operator, not passed on a third time.
    expect(await sandboxStatus(first)).toMatchObject({ status: 'ACKNOWLEDGED', ackCount: 2 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await inbox('company-a', '/erp/sales-invoices?invoiceNumber=S-E2E-1')).toEqual([expect.objectContaining({ deliveries: 2 })]);
    expect(await inbox('company-b', '/erp/sales-invoices')).toEqual([]);
  });
});
