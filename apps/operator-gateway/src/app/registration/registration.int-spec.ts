import { TEST_TOKENS, assertInfra, dropSchema, dropStreams, queryTest, startTestService, type TestService, uniqueName } from '@hub/testing';
import { operatorGateway } from '../operator-gateway.service';
import type { OperatorGatewayEnv } from '../operator-gateway.env';
import { SandboxOperatorServer } from '../operators/sandbox/sandbox-operator.server';

const KEY_A = 'sandbox-demo-key';
const KEY_B = 'company-b-sandbox-key';
const A = { authorization: `Bearer ${TEST_TOKENS.companyA}`, 'content-type': 'application/json' };
const B = { authorization: `Bearer ${TEST_TOKENS.companyB}`, 'content-type': 'application/json' };
const ADMIN = { authorization: `Bearer ${TEST_TOKENS.admin}`, 'content-type': 'application/json' };

/** B's endpoint: only B's key owns it at the sandbox. */
const B_ENDPOINT = '0088:7300010000099';
/** An endpoint both accounts own at the sandbox (say, a participant id ported from A's account to B's). */
const SHARED = '0088:7300010000777';

interface EndpointResult {
  endpointId: string;
  claimed: boolean;
  message: string;
}
interface Registration {
  operator: string;
  service: string;
  active: boolean;
  systemMessage: string;
  endpoints: EndpointResult[];
}

/**
 * Endpoint claims (which route inbound documents) through the real Postgres, with the sandbox
 * operator confirming endpoints per key: a claim is recorded only for the company's own key,
 * after a successful registration, and only for endpoints the operator confirms for that key.
 */
