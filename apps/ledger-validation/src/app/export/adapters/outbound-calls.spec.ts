import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExportableEntry } from '../ports/exportable-entry';
import { ExportError } from './export-error';
import type { CredentialStore, TargetCredentials } from './ledger-export-adapter.port';
import { OutboundPolicy } from './outbound-policy';
import { SapB1ExportAdapter } from './sap-b1/sap-b1-export.adapter';
import { callTarget, MAX_RESPONSE_BYTES } from './target-http';
import { XeroExportAdapter } from './xero/xero-export.adapter';

/** A loopback listener that records what reaches it and answers with `answer`. */
class Listener {
  readonly received: { method: string; url: string }[] = [];
  private server?: Server;

  constructor(private readonly answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('{}')) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.received.push({ method: req.method ?? '', url: req.url ?? '' });
      req.resume();
      this.answer(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.server?.address() as AddressInfo).port;
  }

  url(path = ''): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const entry: ExportableEntry = {
  companyId: 'acme',
  entryId: '0b7f3b8e-0000-4000-8000-000000000001',
  number: 'JE-1',
  date: '2026-01-31',
  description: 'Rent',
  status: 'confirmed',
  rows: [
    { accountNumber: '6000', debit: '10.00', credit: '0', projects: [] },
    { accountNumber: '2000', debit: '0', credit: '10.00', projects: [] },
  ],
};

/** The stored credentials, changed in place the way the service's store does it. */
function storeOf(credentials: TargetCredentials): CredentialStore {
  return {
    update: async (change) => {
      const changed = await change(credentials);
      if (changed) Object.assign(credentials, changed);
      return credentials;
    },
  };
}

