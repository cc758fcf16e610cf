import { parseSandboxKeyEndpoints, SandboxOperatorServer } from './sandbox-operator.server';
import { SandboxOperatorAdapter } from './sandbox-operator.adapter';
import { DEMO_ENDPOINTS, OperatorGatewayEnv } from '../../operator-gateway.env';

describe('sandbox operator: which endpoints a key owns', () => {
  it('parses key=endpoint,endpoint;key2=endpoint (trimmed, lower-case)', () => {
    expect(parseSandboxKeyEndpoints(' key-one=0088:ABC, platform-1 ;key-two=x ')).toEqual(
      new Map([
        ['key-one', new Set(['0088:abc', 'platform-1'])],
        ['key-two', new Set(['x'])],
      ]),
    );
    expect(parseSandboxKeyEndpoints('')).toEqual(new Map());
    expect(() => parseSandboxKeyEndpoints('no-endpoints=')).toThrow(/SANDBOX_OPERATOR_ENDPOINTS/);
    expect(() => parseSandboxKeyEndpoints('=0088:1')).toThrow(/SANDBOX_OPERATOR_ENDPOINTS/);
  });

  it('gives the demo key the endpoints the demo and tests use by default', () => {
    const owned = parseSandboxKeyEndpoints(new OperatorGatewayEnv().SANDBOX_OPERATOR_ENDPOINTS);
    expect([...owned.keys()]).toEqual(['sandbox-demo-key']);
    expect(owned.get('sandbox-demo-key')).toEqual(new Set(DEMO_ENDPOINTS));
  });

  describe('over HTTP, through the adapter', () => {
    const server = new SandboxOperatorServer(
      new Set(['key-of-company-a', 'key-of-company-b']),
      parseSandboxKeyEndpoints('key-of-company-a=0088:7300010000025;key-of-company-b=0088:7300010000099'),
    );
    const adapter = new SandboxOperatorAdapter(() => server.url, 5_000);
    beforeAll(async () => {
      await server.start(0);
    });
    afterAll(async () => {
      await server.stop();
    });

    it("confirms the key's own endpoints and refuses anyone else's", async () => {
      const answer = await adapter.register('key-of-company-a', ['receive-supplier-einvoices'], ['0088:7300010000025', '0088:7300010000099', 'unknown-1']);
      expect(answer.services).toEqual([{ service: 'receive-supplier-einvoices', active: true, message: 'Registration was successful!' }]);
      expect(answer.endpoints).toEqual([
        { endpointId: '0088:7300010000025', confirmed: true, message: expect.any(String) },
        { endpointId: '0088:7300010000099', confirmed: false, message: 'Endpoint 0088:7300010000099 is not registered to this account' },
        { endpointId: 'unknown-1', confirmed: false, message: 'Endpoint unknown-1 is not registered to this account' },
      ]);
      const b = await adapter.register('key-of-company-b', ['receive-supplier-einvoices'], ['0088:7300010000099']);
      expect(b.endpoints).toEqual([expect.objectContaining({ confirmed: true })]);
    });

    it('matches case-insensitively and refuses everything for a key it does not accept', async () => {
      expect((await adapter.register('key-of-company-a', ['receive-supplier-einvoices'], ['0088:7300010000025'.toUpperCase()])).endpoints[0]?.confirmed).toBe(true);
      const wrong = await adapter.register('not-an-issued-key', ['receive-supplier-einvoices'], ['0088:7300010000025']);
      expect(wrong.services[0]).toMatchObject({ active: false, message: expect.stringMatching(/key is not valid/) });
      expect(wrong.endpoints).toEqual([{ endpointId: '0088:7300010000025', confirmed: false, message: expect.stringMatching(/key is not valid/) }]);
    });
  });
});