describe('operator-gateway: operator keys and endpoint claims', () => {
  const prefix = uniqueName();
  const schema = `${prefix}_gateway`;
  let svc: TestService<OperatorGatewayEnv>;
  let sandbox: SandboxOperatorServer;

  const api = async (method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> =>
    fetch(`${svc.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const register = async (company: string, headers: Record<string, string>, endpoints: string[], services = ['receive-supplier-einvoices']): Promise<Registration[]> => {
    const res = await api('POST', `/companies/${company}/registrations`, headers, { services, operators: ['sandbox'], endpoints });
    expect(res.status).toBe(201);
    return (await res.json()) as Registration[];
  };
  const endpointsOf = async (company: string, headers: Record<string, string>): Promise<string[]> =>
    ((await (await api('GET', `/companies/${company}/endpoints`, headers)).json()) as { endpointId: string }[]).map((e) => e.endpointId);
  const holder = async (endpointId: string): Promise<string | undefined> => {
    const res = await api('GET', `/endpoints/sandbox/${endpointId}`, ADMIN);
    return res.status === 404 ? undefined : ((await res.json()) as { companyId: string }).companyId;
  };
  const fetchNow = async (company: string, headers: Record<string, string>): Promise<{ documents: { operatorDocumentId: string; outcome: string; companyId?: string }[] }> => {
    const res = await api('POST', `/companies/${company}/inbound/fetch`, headers);
    expect(res.status).toBe(200);
    return (await res.json()) as { documents: { operatorDocumentId: string; outcome: string; companyId?: string }[] };
  };

  beforeAll(async () => {
    await assertInfra();
    svc = await startTestService(operatorGateway, {
      prefix,
      schema,
      env: {
        INBOUND_POLL_INTERVAL_MS: '0',
        SANDBOX_OPERATOR_KEYS: `${KEY_A},${KEY_B}`,
        SANDBOX_OPERATOR_ENDPOINTS: `${KEY_A}=0088:7300010000025,platform-acc-a,${SHARED};${KEY_B}=${B_ENDPOINT},${SHARED}`,
      },
    });
    sandbox = svc.app.get(SandboxOperatorServer);
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await dropSchema(schema);
    await dropStreams(prefix);
  });

  describe('operator keys', () => {
    it('refuses a key shorter than 12 characters (400 naming the field)', async () => {
      for (const key of ['abcd', 'short-key', 'elevenchars']) {
        const res = await api('PUT', '/companies/company-a/operators/sandbox/key', A, { key });
        expect(res.status).toBe(400);
        const body = (await res.json()) as { fields: { field: string; errors: string[] }[] };
        expect(body.fields).toEqual([{ field: 'key', errors: [expect.stringMatching(/at least 12 characters/)] }]);
      }
      expect((await api('GET', '/companies/company-a/operators/sandbox/key', A)).status).toBe(404);
    });

    it('keeps and shows no hint of a key shorter than 16 characters', async () => {
      const put = await api('PUT', '/companies/company-b/operators/sandbox/key', B, { key: 'fifteen-chars!!' });
      expect(put.status).toBe(200);
      expect(await put.json()).toMatchObject({ key: '************' });
      expect(await (await api('GET', '/companies/company-b/operators/sandbox/key', B)).json()).toMatchObject({ key: '************' });
      const [row] = await queryTest<{ key_hint: string | null }>(`SELECT key_hint FROM "${schema}".operator_credential WHERE company_id = 'company-b'`);
      expect(row).toEqual({ key_hint: null });
    });

    it('shows the last four characters of a key of 16 or more (the demo key)', async () => {
      const put = await api('PUT', '/companies/company-b/operators/sandbox/key', B, { key: KEY_B });
      expect(await put.json()).toMatchObject({ key: '************-key' });
      expect(await (await api('GET', '/companies/company-b/operators/sandbox/key', B)).json()).toMatchObject({ key: '************-key' });
    });
  });

  describe('endpoint claims', () => {
    it('records no endpoint for a company without a stored key', async () => {
      const [result] = await register('company-a', A, ['0088:7300010000025']);
      expect(await endpointsOf('company-a', A)).toEqual([]);
      expect(await holder('0088:7300010000025')).toBeUndefined();
      expect(result).toMatchObject({
        active: false,
        systemMessage: expect.stringMatching(/No e-invoice key is stored/),
        endpoints: [{ endpointId: '0088:7300010000025', claimed: false, message: expect.stringMatching(/Not recorded: no e-invoice key is stored/) }],
      });
      // The result is read back like the other results.
      const listed = (await (await api('GET', '/companies/company-a/registrations', A)).json()) as Registration[];
      expect(listed).toEqual([expect.objectContaining({ service: 'receive-supplier-einvoices', endpoints: result?.endpoints })]);
    });

    it('records no endpoint when the registration failed (a key the operator refuses)', async () => {
      expect((await api('PUT', '/companies/company-a/operators/sandbox/key', A, { key: 'a-key-never-issued' })).status).toBe(200);
      const [result] = await register('company-a', A, ['0088:7300010000025']);
      expect(await endpointsOf('company-a', A)).toEqual([]);
      expect(result).toMatchObject({ active: false, endpoints: [{ endpointId: '0088:7300010000025', claimed: false, message: expect.stringMatching(/key is not valid/) }] });
    });

    it('records no endpoint while the receive service is not active, even one the operator confirms', async () => {
      expect((await api('PUT', '/companies/company-a/operators/sandbox/key', A, { key: KEY_A })).status).toBe(200);
      const [result] = await register('company-a', A, ['0088:7300010000025'], ['send-sales-einvoices']);
      expect(await endpointsOf('company-a', A)).toEqual([]);
      expect(result).toMatchObject({
        service: 'send-sales-einvoices',
        active: true,
        endpoints: [{ endpointId: '0088:7300010000025', claimed: false, message: expect.stringMatching(/receive-supplier-einvoices service is active/) }],
      });
      expect(await endpointsOf('company-a', A)).toEqual([]);
    });

    it('records the endpoints the operator confirms for the company key (the normal flow)', async () => {
      const results = await register('company-a', A, ['0088:7300010000025', 'Platform-Acc-A']);
      expect(results).toEqual([
        expect.objectContaining({
          active: true,
          endpoints: [
            { endpointId: '0088:7300010000025', claimed: true, message: expect.stringMatching(/^Recorded/) },
            { endpointId: 'Platform-Acc-A', claimed: true, message: expect.stringMatching(/^Recorded/) },
          ],
        }),
      ]);
      expect(await endpointsOf('company-a', A)).toEqual(['0088:7300010000025', 'platform-acc-a']);
      // While the receive service is active, endpoints may be added with a registration of the other service.
      const [sales] = await register('company-a', A, [SHARED], ['send-sales-einvoices']);
      expect(sales?.endpoints).toEqual([expect.objectContaining({ endpointId: SHARED, claimed: true })]);
      expect(await endpointsOf('company-a', A)).toEqual(['0088:7300010000025', SHARED, 'platform-acc-a']);
    });

    it("does not let A claim B's endpoint before B does: refused in A's result, the document stays unrouted, then goes to B", async () => {
      const [result] = await register('company-a', A, [B_ENDPOINT]);
      expect(await holder(B_ENDPOINT)).toBeUndefined();
      const id = sandbox.queueDocument({ receiverEndpointId: B_ENDPOINT, xml: Buffer.from('<Invoice/>') });
      expect((await fetchNow('company-a', A)).documents.find((d) => d.operatorDocumentId === id)).toBeUndefined();
      expect(sandbox.document(id)).toMatchObject({ status: 'NEW', ackCount: 0 });
      const attention = (await (await api('GET', '/inbound/attention', ADMIN)).json()) as { operatorDocumentId: string; reason: string; companyId: string | null }[];
      expect(attention).toContainEqual(expect.objectContaining({ operatorDocumentId: id, reason: 'UNKNOWN_RECEIVER', companyId: null }));

      expect(result).toMatchObject({
        active: true,
        endpoints: [{ endpointId: B_ENDPOINT, claimed: false, message: `Not recorded: sandbox did not confirm endpoint ${B_ENDPOINT} for this company's key: Endpoint ${B_ENDPOINT} is not registered to this account` }],
      });
      const listed = (await (await api('GET', '/companies/company-a/registrations', A)).json()) as Registration[];
      expect(listed.find((r) => r.service === 'receive-supplier-einvoices')?.endpoints).toEqual(result?.endpoints);

      // B (its key set in the tests above) registers it: the operator confirms it for B's key.
      const [b] = await register('company-b', B, [B_ENDPOINT]);
      expect(b?.endpoints).toEqual([expect.objectContaining({ endpointId: B_ENDPOINT, claimed: true })]);
      expect((await fetchNow('company-b', B)).documents).toContainEqual(expect.objectContaining({ operatorDocumentId: id, outcome: 'delivered', companyId: 'company-b' }));

      // Now B holds it: A trying again gets a conflict message naming no company, and nothing moves.
      const [again] = await register('company-a', A, [B_ENDPOINT]);
      expect(again?.endpoints).toEqual([
        { endpointId: B_ENDPOINT, claimed: false, message: expect.stringMatching(/^Not recorded: endpoint 0088:7300010000099 is registered to another company, and sandbox did not confirm it/) },
      ]);
      expect(JSON.stringify(again)).not.toContain('company-b');
      expect(await holder(B_ENDPOINT)).toBe('company-b');
    });

    it("moves an endpoint another company holds when the operator confirms it for this company's key", async () => {
      expect(await holder(SHARED)).toBe('company-a');
      const [b] = await register('company-b', B, [SHARED]);
      expect(b?.endpoints).toEqual([{ endpointId: SHARED, claimed: true, message: expect.stringMatching(/moved here from the company that held it/) }]);
      expect(JSON.stringify(b)).not.toContain('company-a');
      expect(await holder(SHARED)).toBe('company-b');
      expect(await endpointsOf('company-a', A)).toEqual(['0088:7300010000025', 'platform-acc-a']);
    });

    it('routes nothing to a company whose registration no longer stands, even for an endpoint it holds', async () => {
      // B's key is replaced by one the operator refuses, and B registers again: no longer connected.
      expect((await api('PUT', '/companies/company-b/operators/sandbox/key', B, { key: 'b-key-revoked-by-operator' })).status).toBe(200);
      const [b] = await register('company-b', B, []);
      expect(b).toMatchObject({ active: false });
      const id = sandbox.queueDocument({ receiverEndpointId: B_ENDPOINT, xml: Buffer.from('<Invoice/>') });
      expect((await fetchNow('company-a', A)).documents.find((d) => d.operatorDocumentId === id)).toBeUndefined();
      expect(sandbox.document(id)).toMatchObject({ status: 'NEW', ackCount: 0 });
      expect(await holder(B_ENDPOINT)).toBe('company-b');
    });
  });
});
