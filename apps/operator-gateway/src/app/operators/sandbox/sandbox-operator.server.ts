import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EINVOICE_SERVICES } from '@hub/contracts';

export const SANDBOX_SUCCESS_MESSAGE = 'Registration was successful!';

/**
 * Which endpoints each sandbox key's account owns, as configured in
 * `SANDBOX_OPERATOR_ENDPOINTS`: `key=endpoint,endpoint;key2=endpoint` (the API_TOKENS
 * style). Endpoints are compared trimmed and lower-case. Throws on a malformed value.
 */
export function parseSandboxKeyEndpoints(value: string): Map<string, Set<string>> {
  const owned = new Map<string, Set<string>>();
  for (const entry of value.split(';').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const key = entry.slice(0, at).trim();
    const endpoints = entry.slice(at + 1).split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
    if (at <= 0 || !key || endpoints.length === 0) throw new Error(`SANDBOX_OPERATOR_ENDPOINTS: "${entry.slice(0, 40)}" is not key=endpoint,endpoint`);
    const set = owned.get(key) ?? new Set<string>();
    for (const e of endpoints) set.add(e);
    owned.set(key, set);
  }
  return owned;
}

/** Largest request body the sandbox reads (a queued document with its PDF, base64). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** One file of a sandbox document as listed on the wire. */
export interface SandboxFileJson {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** A sales-invoice line as the sandbox platform sends it (Banqup-like names, amounts as text). */
export interface SandboxSalesInvoiceLineJson {
  service_name: string;
  service_quantity: string;
  service_price: string;
  service_vat: string;
  net_amount: string;
}

/** A sales invoice issued on the sandbox platform (Banqup-like names, amounts as text) [guess]. */
export interface SandboxSalesInvoiceJson {
  invoice_uuid: string;
  invoice_number: string;
  platform_id: string;
  invoice_date: string;
  due_date?: string;
  currency_code: string;
  customer: { name: string; registration_code?: string; vat_number?: string };
  net_amount: string;
  vat_amount: string;
  gross_amount: string;
  invoice_lines: SandboxSalesInvoiceLineJson[];
}

/** A document in the sandbox's outbound queue, as `GET /api/v1/documents` lists it. */
export interface SandboxDocumentJson {
  id: string;
  type: 'INVOICE' | 'SALES_INVOICE';
  status: 'NEW' | 'ACKNOWLEDGED';
  receiver: { id: string; scheme?: string };
  createdAt: string;
  files: SandboxFileJson[];
  salesInvoice?: SandboxSalesInvoiceJson;
}

interface StoredDocument extends SandboxDocumentJson {
  bytes: Map<string, Buffer>;
  ackCount: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The built-in sandbox operator: a real HTTP server on loopback that behaves like an
 * operator, accepting a configured set of keys (header `X-Api-Key` on every call).
 *
 * Registration: `POST /api/v1/services/register`, body `{"services":[...],"endpoints"?:[...]}` →
 * 200 `{"results":[{"service","status":"ACTIVE"|"REJECTED","message"}],"endpoints":[{"id","status":"CONFIRMED"|"REFUSED","message"}]}`,
 * or 401 `{"error":"..."}` for an unknown key, 400 for a malformed body. An endpoint is
 * CONFIRMED only when the key's account owns it (the configured key → endpoints data), as a
 * real operator only confirms the participant ids / accounts registered to the caller.
 *
 * Inbound delivery, a consume-then-acknowledge queue (the shape Telema's notes describe;
 * the exact names here are the sandbox's own):
 * - `GET /api/v1/documents?status=NEW` → 200 `{"documents":[SandboxDocumentJson]}`
 * - `GET /api/v1/documents/{id}/files/{name}` → the bytes, with their content type
 * - `POST /api/v1/documents/{id}/ack` → 200 `{"id","status":"ACKNOWLEDGED"}`; 404 unknown id.
 *   An acknowledged document is no longer listed as NEW.
 *
 * Test/admin side (what a sender on the network would do):
 * - `POST /sandbox/documents` `{"receiverEndpointId","receiverScheme"?,"xmlBase64","pdfBase64"?,"filename"?}`
 *   → 201 `{"id"}`: an e-invoice (XML, optional PDF rendering) for a receiver endpoint
 * - `POST /sandbox/sales-invoices` SandboxSalesInvoiceJson → 201 `{"id"}`: a sales invoice the
 *   company issued on the platform, delivered to its platform account (`platform_id`)
 * - `GET /sandbox/documents/{id}` → the document with `status` and `ackCount`
 * - `POST /sandbox/documents/{id}/redeliver` → lists it as NEW again (an operator redelivering
 *   after a lost acknowledgement)
 *
 * The sandbox has one mailbox: every accepted key sees every document; the receiver
 * endpoint, not the key, says whose document it is.
 */
export class SandboxOperatorServer {
  private server?: Server;
  private readonly documents = new Map<string, StoredDocument>();

  /**
   * @param acceptedKeys keys the sandbox accepts at all
   * @param endpointsByKey the endpoints each key's account owns (lower-case); a key not listed owns none
   */
  constructor(
    private readonly acceptedKeys: ReadonlySet<string>,
    private readonly endpointsByKey: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  ) {}

  async start(port: number): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY_BYTES) chunks.push(c);
      });
      req.on('end', () => {
        try {
          if (size > MAX_BODY_BYTES) throw new HttpError(413, `Body larger than ${MAX_BODY_BYTES} bytes`);
          this.route(req, res, Buffer.concat(chunks));
        } catch (error) {
          const status = error instanceof HttpError ? error.status : 500;
          json(res, status, { error: error instanceof Error ? error.message : String(error) });
        }
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

  /** Queues an e-invoice for a receiver (the same as `POST /sandbox/documents`). */
  queueDocument(input: { receiverEndpointId: string; receiverScheme?: string; xml: Buffer; pdf?: Buffer; filename?: string }): string {
    const id = randomUUID();
    const base = (input.filename ?? `invoice-${id.slice(0, 8)}`).replace(/\.xml$/i, '');
    const bytes = new Map<string, Buffer>([[`${base}.xml`, input.xml]]);
    const files: SandboxFileJson[] = [fileJson(`${base}.xml`, 'application/xml', input.xml)];
    if (input.pdf) {
      bytes.set(`${base}.pdf`, input.pdf);
      files.push(fileJson(`${base}.pdf`, 'application/pdf', input.pdf));
    }
    this.documents.set(id, {
      id,
      type: 'INVOICE',
      status: 'NEW',
      receiver: { id: input.receiverEndpointId, ...(input.receiverScheme ? { scheme: input.receiverScheme } : {}) },
      createdAt: new Date().toISOString(),
      files,
      bytes,
      ackCount: 0,
    });
    return id;
  }

  /** Queues a platform-issued sales invoice (the same as `POST /sandbox/sales-invoices`). */
  queueSalesInvoice(invoice: SandboxSalesInvoiceJson): string {
    const id = randomUUID();
    this.documents.set(id, {
      id,
      type: 'SALES_INVOICE',
      status: 'NEW',
      receiver: { id: invoice.platform_id },
      createdAt: new Date().toISOString(),
      files: [],
      salesInvoice: invoice,
      bytes: new Map(),
      ackCount: 0,
    });
    return id;
  }

  /** A queued document with its status, for tests. */
  document(id: string): (SandboxDocumentJson & { ackCount: number }) | undefined {
    const doc = this.documents.get(id);
    return doc ? { ...publicView(doc), ackCount: doc.ackCount } : undefined;
  }

  /** Lists an acknowledged document as NEW again (an operator redelivering). */
  redeliver(id: string): void {
    this.found(id).status = 'NEW';
  }

  private route(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || !this.acceptedKeys.has(key)) {
      throw new HttpError(401, 'The e-invoice key is not valid. Check the key in the operator portal.');
    }
    const path = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const is = (method: string, ...pattern: (string | null)[]): boolean =>
      req.method === method && path.length === pattern.length && pattern.every((p, i) => p === null || p === path[i]);

    if (is('POST', 'api', 'v1', 'services', 'register')) return json(res, 200, register(parseJson(body), this.endpointsByKey.get(key) ?? new Set()));
    if (is('GET', 'api', 'v1', 'documents')) {
      const status = url.searchParams.get('status') ?? 'NEW';
      const documents = [...this.documents.values()].filter((d) => d.status === status).map(publicView);
      return json(res, 200, { documents });
    }
    if (is('GET', 'api', 'v1', 'documents', null, 'files', null)) {
      const doc = this.found(path[3]);
      const bytes = doc.bytes.get(path[5] ?? '');
      const file = doc.files.find((f) => f.name === path[5]);
      if (!bytes || !file) throw new HttpError(404, `Document ${doc.id} has no file ${path[5] ?? ''}`);
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': bytes.length });
      res.end(bytes);
      return;
    }
    if (is('POST', 'api', 'v1', 'documents', null, 'ack')) {
      const doc = this.found(path[3]);
      doc.status = 'ACKNOWLEDGED';
      doc.ackCount += 1;
      return json(res, 200, { id: doc.id, status: doc.status });
    }
    if (is('POST', 'sandbox', 'documents')) {
      const input = parseJson(body) as Partial<Record<'receiverEndpointId' | 'receiverScheme' | 'xmlBase64' | 'pdfBase64' | 'filename', unknown>>;
      if (typeof input.receiverEndpointId !== 'string' || !input.receiverEndpointId) throw new HttpError(400, 'receiverEndpointId is required');
      if (typeof input.xmlBase64 !== 'string' || !input.xmlBase64) throw new HttpError(400, 'xmlBase64 is required');
      const id = this.queueDocument({
        receiverEndpointId: input.receiverEndpointId,
        ...(typeof input.receiverScheme === 'string' ? { receiverScheme: input.receiverScheme } : {}),
        xml: Buffer.from(input.xmlBase64, 'base64'),
        ...(typeof input.pdfBase64 === 'string' ? { pdf: Buffer.from(input.pdfBase64, 'base64') } : {}),
        ...(typeof input.filename === 'string' ? { filename: input.filename } : {}),
      });
      return json(res, 201, { id });
    }
    if (is('POST', 'sandbox', 'sales-invoices')) {
      const input = parseJson(body) as Partial<SandboxSalesInvoiceJson>;
      for (const field of ['invoice_uuid', 'invoice_number', 'platform_id'] as const) {
        if (typeof input[field] !== 'string' || !input[field]) throw new HttpError(400, `${field} is required`);
      }
      return json(res, 201, { id: this.queueSalesInvoice(input as SandboxSalesInvoiceJson) });
    }
    if (is('POST', 'sandbox', 'documents', null, 'redeliver')) {
      this.redeliver(path[2] ?? '');
      return json(res, 200, { id: path[2], status: 'NEW' });
    }
    if (is('GET', 'sandbox', 'documents', null)) {
      const doc = this.found(path[2]);
      return json(res, 200, { ...publicView(doc), ackCount: doc.ackCount });
    }
    throw new HttpError(404, 'Not found');
  }

  private found(id: string | undefined): StoredDocument {
    const doc = this.documents.get(id ?? '');
    if (!doc) throw new HttpError(404, `No document ${id ?? ''}`);
    return doc;
  }
}

function register(
  body: unknown,
  owned: ReadonlySet<string>,
): { results: { service: unknown; status: string; message: string }[]; endpoints: { id: unknown; status: string; message: string }[] } {
  const services = (body as { services?: unknown }).services;
  if (!Array.isArray(services) || services.length === 0) throw new HttpError(400, 'services must be a non-empty list');
  const endpoints = (body as { endpoints?: unknown }).endpoints ?? [];
  if (!Array.isArray(endpoints)) throw new HttpError(400, 'endpoints must be a list');
  return {
    results: services.map((service: unknown) =>
      typeof service === 'string' && (EINVOICE_SERVICES as readonly string[]).includes(service)
        ? { service, status: 'ACTIVE', message: SANDBOX_SUCCESS_MESSAGE }
        : { service, status: 'REJECTED', message: `Unknown service ${String(service)}` },
    ),
    endpoints: endpoints.map((id: unknown) =>
      typeof id === 'string' && owned.has(id.trim().toLowerCase())
        ? { id, status: 'CONFIRMED', message: `Endpoint ${id} belongs to this account` }
        : { id, status: 'REFUSED', message: `Endpoint ${String(id)} is not registered to this account` },
    ),
  };
}

function parseJson(body: Buffer): unknown {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    return parsed;
  } catch {
    throw new HttpError(400, 'Body must be JSON');
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function fileJson(name: string, contentType: string, bytes: Buffer): SandboxFileJson {
  return { name, contentType, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function publicView(doc: StoredDocument): SandboxDocumentJson {
  const { bytes: _bytes, ackCount: _acks, ...view } = doc;
  return view;
}
