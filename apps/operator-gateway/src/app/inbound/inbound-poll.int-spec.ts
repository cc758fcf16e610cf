import { TEST_TOKENS, assertInfra, dropSchema, dropStreams, queryTest, startTestService, type TestService, uniqueName, waitFor } from '@hub/testing';
import { operatorGateway } from '../operator-gateway.service';
import type { OperatorGatewayEnv } from '../operator-gateway.env';
import { SandboxOperatorServer } from '../operators/sandbox/sandbox-operator.server';

const A = { authorization: `Bearer ${TEST_TOKENS.companyA}`, 'content-type': 'application/json' };

/**
 * The poll job on its own (no trigger: the interval fetches and acknowledges), and files too
 * big to travel inline, with INBOUND_FILES_BASE_URL set.
 */
describe('operator-gateway: the inbound poll job and large files', () => {
  const prefix = uniqueName();
  const schema = `${prefix}_gateway`;
  let svc: TestService<OperatorGatewayEnv>;

  beforeAll(async () => {
    await assertInfra();
    svc = await startTestService(operatorGateway, { prefix, schema, env: { INBOUND_POLL_INTERVAL_MS: '200', SANDBOX_OPERATOR_KEYS: 'sandbox-demo-key', INBOUND_FILES_BASE_URL: 'http://gateway.test:3101/' } });
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await dropSchema(schema);
    await dropStreams(prefix);
  });

  it('does not poll without a registered connection, then delivers once the company is connected', async () => {
    const sandbox = svc.app.get(SandboxOperatorServer);
    const id = sandbox.queueDocument({ receiverEndpointId: '0088:7300010000025', xml: Buffer.from('<Invoice/>') });
    await new Promise((r) => setTimeout(r, 600));
    expect(sandbox.document(id)).toMatchObject({ status: 'NEW', ackCount: 0 });

    // A wrong key: the registration is inactive with the operator's message, so still no polling.
    await fetch(`${svc.url}/companies/company-a/operators/sandbox/key`, { method: 'PUT', headers: A, body: JSON.stringify({ key: 'wrong-key-not-issued' }) });
    const body = { services: ['receive-supplier-einvoices'], operators: ['sandbox'], endpoints: ['0088:7300010000025'] };
    const [refused] = (await (await fetch(`${svc.url}/companies/company-a/registrations`, { method: 'POST', headers: A, body: JSON.stringify(body) })).json()) as { active: boolean; systemMessage: string }[];
    expect(refused).toMatchObject({
      active: false,
      systemMessage: expect.stringMatching(/key is not valid/),
      endpoints: [{ endpointId: '0088:7300010000025', claimed: false, message: expect.stringMatching(/key is not valid/) }],
    });
    expect(await (await fetch(`${svc.url}/companies/company-a/endpoints`, { headers: A })).json()).toEqual([]);
    await new Promise((r) => setTimeout(r, 600));
    expect(sandbox.document(id)).toMatchObject({ status: 'NEW', ackCount: 0 });

    await fetch(`${svc.url}/companies/company-a/operators/sandbox/key`, { method: 'PUT', headers: A, body: JSON.stringify({ key: 'sandbox-demo-key' }) });
    await fetch(`${svc.url}/companies/company-a/registrations`, { method: 'POST', headers: A, body: JSON.stringify(body) });
    await waitFor(() => sandbox.document(id)?.status === 'ACKNOWLEDGED', 10_000, 'the poll job to take the document over');
    const rows = await queryTest<{ company_id: string }>(`SELECT company_id FROM "${schema}".outbox_message WHERE subject = 'gateway.document.received.v1'`);
    expect(rows).toEqual([{ company_id: 'company-a' }]);
    expect(sandbox.document(id)?.ackCount).toBe(1);
  });

  it('passes a file too big to travel inline as a fetchUrl that the gateway serves to whoever holds the URL', async () => {
    const sandbox = svc.app.get(SandboxOperatorServer);
    const xml = Buffer.alloc(700_000, 0x41);
    const pdf = Buffer.from('%PDF-1.4 small');
    const id = sandbox.queueDocument({ receiverEndpointId: '0088:7300010000025', xml, pdf, filename: 'big.xml' });
    await waitFor(() => sandbox.document(id)?.status === 'ACKNOWLEDGED', 10_000, 'the poll job to take the big document over');
    const [row] = await queryTest<{ payload: { operatorDocumentId: string; files: { filename: string; contentBase64?: string; fetchUrl?: string; sizeBytes: number; sha256: string }[] } }>(
      `SELECT payload FROM "${schema}".outbox_message WHERE subject = 'gateway.document.received.v1' AND payload->>'operatorDocumentId' = $1`,
      [id],
    );
    const [big, small] = row?.payload.files ?? [];
    expect(small).toMatchObject({ filename: 'big.pdf', contentBase64: pdf.toString('base64') });
    expect(big).toMatchObject({ filename: 'big.xml', sizeBytes: xml.length });
    expect(big?.contentBase64).toBeUndefined();
    expect(big?.fetchUrl).toMatch(/^http:\/\/gateway\.test:3101\/inbound-files\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{43}$/);

    const path = new URL(big?.fetchUrl ?? '').pathname;
    const res = await fetch(`${svc.url}${path}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(xml)).toBe(true);
    const wrongToken = await fetch(`${svc.url}${path.replace(/[^/]+$/, 'x'.repeat(43))}`);
    expect(wrongToken.status).toBe(404);
  });

  it('serves a kept file only as a download (nosniff, attachment) and only until the link expires (410 after)', async () => {
    const sandbox = svc.app.get(SandboxOperatorServer);
    const xml = Buffer.alloc(700_000, 0x42);
    const id = sandbox.queueDocument({ receiverEndpointId: '0088:7300010000025', xml, filename: 'evil "name"\r\n<x>.xml' });
    await waitFor(() => sandbox.document(id)?.status === 'ACKNOWLEDGED', 10_000, 'the poll job to take the document over');
    const [row] = await queryTest<{ payload: { files: { fetchUrl?: string }[] } }>(
      `SELECT payload FROM "${schema}".outbox_message WHERE subject = 'gateway.document.received.v1' AND payload->>'operatorDocumentId' = $1`,
      [id],
    );
    const path = new URL(row?.payload.files[0]?.fetchUrl ?? '').pathname;
    const fileId = path.split('/')[2] ?? '';
    const [kept] = await queryTest<{ ttl: number }>(`SELECT extract(epoch FROM expires_at - created_at)::int AS ttl FROM "${schema}".inbound_file WHERE id = $1`, [fileId]);
    expect(kept?.ttl).toBeGreaterThanOrEqual(7 * 24 * 3600 - 5);
    expect(kept?.ttl).toBeLessThanOrEqual(7 * 24 * 3600 + 5);

    const res = await fetch(`${svc.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="evil_name_x_\.xml"/);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(Buffer.from(await res.arrayBuffer()).equals(xml)).toBe(true);

    await queryTest(`UPDATE "${schema}".inbound_file SET expires_at = now() - interval '1 second' WHERE id = $1`, [fileId]);
    expect((await fetch(`${svc.url}${path}`)).status).toBe(410);
    // A wrong token learns nothing, expired or not.
    expect((await fetch(`${svc.url}${path.replace(/[^/]+$/, 'x'.repeat(43))}`)).status).toBe(404);
  });
});
