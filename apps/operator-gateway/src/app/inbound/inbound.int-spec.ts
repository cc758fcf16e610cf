import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  TEST_NATS_URL,
  TEST_TOKENS,
  assertInfra,
  dropSchema,
  dropStreams,
  queryTest,
  startTestService,
  type TestService,
  uniqueName,
  waitFor,
} from '@hub/testing';
import { operatorGateway } from '../operator-gateway.service';
import type { OperatorGatewayEnv } from '../operator-gateway.env';
import { SandboxOperatorServer } from '../operators/sandbox/sandbox-operator.server';

const KEY = 'sandbox-demo-key';
/** Company B's own account at the sandbox: it owns B's endpoints, not A's. */
const KEY_B = 'company-b-sandbox-key';
const SANDBOX_ENV = {
  SANDBOX_OPERATOR_KEYS: `${KEY},${KEY_B}`,
  SANDBOX_OPERATOR_ENDPOINTS: `${KEY}=0088:7300010000025,platform-acc-a;${KEY_B}=0088:7300010000099,0088:7300099999999`,
};
const A = { authorization: `Bearer ${TEST_TOKENS.companyA}`, 'content-type': 'application/json' };
const B = { authorization: `Bearer ${TEST_TOKENS.companyB}`, 'content-type': 'application/json' };
const ADMIN = { authorization: `Bearer ${TEST_TOKENS.admin}`, 'content-type': 'application/json' };

