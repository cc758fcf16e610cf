import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Milliseconds to wait before answering (to provoke client timeouts). */
  delayMs?: number;
}

export type FakeRoute = (req: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

/**
 * Base for contract fakes of external systems: a real HTTP server on loopback that
 * records every request and answers by `METHOD /path` routes, so adapters are tested on
 * the wire format, not on mocks of their own code.
 */
export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, FakeRoute>();
  private server?: Server;

  route(method: string, path: string, handler: FakeRoute): this {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
    return this;
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.dispatch(req, res));
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('fake server not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(recorded);
    const route = this.routes.get(`${recorded.method} ${recorded.path}`);
    const answer: FakeResponse = route ? await route(recorded) : { status: 404, body: { error: 'no such route in fake' } };
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? null);
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(body);
  }
}
