import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EINVOICE_SERVICES } from '@hub/contracts';

export const SANDBOX_SUCCESS_MESSAGE = 'Registration was successful!';

/**
 * The built-in sandbox operator: a real HTTP server on loopback that behaves like an
 * operator's registration endpoint, accepting a configured set of keys. Wire format:
 * `POST /api/v1/services/register`, header `X-Api-Key`, body `{"services":[...]}` →
 * 200 `{"results":[{"service","status":"ACTIVE"|"REJECTED","message"}]}`, or
 * 401 `{"error":"..."}` for an unknown key, 400 for a malformed body.
 */
export class SandboxOperatorServer {
  private server?: Server;

  constructor(private readonly acceptedKeys: ReadonlySet<string>) {}

  async start(port: number): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => {
        chunks.push(c);
      });
      req.on('end', () => {
        const reply = (status: number, body: unknown): void => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.method !== 'POST' || req.url !== '/api/v1/services/register') return reply(404, { error: 'Not found' });
        const key = req.headers['x-api-key'];
        if (typeof key !== 'string' || !this.acceptedKeys.has(key)) {
          return reply(401, { error: 'The e-invoice key is not valid. Check the key in the operator portal.' });
        }
        let services: unknown;
        try {
          services = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { services?: unknown }).services;
        } catch {
          return reply(400, { error: 'Body must be JSON' });
        }
        if (!Array.isArray(services) || services.length === 0) return reply(400, { error: 'services must be a non-empty list' });
        return reply(200, {
          results: services.map((service: unknown) =>
            typeof service === 'string' && (EINVOICE_SERVICES as readonly string[]).includes(service)
              ? { service, status: 'ACTIVE', message: SANDBOX_SUCCESS_MESSAGE }
              : { service, status: 'REJECTED', message: `Unknown service ${String(service)}` },
          ),
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
