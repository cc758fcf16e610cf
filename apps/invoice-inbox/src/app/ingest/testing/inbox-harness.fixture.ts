import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { TEST_NATS_URL, TEST_TOKENS, type TestService, dropSchema, dropStreams, startTestService, uniqueName, waitFor } from '@hub/testing';
import { invoiceInbox, type InvoiceInboxEnv } from '../../invoice-inbox.service';

export const AUTH_A = { authorization: `Bearer ${TEST_TOKENS.companyA}` };
export const AUTH_B = { authorization: `Bearer ${TEST_TOKENS.companyB}` };

/** The inbox running in-process against the real Postgres and NATS, plus helpers the channel tests share. */
export class InboxHarness {
  readonly prefix = uniqueName();
  readonly schema = uniqueName('inbox');
  service!: TestService<InvoiceInboxEnv>;
  private nc?: NatsConnection;

  async start(env: Record<string, string> = {}): Promise<void> {
    this.service = await startTestService(invoiceInbox, { prefix: this.prefix, schema: this.schema, env });
    this.nc = await connect({ servers: TEST_NATS_URL });
  }

  async stop(): Promise<void> {
    await this.nc?.close();
    await this.service?.close();
    await dropSchema(this.schema);
    await dropStreams(this.prefix);
  }

  get url(): string {
    return this.service.url;
  }

  /** Publishes `gateway.document.received.v1` as operator-gateway would. */
  async deliverEinvoice(
    companyId: string,
    files: { filename: string; contentType: string; bytes: Buffer }[],
    extra: { operatorDocumentId?: string; msgId?: string; receiverEndpointId?: string } = {},
  ): Promise<string> {
    if (!this.nc) throw new Error('harness not started');
    const operatorDocumentId = extra.operatorDocumentId ?? randomUUID();
    const payload = {
      companyId,
      receiverEndpointId: extra.receiverEndpointId ?? '0088:7300010000025',
      receiverScheme: '0088',
      operator: 'sandbox',
      operatorDocumentId,
      receivedAt: new Date().toISOString(),
      files: files.map((f) => ({ filename: f.filename, contentType: f.contentType, contentBase64: f.bytes.toString('base64'), sizeBytes: f.bytes.length })),
    };
    const h = headers();
    h.set('Hub-Company-Id', companyId);
    await jetstream(this.nc).publish(`${this.prefix}.gateway.document.received.v1`, JSON.stringify(payload), {
      msgID: extra.msgId ?? randomUUID(),
      headers: h,
    });
    return operatorDocumentId;
  }

  async list(auth: Record<string, string>, companyId: string, query = ''): Promise<{ items: DocumentSummary[]; total: number }> {
    const res = await fetch(`${this.url}/companies/${companyId}/documents${query ? `?${query}` : ''}`, { headers: auth });
    if (res.status !== 200) throw new Error(`list answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { items: DocumentSummary[]; total: number };
  }

  async get(auth: Record<string, string>, companyId: string, id: string): Promise<DocumentDetail> {
    const res = await fetch(`${this.url}/companies/${companyId}/documents/${id}`, { headers: auth });
    if (res.status !== 200) throw new Error(`get answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as DocumentDetail;
  }

  /** Waits until the company's list satisfies `accept`. */
  waitForList(companyId: string, accept: (l: { items: DocumentSummary[]; total: number }) => boolean, what: string, timeoutMs = 15_000): Promise<{ items: DocumentSummary[]; total: number }> {
    const auth = companyId === 'company-b' ? AUTH_B : AUTH_A;
    return waitFor(async () => {
      const l = await this.list(auth, companyId, 'limit=500');
      return accept(l) ? l : undefined;
    }, timeoutMs, what);
  }

  async upload(
    companyId: string,
    files: { filename: string; bytes: Buffer; type?: string }[],
    fields: Record<string, string> = {},
    auth: Record<string, string> = AUTH_A,
  ): Promise<Response> {
    const form = new FormData();
    for (const f of files) form.append('files', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/octet-stream' }), f.filename);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return fetch(`${this.url}/companies/${companyId}/documents`, { method: 'POST', headers: auth, body: form });
  }
}

export interface DocumentSummary {
  id: string;
  state: string;
  channel: string;
  kind: string;
  invoiceNumber: string | null;
  supplierName: string | null;
  totalGross: string | null;
  receiptCount: number;
  needsAttention: boolean;
}

export interface DocumentDetail extends DocumentSummary {
  findings: { flag: string; rule: string; message: string; source: string }[];
  receipts: { channel: string; matchedBy: string; source: Record<string, string>; externalRef: string | null }[];
  files: { id: string; role: string; filename: string; contentType: string; sha256: string; href: string }[];
  transitions: { from: string | null; to: string; actor: string; reason: string | null }[];
  syntax: string | null;
  issueDate: string | null;
}