const UBL = (n: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>${n}</ID></Invoice>`;

interface Outcome {
  operatorDocumentId: string;
  outcome: string;
  companyId?: string;
  acked?: boolean;
  reason?: string;
}
interface FetchRun {
  connections: number;
  documents: Outcome[];
  otherDocuments: number;
  errors: unknown[];
}

/** Inbound delivery through the real Postgres and NATS, with the built-in sandbox operator. */
describe('operator-gateway: inbound documents from operators', () => {
  const prefix = uniqueName();
  const schema = `${prefix}_gateway`;
  let svc: TestService<OperatorGatewayEnv>;
  let sandbox: SandboxOperatorServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  const api = async (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> =>
    fetch(`${svc.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const fetchNow = async (company: 'company-a' | 'company-b', headers = company === 'company-a' ? A : B): Promise<FetchRun> => {
    const res = await api('POST', `/companies/${company}/inbound/fetch`, headers);
    expect(res.status).toBe(200);
    return (await res.json()) as FetchRun;
  };
  const queue = async (body: unknown, path = '/sandbox/documents'): Promise<string> => {
    const res = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'x-api-key': KEY, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  /** Events of one subject on the GATEWAY stream, read back from NATS. */
  const onStream = async (subject: string): Promise<Record<string, unknown>[]> => {
    const stream = `${prefix.toUpperCase()}_GATEWAY`;
    const info = await jsm.streams.info(stream);
    const events: Record<string, unknown>[] = [];
    for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(stream, { seq });
      if (m?.subject === `${prefix}.${subject}`) events.push(m.json<Record<string, unknown>>());
    }
    return events;
  };
  const eventsFor = async (subject: string, operatorDocumentId: string, key = 'operatorDocumentId'): Promise<Record<string, unknown>[]> =>
    (await onStream(subject)).filter((e) => e[key] === operatorDocumentId);
  const outboxRows = async (subject: string): Promise<{ company_id: string; payload: Record<string, unknown> }[]> =>
    queryTest(`SELECT company_id, payload FROM "${schema}".outbox_message WHERE subject = $1`, [subject]);

  beforeAll(async () => {
    await assertInfra();
    svc = await startTestService(operatorGateway, { prefix, schema, env: { INBOUND_POLL_INTERVAL_MS: '0', ...SANDBOX_ENV } });
    sandbox = svc.app.get(SandboxOperatorServer);
    nc = await connect({ servers: TEST_NATS_URL });
    jsm = await jetstreamManager(nc);
    for (const [company, headers, key, endpoints] of [
      ['company-a', A, KEY, ['0088:7300010000025', 'platform-acc-a']],
      ['company-b', B, KEY_B, ['0088:7300010000099']],
    ] as const) {
      expect((await api('PUT', `/companies/${company}/operators/sandbox/key`, headers, { key })).status).toBe(200);
      const reg = await api('POST', `/companies/${company}/registrations`, headers, { services: ['receive-supplier-einvoices'], operators: ['sandbox'], endpoints });
      expect(reg.status).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await svc?.close();
    await dropSchema(schema);
    await dropStreams(prefix);
  });

  it('records the endpoints a company registered, and refuses another company claiming one the operator does not confirm for its key', async () => {
    const listed = (await (await api('GET', '/companies/company-a/endpoints', A)).json()) as { endpointId: string }[];
    expect(listed.map((e) => e.endpointId)).toEqual(['0088:7300010000025', 'platform-acc-a']);
    const claim = await api('POST', '/companies/company-b/registrations', B, { services: ['receive-supplier-einvoices'], operators: ['sandbox'], endpoints: ['0088:7300010000025'] });
    expect(claim.status).toBe(201);
    const body = (await claim.json()) as { active: boolean; endpoints: { endpointId: string; claimed: boolean; message: string }[] }[];
    expect(body).toEqual([
      expect.objectContaining({
        active: true,
        endpoints: [{ endpointId: '0088:7300010000025', claimed: false, message: expect.stringMatching(/registered to another company.*did not confirm/) }],
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain('company-a');
    expect(await (await api('GET', '/endpoints/sandbox/0088:7300010000025', ADMIN)).json()).toMatchObject({ companyId: 'company-a' });
  });

  it('routes a delivered e-invoice to the company of the receiver endpoint (not the caller), emits it, then acks', async () => {
    const xml = Buffer.from(UBL('EI-1'));
    const pdf = Buffer.from('%PDF-1.4 test rendering');
    const id = await queue({ receiverEndpointId: '7300010000025', receiverScheme: '0088', xmlBase64: xml.toString('base64'), pdfBase64: pdf.toString('base64'), filename: 'EI-1.xml' });

    // Company B's poll happens to fetch it (the sandbox has one mailbox): B is told nothing about it.
    const run = await fetchNow('company-b');
    expect(run.documents).toEqual([]);
    expect(run.otherDocuments).toBe(1);

    const rows = await outboxRows('gateway.document.received.v1');
    expect(rows.map((r) => r.company_id)).toEqual(['company-a']);
    const [event] = await waitFor(async () => {
      const found = await eventsFor('gateway.document.received.v1', id);
      return found.length ? found : undefined;
    }, 15_000, 'the event on the stream');
    expect(event).toMatchObject({ companyId: 'company-a', operator: 'sandbox', operatorDocumentId: id, receiverEndpointId: '7300010000025', receiverScheme: '0088' });
    const files = event?.['files'] as { filename: string; contentType: string; contentBase64: string; sizeBytes: number }[];
    expect(files.map((f) => [f.filename, f.contentType, Buffer.from(f.contentBase64, 'base64').toString()])).toEqual([
      ['EI-1.xml', 'application/xml', xml.toString()],
      ['EI-1.pdf', 'application/pdf', pdf.toString()],
    ]);
    expect(sandbox.document(id)).toMatchObject({ status: 'ACKNOWLEDGED', ackCount: 1 });

    const receipts = (await (await api('GET', '/companies/company-a/inbound/receipts', A)).json()) as { operatorDocumentId: string; ackedAt: string | null }[];
    expect(receipts).toEqual([expect.objectContaining({ operatorDocumentId: id, ackedAt: expect.any(String) })]);
    expect(await (await api('GET', '/companies/company-b/inbound/receipts', B)).json()).toEqual([]);
  });

  it('recognises a redelivery: acked again, no second event', async () => {
    const id = await queue({ receiverEndpointId: '0088:7300010000025', xmlBase64: Buffer.from(UBL('EI-2')).toString('base64') });
    expect((await fetchNow('company-a')).documents).toEqual([expect.objectContaining({ operatorDocumentId: id, outcome: 'delivered', acked: true })]);
    await waitFor(async () => (await eventsFor('gateway.document.received.v1', id)).length === 1, 15_000, 'first event');

    sandbox.redeliver(id);
    expect((await fetchNow('company-a')).documents).toEqual([expect.objectContaining({ operatorDocumentId: id, outcome: 'redelivered', acked: true })]);
    expect(sandbox.document(id)).toMatchObject({ status: 'ACKNOWLEDGED', ackCount: 2 });
    expect((await outboxRows('gateway.document.received.v1')).filter((r) => r.payload['operatorDocumentId'] === id)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await eventsFor('gateway.document.received.v1', id)).toHaveLength(1);
  });

  it('leaves a document for an unknown receiver at the operator, listed as needing attention, until the endpoint is registered', async () => {
    const id = await queue({ receiverEndpointId: '0088:7300099999999', xmlBase64: Buffer.from(UBL('EI-3')).toString('base64') });
    for (let i = 0; i < 2; i++) {
      const run = await fetchNow('company-a');
      expect(run.documents.find((d) => d.operatorDocumentId === id)).toBeUndefined();
    }
    expect(sandbox.document(id)).toMatchObject({ status: 'NEW', ackCount: 0 });
    expect((await outboxRows('gateway.document.received.v1')).filter((r) => r.payload['operatorDocumentId'] === id)).toEqual([]);

    const attention = (await (await api('GET', '/inbound/attention', ADMIN)).json()) as { operatorDocumentId: string; reason: string; attempts: number; companyId: string | null }[];
    expect(attention).toEqual([expect.objectContaining({ operatorDocumentId: id, reason: 'UNKNOWN_RECEIVER', attempts: 2, companyId: null })]);
    expect((await api('GET', '/inbound/attention', A)).status).toBe(403);
    expect((await api('POST', '/inbound/fetch', A)).status).toBe(403);

    // Company B registers that endpoint: the next poll delivers it to B and the attention is resolved.
    await api('POST', '/companies/company-b/registrations', B, { services: ['receive-supplier-einvoices'], operators: ['sandbox'], endpoints: ['0088:7300099999999'] });
    const run = await fetchNow('company-b');
    expect(run.documents).toEqual([expect.objectContaining({ operatorDocumentId: id, outcome: 'delivered', companyId: 'company-b' })]);
    expect(await (await api('GET', '/inbound/attention', ADMIN)).json()).toEqual([]);
  });

  it('passes a platform-issued sales invoice on as gateway.sales-invoice.received.v1 for the company of the platform account', async () => {
    const invoice = {
      invoice_uuid: '5d7a0b6e-0c43-4f0e-9a51-1f4c9b7e2a10',
      invoice_number: 'S-1001',
      platform_id: 'platform-acc-a',
      invoice_date: '2026-01-15',
      due_date: '2026-02-14',
      currency_code: 'EUR',
      customer: { name: 'Customer AS', registration_code: '12345678', vat_number: 'EE100000002' },
      net_amount: '100.00',
      vat_amount: '22.00',
      gross_amount: '122.00',
      invoice_lines: [{ service_name: 'Consulting', service_quantity: '2', service_price: '50.00', service_vat: '22', net_amount: '100.00' }],
    };
    const id = await queue(invoice, '/sandbox/sales-invoices');
    expect((await fetchNow('company-a')).documents).toEqual([expect.objectContaining({ operatorDocumentId: id, outcome: 'delivered', companyId: 'company-a' })]);
    const [event] = await waitFor(async () => {
      const found = await eventsFor('gateway.sales-invoice.received.v1', 'S-1001', 'invoiceNumber');
      return found.length ? found : undefined;
    }, 15_000, 'the sales-invoice event');
    expect(event).toMatchObject({
      companyId: 'company-a',
      platform: 'sandbox',
      platformId: 'platform-acc-a',
      platformInvoiceId: invoice.invoice_uuid,
      issueDate: '2026-01-15',
      dueDate: '2026-02-14',
      currency: 'EUR',
      customer: { name: 'Customer AS', registrationCode: '12345678', vatId: 'EE100000002' },
      netAmount: '100.00',
      vatAmount: '22.00',
      grossAmount: '122.00',
      lines: [{ description: 'Consulting', quantity: '2', unitPrice: '50.00', vatRate: '22', netAmount: '100.00' }],
    });
    expect(sandbox.document(id)).toMatchObject({ status: 'ACKNOWLEDGED' });
    expect(await onStream('gateway.document.received.v1')).not.toContainEqual(expect.objectContaining({ operatorDocumentId: id }));
  });

  it('leaves an invalid sales invoice and a file too large to carry at the operator, needing attention for the company', async () => {
    const bad = await queue(
      { invoice_uuid: 'u-2', invoice_number: 'S-1002', platform_id: 'platform-acc-a', invoice_date: 'yesterday', currency_code: 'EUR', customer: { name: 'X' }, net_amount: '1', vat_amount: '0', gross_amount: '1', invoice_lines: [] },
      '/sandbox/sales-invoices',
    );
    const big = await queue({ receiverEndpointId: '0088:7300010000025', xmlBase64: Buffer.alloc(700_000, 0x20).toString('base64') });
    const run = await fetchNow('company-a');
    expect(run.documents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ operatorDocumentId: bad, outcome: 'needs-attention', reason: 'INVALID_DOCUMENT' }),
        expect.objectContaining({ operatorDocumentId: big, outcome: 'needs-attention', reason: 'FILE_TOO_LARGE' }),
      ]),
    );
    expect(sandbox.document(bad)).toMatchObject({ status: 'NEW', ackCount: 0 });
    expect(sandbox.document(big)).toMatchObject({ status: 'NEW', ackCount: 0 });
    const mine = (await (await api('GET', '/companies/company-a/inbound/attention', A)).json()) as { operatorDocumentId: string; message: string }[];
    expect(mine.map((m) => m.operatorDocumentId).sort()).toEqual([bad, big].sort());
    expect(mine.find((m) => m.operatorDocumentId === bad)?.message).toMatch(/issueDate/);
    expect(await (await api('GET', '/companies/company-b/inbound/attention', B)).json()).toEqual([]);
    expect((await api('GET', '/companies/company-b/inbound/attention', A)).status).toBe(403);
    expect((await api('POST', '/companies/company-b/inbound/fetch', A)).status).toBe(403);
  });
  it('lets the holder release an endpoint (not another company), shows support the holder, and then only a company the operator confirms it for can register it', async () => {
    const path = '/companies/company-a/endpoints/sandbox/0088:7300010000025';
    // Company B can neither release A's endpoint through A's route (403) nor through its own (404, naming no one).
    expect((await api('DELETE', path, B)).status).toBe(403);
    const notB = await api('DELETE', '/companies/company-b/endpoints/sandbox/0088:7300010000025', B);
    expect(notB.status).toBe(404);
    expect(JSON.stringify(await notB.json())).not.toContain('company-a');
    // Support (admin token) sees who holds it; companies may not ask.
    expect((await api('GET', '/endpoints/sandbox/0088:7300010000025', B)).status).toBe(403);
    const held = await api('GET', '/endpoints/sandbox/0088:7300010000025', ADMIN);
    expect(held.status).toBe(200);
    expect(await held.json()).toMatchObject({ operator: 'sandbox', endpointId: '0088:7300010000025', companyId: 'company-a' });

    // The id may come URL-encoded; it is matched as stored.
    expect((await api('DELETE', '/companies/company-a/endpoints/sandbox/0088%3A7300010000025', A)).status).toBe(204);
    expect((await api('DELETE', path, A)).status).toBe(404);
    expect((await api('GET', '/endpoints/sandbox/0088:7300010000025', ADMIN)).status).toBe(404);
    const listed = (await (await api('GET', '/companies/company-a/endpoints', A)).json()) as { endpointId: string }[];
    expect(listed.map((e) => e.endpointId)).toEqual(['platform-acc-a']);

    // Free now, but B's key does not own it: still not B's.
    const claim = await api('POST', '/companies/company-b/registrations', B, { services: ['receive-supplier-einvoices'], operators: ['sandbox'], endpoints: ['0088:7300010000025'] });
    expect(claim.status).toBe(201);
    const [refused] = (await claim.json()) as { endpoints: { claimed: boolean; message: string }[] }[];
    expect(refused?.endpoints).toEqual([{ endpointId: '0088:7300010000025', claimed: false, message: expect.stringMatching(/did not confirm endpoint 0088:7300010000025.*not registered to this account/) }]);
    expect((await api('GET', '/endpoints/sandbox/0088:7300010000025', ADMIN)).status).toBe(404);

    const again = await api('POST', '/companies/company-a/registrations', A, { services: ['receive-supplier-einvoices'], operators: ['sandbox'], endpoints: ['0088:7300010000025'] });
    expect(again.status).toBe(201);
    const now = (await (await api('GET', '/endpoints/sandbox/0088:7300010000025', ADMIN)).json()) as { companyId: string };
    expect(now.companyId).toBe('company-a');
  });
});
