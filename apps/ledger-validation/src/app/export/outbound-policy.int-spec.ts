import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_TOKENS, type TestService, assertInfra, dropSchema, dropStreams, queryTest, startTestService, uniqueName, waitFor } from '@hub/testing';
import { type LedgerValidationEnv, ledgerValidation } from '../ledger-validation.service';

const A = { authorization: `Bearer ${TEST_TOKENS.companyA}`, 'content-type': 'application/json' };

interface Item {
  status: string;
  errorClass?: string;
  errorMessage?: string;
}

/**
 * The service as in production, without EXPORT_ALLOWED_PRIVATE_HOSTS: a company's
 * credentials that point at the hub's own network (here a loopback listener) are refused
 * when the export calls them, and nothing reaches the listener.
 */
describe('export without the private-host allow-list (real Postgres and NATS)', () => {
  const prefix = uniqueName();
  const schema = uniqueName('lv');
  const received: string[] = [];
  const listener: Server = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    res.end('{}');
  });
  let svc: TestService<LedgerValidationEnv>;
  let port = 0;

  beforeAll(async () => {
    await assertInfra();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as AddressInfo).port;
    svc = await startTestService(ledgerValidation, {
      prefix,
      schema,
      // The operator's XERO_API_URL is not under the policy; it points at the listener too, to show it is never reached.
      env: { LEDGER_SCHEDULER_ENABLED: 'false', XERO_API_URL: `http://127.0.0.1:${port}/api.xro/2.0`, EXPORT_POLL_MS: '200', EXPORT_TIMEOUT_MS: '800' },
    });
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    listener.closeAllConnections();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    await dropSchema(schema);
    await dropStreams(prefix);
  });

  async function exportOne(target: string): Promise<Item | undefined> {
    const id = randomUUID();
    await queryTest(
      `INSERT INTO "${schema}".journal_entry (id, company_id, number, entry_date, description, status, content_hash, row_count, total_debit)
       VALUES ($1, 'company-a', $2, '2026-01-31', 'Rent', 'confirmed', 'h', 2, 10)`,
      [id, `JE-${id.slice(0, 8)}`],
    );
    await queryTest(
      `INSERT INTO "${schema}".journal_row (entry_id, row_no, account_number, account_name, debit, credit, vat_code, description, project_groups, project_codes)
       VALUES ($1, 1, '6000', 'Rent', 10, 0, NULL, NULL, '{}', '{}'), ($1, 2, '2000', 'Payables', 0, 10, NULL, NULL, '{}', '{}')`,
      [id],
    );
    const started = await fetch(`${svc.url}/companies/company-a/exports`, { method: 'POST', headers: A, body: JSON.stringify({ target, entryId: id }) });
    expect(started.status).toBe(202);
    const batchId = ((await started.json()) as { id: string }).id;
    const batch = await waitFor(
      async () => {
        const b = (await (await fetch(`${svc.url}/companies/company-a/exports/${batchId}`, { headers: A })).json()) as { status: string; items: Item[] };
        return b.status === 'done' ? b : undefined;
      },
      15_000,
      `export batch ${batchId} to finish`,
    );
    return batch.items[0];
  }

  const put = (target: string, body: unknown): Promise<Response> =>
    fetch(`${svc.url}/companies/company-a/export-targets/${target}/credentials`, { method: 'PUT', headers: A, body: JSON.stringify(body) });

  it('Xero: a tokenUrl on 127.0.0.1 is refused with a clear error; nothing reaches the listener', async () => {
    const stored = await put('xero', {
      accessToken: 'expired',
      refreshToken: 'refresh-SECRET',
      clientId: 'app',
      clientSecret: 'client-SECRET',
      tenantId: 'tenant-1',
      expiresAt: '2020-01-01T00:00:00Z',
      tokenUrl: `http://127.0.0.1:${port}/connect/token`,
    });
    expect(stored.status).toBe(200);
    expect(await exportOne('xero')).toMatchObject({
      status: 'failed',
      errorClass: 'needs-a-person',
      errorMessage:
        "Xero token endpoint URL refused: 127.0.0.1 is a loopback address; exports only go to public internet addresses; store the credentials with the target's public URL",
    });
    expect(received).toEqual([]);
  });

  it('SAP B1: a serviceLayerUrl naming localhost or the metadata address is refused; nothing reaches the listener', async () => {
    for (const [serviceLayerUrl, message] of [
      [`http://localhost:${port}`, /^SAP B1 URL refused: localhost resolves to a loopback address/],
      ['http://169.254.169.254', /^SAP B1 URL refused: 169\.254\.169\.254 is a link-local address/],
      [`http://[::ffff:127.0.0.1]:${port}`, /^SAP B1 URL refused: ::ffff:7f00:1 is a loopback address/],
    ] as const) {
      expect((await put('sap-b1', { serviceLayerUrl, companyDb: 'DB', userName: 'manager', password: 'pw-SECRET' })).status).toBe(200);
      const item = await exportOne('sap-b1');
      expect(item).toMatchObject({ status: 'failed', errorClass: 'needs-a-person' });
      expect(item?.errorMessage).toMatch(message);
    }
    expect(received).toEqual([]);
  });
});