async function failureOf(promise: Promise<unknown>): Promise<ExportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExportError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('calls to URLs a company supplies (loopback listeners stand in for the hub network)', () => {
  const listeners: Listener[] = [];
  const listen = async (answer?: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listener> => {
    const l = await new Listener(answer).start();
    listeners.push(l);
    return l;
  };
  afterEach(async () => {
    await Promise.all(listeners.splice(0).map((l) => l.stop()));
  });

  const expiredXero = (tokenUrl: string): TargetCredentials => ({
    accessToken: 'old-access',
    refreshToken: 'refresh-SECRET',
    clientId: 'app',
    clientSecret: 'client-SECRET',
    tenantId: 'tenant-1',
    expiresAt: '2020-01-01T00:00:00Z',
    tokenUrl,
  });

  it('Xero: a tokenUrl on 127.0.0.1 is refused without the allow-list, and nothing reaches the listener', async () => {
    const tokenEndpoint = await listen();
    const api = await listen();
    const adapter = new XeroExportAdapter(() => api.url('/api.xro/2.0'), 2000, new OutboundPolicy([]));
    const credentials = expiredXero(tokenEndpoint.url('/connect/token'));
    const error = await failureOf(adapter.export(entry, credentials, 'key-1', storeOf(credentials)));
    expect(error.errorClass).toBe('needs-a-person');
    expect(error.message).toBe(
      "Xero token endpoint URL refused: 127.0.0.1 is a loopback address; exports only go to public internet addresses; store the credentials with the target's public URL",
    );
    expect(error.details.outcomeUnknown).toBe(false);
    expect(tokenEndpoint.received).toEqual([]);
    expect(api.received).toEqual([]);
  });

  it('Xero: a tokenUrl naming localhost is refused when the name resolves to loopback, and nothing reaches the listener', async () => {
    const tokenEndpoint = await listen();
    const adapter = new XeroExportAdapter(() => 'http://127.0.0.1:9/api.xro/2.0', 2000, new OutboundPolicy([]));
    const credentials = expiredXero(`http://localhost:${tokenEndpoint.port}/connect/token`);
    const error = await failureOf(adapter.export(entry, credentials, 'key-1', storeOf(credentials)));
    expect(error.message).toMatch(/^Xero token endpoint URL refused: localhost resolves to a loopback address/);
    expect(tokenEndpoint.received).toEqual([]);
  });

  it('Xero: with 127.0.0.1 allow-listed the same tokenUrl is called', async () => {
    const tokenEndpoint = await listen((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ access_token: 'new-access', refresh_token: 'new-refresh', expires_in: 1800, token_type: 'Bearer' }));
    });
    const api = await listen((_req, res) => {
      res.statusCode = 200;
      res.end(JSON.stringify({ ManualJournals: [{ ManualJournalID: 'mj-1' }] }));
    });
    const adapter = new XeroExportAdapter(() => api.url('/api.xro/2.0'), 2000, new OutboundPolicy(['127.0.0.1']));
    const credentials = expiredXero(tokenEndpoint.url('/connect/token'));
    await expect(adapter.export(entry, credentials, 'key-1', storeOf(credentials))).resolves.toMatchObject({ externalId: 'mj-1' });
    expect(tokenEndpoint.received).toEqual([{ method: 'POST', url: '/connect/token' }]);
    expect(credentials['accessToken']).toBe('new-access');
  });

  it('SAP B1: a serviceLayerUrl on loopback is refused and nothing reaches the listener; a trailing ? cannot swallow the path', async () => {
    const sap = await listen();
    const adapter = new SapB1ExportAdapter(2000, new OutboundPolicy([]));
    const sapCredentials = (serviceLayerUrl: string): TargetCredentials => ({ serviceLayerUrl, companyDb: 'DB', userName: 'manager', password: 'pw-SECRET' });
    const refused = await failureOf(adapter.export(entry, sapCredentials(sap.url()), 'ref-1'));
    expect(refused).toMatchObject({ errorClass: 'needs-a-person' });
    expect(refused.message).toMatch(/^SAP B1 URL refused: 127\.0\.0\.1 is a loopback address/);
    const swallowing = await failureOf(new SapB1ExportAdapter(2000, new OutboundPolicy(['127.0.0.1'])).export(entry, sapCredentials(`${sap.url('/x')}?`), 'ref-1'));
    expect(swallowing.message).toBe('SAP B1 serviceLayerUrl refused: a base URL must have no query (?…) or fragment (#…); store the credentials again');
    const withCredentials = await failureOf(adapter.export(entry, sapCredentials(`http://admin:admin@${sap.url().slice(7)}`), 'ref-1'));
    expect(withCredentials.message).toMatch(/user name or password/);
    expect(sap.received).toEqual([]);
  });

  it('a redirect is refused, not followed', async () => {
    const inside = await listen();
    const redirecting = await listen((_req, res) => {
      res.writeHead(307, { location: inside.url('/latest/meta-data') });
      res.end();
    });
    const policy = new OutboundPolicy(['127.0.0.1']);
    const error = await failureOf(callTarget('Xero token endpoint', redirecting.url('/token'), { method: 'POST', body: 'x=1' }, { timeoutMs: 2000, policy }));
    expect(error).toMatchObject({ errorClass: 'needs-a-person', details: { httpStatus: 307 } });
    expect(error.message).toBe('Xero token endpoint answered with a redirect (HTTP 307); redirects are not followed, store the final URL');
    expect(redirecting.received).toHaveLength(1);
    expect(inside.received).toEqual([]);
  });

  it('an oversized answer is cut off with a clear error, streamed or announced', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let written = 0;
    const streaming = await listen((_req, res) => {
      // No content-length: the cap has to hold while reading. Writes stop when the client goes away.
      const more = (): void => {
        while (written < 8 * MAX_RESPONSE_BYTES) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', more);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      more();
    });
    const announced = await listen((_req, res) => {
      res.setHeader('content-length', String(MAX_RESPONSE_BYTES + 1));
      res.write('{');
    });
    for (const listener of [streaming, announced]) {
      const error = await failureOf(callTarget('SAP B1', listener.url('/b1s/v1/Login'), { method: 'GET' }, { timeoutMs: 5000 }));
      expect(error).toMatchObject({ errorClass: 'retryable', details: { httpStatus: 200, outcomeUnknown: true } });
      expect(error.message).toBe(`SAP B1 answer is larger than ${MAX_RESPONSE_BYTES} bytes; it was cut off and not used`);
    }
    expect(written).toBeLessThan(8 * MAX_RESPONSE_BYTES);
    // Just under the cap is read whole.
    const fits = await listen((_req, res) => res.end(Buffer.alloc(MAX_RESPONSE_BYTES, 'b')));
    await expect(callTarget('SAP B1', fits.url('/'), { method: 'GET' }, { timeoutMs: 5000 })).resolves.toMatchObject({ status: 200 });
  });

  it("keeps the status and a short reason, never the answer's raw text", async () => {
    const sap = await listen((req, res) => {
      if (req.url?.endsWith('/Login')) {
        res.setHeader('set-cookie', ['B1SESSION=abc; Path=/', 'ROUTEID=.node1']);
        res.end(JSON.stringify({ SessionTimeout: 30 }));
        return;
      }
      res.statusCode = 418;
      res.end('<html>internal admin console, db password hunter2</html>');
    });
    const adapter = new SapB1ExportAdapter(2000, new OutboundPolicy(['127.0.0.1']));
    const error = await failureOf(adapter.export(entry, { serviceLayerUrl: sap.url(), companyDb: 'DB', userName: 'u', password: 'p' }, 'ref-1'));
    expect(error.message).toBe('SAP B1 answered HTTP 418');
    expect(sap.received.map((r) => r.url)).toEqual(['/b1s/v1/Login', expect.stringMatching(/^\/b1s\/v1\/JournalEntries\?\$filter=/)]);
  });

  it("keeps an OAuth2 error_description only when it is RFC 6749's plain ASCII", async () => {
    let description = 'The client is not known';
    const tokenEndpoint = await listen((_req, res) => {
      res.statusCode = 401;
      res.end(JSON.stringify({ error: 'invalid_client', error_description: description }));
    });
    const adapter = new XeroExportAdapter(() => 'http://127.0.0.1:9', 2000, new OutboundPolicy(['127.0.0.1']));
    const run = async (): Promise<string> => {
      const credentials = expiredXero(tokenEndpoint.url('/token'));
      return (await failureOf(adapter.export(entry, credentials, 'key-1', storeOf(credentials)))).message;
    };
    expect(await run()).toBe("Xero refused the app's client credentials (invalid_client: The client is not known); check clientId and clientSecret");
    description = 'line one\nsecret: "hunter2"';
    expect(await run()).toBe("Xero refused the app's client credentials (invalid_client); check clientId and clientSecret");
  });

  it('a connection failure names the host only; a slow answer times out', async () => {
    const closed = await listen();
    const port = closed.port;
    await closed.stop();
    const refused = await failureOf(callTarget('SAP B1', `http://127.0.0.1:${port}/b1s/v1/Login`, { method: 'POST', body: '{}' }, { timeoutMs: 2000 }));
    expect(refused).toMatchObject({ errorClass: 'retryable', message: `SAP B1 could not connect to 127.0.0.1:${port}`, details: { outcomeUnknown: true } });
    const slow = await listen((_req, res) => void setTimeout(() => res.end('{}'), 1000));
    const timedOut = await failureOf(callTarget('SAP B1', slow.url('/'), { method: 'GET' }, { timeoutMs: 200 }));
    expect(timedOut).toMatchObject({ errorClass: 'retryable', message: `SAP B1 gave no answer within 200 ms (127.0.0.1:${slow.port})` });
  });
});
