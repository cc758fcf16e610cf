import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import {
  type RecordedRequest,
  SageFake,
  SapB1Fake,
  TEST_TOKENS,
  type TestService,
  XeroFake,
  assertInfra,
  dropSchema,
  dropStreams,
  queryTest,
  startTestService,
  uniqueName,
  waitFor,
} from '@hub/testing';
import {
  type LedgerValidationEnv,
  ledgerValidation,
} from '../ledger-validation.service';

const A = {
  authorization: `Bearer ${TEST_TOKENS.companyA}`,
  'content-type': 'application/json',
};
const XERO_TOKEN = 'xero-access-token-SECRET-0001';
const SAGE_TOKEN = 'sage-access-token-SECRET-0002';
const SAP_PASSWORD = 'sap-password-SECRET-0003';
const ACCOUNTS = ['1200', '4000', '6000', '2610'];
const XERO_APP = {
  clientId: 'hub-xero-app',
  clientSecret: 'xero-client-SECRET-0004',
};
const SAGE_APP = {
  clientId: 'hub-sage-app',
  clientSecret: 'sage-client-SECRET-0005',
};
const LONG_AGO = '2020-01-01T00:00:00Z';

interface Batch {
  id: string;
  status: string;
  exported: number;
  failed: number;
  resumeAt?: string;
  note?: string;
  items: {
    entryId: string;
    status: string;
    externalId?: string;
    errorClass?: string;
    errorMessage?: string;
    warnings: string[];
    errorDetails?: { problems?: { message: string }[] };
  }[];
}

describe('export of confirmed entries to Xero, Sage and SAP B1 (contract fakes, real Postgres and NATS)', () => {
  const prefix = uniqueName();
  const schema = uniqueName('lv');
  const xero = new XeroFake({
    accessToken: XERO_TOKEN,
    tenantId: 'tenant-1',
    accounts: ACCOUNTS,
    oauth: XERO_APP,
  });
  const sage = new SageFake({
    accessToken: SAGE_TOKEN,
    businessId: 'biz-1',
    nominalCodes: ACCOUNTS,
    pageSize: 2,
    oauth: SAGE_APP,
  });
  const sap = new SapB1Fake({
    companyDb: 'SBODEMO',
    userName: 'manager',
    password: SAP_PASSWORD,
    accounts: ACCOUNTS,
  });
  const written: string[] = [];
  const serviceEnv = (): Record<string, string> => ({
    LOG_LEVEL: 'debug',
    LEDGER_SCHEDULER_ENABLED: 'false',
    XERO_API_URL: xero.apiUrl,
    SAGE_API_URL: sage.apiUrl,
    EXPORT_TIMEOUT_MS: '800',
    EXPORT_BACKOFF_MS: '50',
    EXPORT_RATE_LIMIT_MAX_WAIT_MS: '1500',
    EXPORT_POLL_MS: '200',
    // The contract fakes listen on loopback, which the outbound policy refuses otherwise.
    EXPORT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
  });
  let svc: TestService<LedgerValidationEnv>;

  beforeAll(async () => {
    await assertInfra();
    await Promise.all([xero.start(), sage.start(), sap.start()]);
    // pino writes to fd 1 through sonic-boom (fs.write / fs.writeSync) or through process.stdout under jest.
    const capture = (fd: unknown, data: unknown): void => {
      if (fd === 1 || fd === 2 || fd === process.stdout)
        written.push(
          Buffer.isBuffer(data) ? data.toString('utf8') : String(data),
        );
    };
    const realWriteSync = fs.writeSync.bind(fs);
    jest.spyOn(fs, 'writeSync').mockImplementation(((
      fd: number,
      data: string,
      ...rest: never[]
    ) => {
      capture(fd, data);
      return realWriteSync(fd, data, ...rest);
    }) as typeof fs.writeSync);
    const realWrite = fs.write.bind(fs) as (...args: unknown[]) => void;
    jest.spyOn(fs, 'write').mockImplementation(((
      fd: number,
      data: string,
      ...rest: unknown[]
    ) => {
      capture(fd, data);
      realWrite(fd, data, ...rest);
    }) as typeof fs.write);
    const realStdout = process.stdout.write.bind(process.stdout);
    jest.spyOn(process.stdout, 'write').mockImplementation(((
      data: string,
      ...rest: never[]
    ) => {
      capture(process.stdout, data);
      return realStdout(data, ...rest);
    }) as typeof process.stdout.write);
    svc = await startTestService(ledgerValidation, {
      prefix,
      schema,
      env: serviceEnv(),
    });
    await put('xero', { accessToken: XERO_TOKEN, tenantId: 'tenant-1' });
    await put('sage', { accessToken: SAGE_TOKEN, businessId: 'biz-1' });
    await put('sap-b1', {
      serviceLayerUrl: sap.url,
      companyDb: 'SBODEMO',
      userName: 'manager',
      password: SAP_PASSWORD,
    });
  }, 60_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await svc?.close();
    await Promise.all([xero.stop(), sage.stop(), sap.stop()]);
    await dropSchema(schema);
    await dropStreams(prefix);
  });

  async function put(
    target: string,
    body: unknown,
    headers = A,
  ): Promise<Response> {
    return fetch(
      `${svc.url}/companies/company-a/export-targets/${target}/credentials`,
      { method: 'PUT', headers, body: JSON.stringify(body) },
    );
  }

  /** A balanced entry: debit 1200 / credit 4000 (or the given account), with three project groups on the debit row. */
  async function seedEntry(
    status = 'confirmed',
    creditAccount = '4000',
    amount = '100.10',
  ): Promise<{ id: string; number: string }> {
    const id = randomUUID();
    const number = `JE-${id.slice(0, 8)}`;
    await queryTest(
      `INSERT INTO "${schema}".journal_entry (id, company_id, number, entry_date, description, status, content_hash, row_count, total_debit)
       VALUES ($1, 'company-a', $2, '2026-01-31', 'Office rent', $3, 'h', 2, $4)`,
      [id, number, status, amount],
    );
    await queryTest(
      `INSERT INTO "${schema}".journal_row (entry_id, row_no, account_number, account_name, debit, credit, vat_code, description, project_groups, project_codes)
       VALUES ($1, 1, '1200', 'Rent', $3, 0, '22', 'Rent January', '{DEPT,PROJ,REGION}', '{ADM,P7,TLN}'),
              ($1, 2, $2, 'Payables', 0, $3, NULL, NULL, '{}', '{}')`,
      [id, creditAccount, amount],
    );
    return { id, number };
  }

  async function exportAndWait(
    target: string,
    entryId?: string,
    timeoutMs = 15_000,
  ): Promise<Batch> {
    const res = await fetch(`${svc.url}/companies/company-a/exports`, {
      method: 'POST',
      headers: A,
      body: JSON.stringify({ target, ...(entryId ? { entryId } : {}) }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    return batchReaching(id, 'done', timeoutMs, `export batch ${id} to finish`);
  }

  /** Polls an export batch until it has `status`. */
  function batchReaching(
    id: string,
    status: string,
    timeoutMs: number,
    what: string,
  ): Promise<Batch> {
    return waitFor(
      async () => {
        const batch = (await (
          await fetch(`${svc.url}/companies/company-a/exports/${id}`, {
            headers: A,
          })
        ).json()) as Batch;
        return batch.status === status ? batch : undefined;
      },
      timeoutMs,
      what,
    );
  }

  /** Credentials that can refresh, as a company stores them after connecting the app. */
  async function connect(
    target: 'xero' | 'sage',
    tokens: Record<string, string>,
  ): Promise<void> {
    const base =
      target === 'xero'
        ? { tenantId: 'tenant-1', ...XERO_APP, tokenUrl: xero.tokenUrl }
        : { businessId: 'biz-1', ...SAGE_APP, tokenUrl: sage.tokenUrl };
    expect((await put(target, { ...base, ...tokens })).status).toBe(200);
  }
  /**
   * Connects Xero with freshly issued tokens stored as expired; with `expiredAtXero` Xero
   * also refuses the access token. Returns the tokens.
   */
  async function connectExpiredXero(expiredAtXero = false): Promise<{ accessToken: string; refreshToken: string }> {
    const first = xero.tokens.issue();
    if (expiredAtXero) xero.tokens.expire(first.accessToken);
    await connect('xero', { accessToken: first.accessToken, refreshToken: first.refreshToken, expiresAt: LONG_AGO });
    return first;
  }
  const bearerOf = (r: RecordedRequest | undefined): string =>
    String(r?.headers['authorization'] ?? '').replace(/^Bearer /, '');
  const journalCalls = (): RecordedRequest[] =>
    xero.requests.filter((r) => r.method === 'PUT');

  const statusOf = async (id: string): Promise<string | undefined> =>
    (
      await queryTest<{ status: string }>(
        `SELECT status FROM "${schema}".journal_entry WHERE id = $1`,
        [id],
      )
    )[0]?.status;
  const lockedEvents = async (id: string): Promise<number> =>
    (
      await queryTest(
        `SELECT 1 FROM "${schema}".outbox_message WHERE subject = 'ledger.entry.locked.v1' AND payload->>'entryId' = $1`,
        [id],
      )
    ).length;

  it('stores credentials encrypted, reads them back masked, refuses bad fields and other companies', async () => {
    const read = (await (
      await fetch(
        `${svc.url}/companies/company-a/export-targets/sap-b1/credentials`,
        { headers: A },
      )
    ).json()) as { credentials: Record<string, string> };
    expect(read.credentials).toMatchObject({
      companyDb: 'SBODEMO',
      userName: 'manager',
      password: '************0003',
    });
    const [row] = await queryTest<{
      encrypted_credentials: string;
      masked: unknown;
    }>(`SELECT * FROM "${schema}".export_credential WHERE target = 'xero'`);
    expect(row?.encrypted_credentials).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(XERO_TOKEN);
    const bad = await put('xero', { accessToken: '', tenantId: 'x', extra: 1 });
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { fields: { field: string }[] }).fields
        .map((f) => f.field)
        .sort(),
    ).toEqual(['accessToken', 'extra']);
    expect((await put('ledgerly', {})).status).toBe(400);
    const other = await fetch(
      `${svc.url}/companies/company-b/export-targets/xero/credentials`,
      { headers: A },
    );
    expect(other.status).toBe(403);
    const otherExport = await fetch(`${svc.url}/companies/company-b/exports`, {
      method: 'POST',
      headers: A,
      body: JSON.stringify({ target: 'xero' }),
    });
    expect(otherExport.status).toBe(403);
  });

  it('exports to Xero as a ManualJournal with tracking categories, then locks the entry with an event', async () => {
    const entry = await seedEntry();
    const batch = await exportAndWait('xero', entry.id);
    const item = batch.items[0];
    expect(item).toMatchObject({
      status: 'exported',
      externalId: xero.journals.at(-1)?.ManualJournalID,
    });
    expect(item?.warnings.join()).toMatch(/REGION/);
    const journal = xero.journals.at(-1);
    expect(journal?.JournalLines).toEqual([
      expect.objectContaining({
        LineAmount: 100.1,
        AccountCode: '1200',
        Tracking: [
          { Name: 'DEPT', Option: 'ADM' },
          { Name: 'PROJ', Option: 'P7' },
        ],
      }),
      expect.objectContaining({ LineAmount: -100.1, AccountCode: '4000' }),
    ]);
    expect(journal?.JournalLines[0]?.Description).toContain('REGION: TLN');
    const put = xero.requests.filter((r) => r.method === 'PUT').at(-1);
    expect(put?.body).toContain('"LineAmount":100.10');
    const [record] = await queryTest<{
      idempotency_key: string;
      state: string;
    }>(`SELECT * FROM "${schema}".entry_export WHERE entry_id = $1`, [
      entry.id,
    ]);
    expect(put?.headers['idempotency-key']).toBe(record?.idempotency_key);
    expect(record?.state).toBe('exported');
    expect(await statusOf(entry.id)).toBe('locked');
    expect(await lockedEvents(entry.id)).toBe(1);
    const audit = await queryTest<{ actor: string; reason: string }>(
      `SELECT actor, reason FROM "${schema}".status_change WHERE entry_id = $1`,
      [entry.id],
    );
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'system:export',
        reason: expect.stringContaining(`xero as ${item?.externalId}`),
      }),
    ]);
    const again = await fetch(`${svc.url}/companies/company-a/exports`, {
      method: 'POST',
      headers: A,
      body: JSON.stringify({ target: 'xero', entryId: entry.id }),
    });
    expect(again.status).toBe(409);
  });

  it('exports all confirmed entries to Sage (accounts found by nominal code across pages) and locks them', async () => {
    const before = sage.journals.length;
    const [e1, e2] = [await seedEntry(), await seedEntry()];
    const unconfirmed = await seedEntry('unconfirmed');
    const batch = await exportAndWait('sage');
    expect(batch.exported).toBeGreaterThanOrEqual(2);
    expect(sage.journals.length - before).toBe(batch.exported);
    for (const e of [e1, e2])
      expect(await statusOf(e?.id ?? '')).toBe('locked');
    expect(await statusOf(unconfirmed.id)).toBe('unconfirmed');
    const journal = sage.journals.find((j) => j.reference === e1?.number);
    expect(journal?.journal_lines[0]).toMatchObject({
      ledger_account_id: sage.ledgerAccounts.get('1200'),
      debit: 100.1,
      credit: 0,
    });
    expect(
      sage.requests.filter((r) => r.path.endsWith('/ledger_accounts')).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('exports to SAP B1 through a Service Layer session and finds the journal by reference', async () => {
    const entry = await seedEntry();
    const batch = await exportAndWait('sap-b1', entry.id);
    expect(batch.items[0]?.status).toBe('exported');
    const journal = sap.journals.at(-1);
    expect(batch.items[0]?.externalId).toBe(String(journal?.JdtNum));
    expect(journal).toMatchObject({
      Reference2: entry.number,
      ReferenceDate: '2026-01-31',
    });
    expect(journal?.JournalEntryLines[0]).toMatchObject({
      AccountCode: '1200',
      Debit: 100.1,
      CostingCode: 'ADM',
      CostingCode2: 'P7',
      CostingCode3: 'TLN',
    });
    expect(sap.logins).toBe(1);
    expect(await statusOf(entry.id)).toBe('locked');
  });

  it.each(['xero', 'sage', 'sap-b1'] as const)(
    '%s: a retry after a timeout does not create a second journal',
    async (target) => {
      const fake = { xero, sage, 'sap-b1': sap }[target];
      const count = (): number => fake.journals.length;
      const before = count();
      const entry = await seedEntry();
      fake.faults.delayNext(1500);
      const batch = await exportAndWait(target, entry.id);
      expect(count() - before).toBe(1);
      expect(batch.items[0]).toMatchObject({ status: 'exported' });
      expect(await statusOf(entry.id)).toBe('locked');
      expect(await lockedEvents(entry.id)).toBe(1);
    },
  );

  it('honours Retry-After: a short wait in place, a long one parks the batch until then', async () => {
    const short = await seedEntry();
    xero.faults.rateLimit(1);
    const started = Date.now();
    const b1 = await exportAndWait('xero', short.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(b1.items[0]?.status).toBe('exported');

    const long = await seedEntry();
    const before = xero.journals.length;
    xero.faults.rateLimit(3);
    const res = await fetch(`${svc.url}/companies/company-a/exports`, {
      method: 'POST',
      headers: A,
      body: JSON.stringify({ target: 'xero', entryId: long.id }),
    });
    const { id } = (await res.json()) as { id: string };
    const waiting = await batchReaching(
      id,
      'waiting',
      5000,
      'the batch to wait',
    );
    expect(Date.parse(waiting.resumeAt ?? '')).toBeGreaterThan(
      Date.now() + 1000,
    );
    expect(waiting.note).toMatch(/rate limit/);
    expect(await statusOf(long.id)).toBe('confirmed');
    const done = await batchReaching(
      id,
      'done',
      10_000,
      'the parked batch to continue',
    );
    expect(done.items[0]?.status).toBe('exported');
    expect(xero.journals.length - before).toBe(1);
  }, 30_000); // waits out real Retry-After delays: more than the 5 s default on a loaded machine

  it("records the target's validation error, classified, and keeps the entry confirmed", async () => {
    const entry = await seedEntry('confirmed', '9999');
    const batch = await exportAndWait('xero', entry.id);
    expect(batch.items[0]).toMatchObject({
      status: 'failed',
      errorClass: 'needs-a-person',
    });
    expect(
      batch.items[0]?.errorDetails?.problems?.map((p) => p.message),
    ).toContain("Account code '9999' is not a valid code for this document.");
    expect(await statusOf(entry.id)).toBe('confirmed');
    const view = (await (
      await fetch(
        `${svc.url}/companies/company-a/exports/entries/${entry.id}`,
        { headers: A },
      )
    ).json()) as { state: string }[];
    expect(view).toEqual([
      expect.objectContaining({ target: 'xero', state: 'not-created' }),
    ]);
    const sapBatch = await exportAndWait('sap-b1', entry.id);
    expect(sapBatch.items[0]?.errorMessage).toMatch(
      /Invalid account code '9999'/,
    );
    expect(await lockedEvents(entry.id)).toBe(0);
  });

  it('refuses refresh fields without the client id and secret', async () => {
    const bad = await put('xero', {
      accessToken: 'a-token',
      tenantId: 'tenant-1',
      refreshToken: 'r-token',
      expiresAt: 'tomorrow',
    });
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { fields: { field: string }[] }).fields
        .map((f) => f.field)
        .sort(),
    ).toEqual(['clientId', 'clientSecret', 'expiresAt']);
  });

  it('refuses URLs the export would never call: other schemes, user:pass@, a fragment, a query on the Service Layer base', async () => {
    const fieldsOf = async (res: Response): Promise<Record<string, string[]>> => {
      expect(res.status).toBe(400);
      const body = (await res.json()) as { fields: { field: string; errors: string[] }[] };
      return Object.fromEntries(body.fields.map((f) => [f.field, f.errors]));
    };
    const xeroWith = (tokenUrl: string): Promise<Response> => put('xero', { accessToken: 'a-token', tenantId: 'tenant-1', tokenUrl });
    for (const tokenUrl of ['ftp://identity.example.com/token', 'file:///etc/passwd', 'http://user:pass@identity.example.com/token', 'https://identity.example.com/token#x']) {
      expect(Object.keys(await fieldsOf(await xeroWith(tokenUrl)))).toEqual(['tokenUrl']);
    }
    const sapWith = (serviceLayerUrl: string): Promise<Response> => put('sap-b1', { serviceLayerUrl, companyDb: 'SBODEMO', userName: 'manager', password: 'pw' });
    for (const serviceLayerUrl of ['https://sap.example.com:50000/?', 'https://sap.example.com:50000/x?a=1', 'https://admin:pw@sap.example.com:50000', 'gopher://sap.example.com']) {
      expect(Object.keys(await fieldsOf(await sapWith(serviceLayerUrl)))).toEqual(['serviceLayerUrl']);
    }
    expect(JSON.stringify(await fieldsOf(await sapWith('https://sap.example.com:50000/?')))).toContain('no query');
    // Nothing was replaced: the stored SAP credentials still point at the fake.
    const read = (await (await fetch(`${svc.url}/companies/company-a/export-targets/sap-b1/credentials`, { headers: A })).json()) as { credentials: Record<string, string> };
    expect(read.credentials['serviceLayerUrl']).toBe(sap.url);
  });

  it('Xero: an expired access token is refreshed before the call; the rotated tokens are stored encrypted and read back masked', async () => {
    const first = await connectExpiredXero(true);
    const refreshes = xero.tokens.refreshRequests.length;
    const calls = journalCalls().length;
    const entry = await seedEntry();
    const batch = await exportAndWait('xero', entry.id);
    expect(batch.items[0]).toMatchObject({ status: 'exported' });
    expect(await statusOf(entry.id)).toBe('locked');

    const [refresh, ...more] = xero.tokens.refreshRequests.slice(refreshes);
    expect(more).toHaveLength(0);
    expect(refresh?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(Object.fromEntries(new URLSearchParams(refresh?.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: first.refreshToken,
    });
    expect(refresh?.headers['authorization']).toBe(
      `Basic ${Buffer.from(`${XERO_APP.clientId}:${XERO_APP.clientSecret}`).toString('base64')}`,
    );
    // Refreshed before the call: the journal went once, with the new token, and no 401 came first.
    const sent = journalCalls().slice(calls);
    expect(sent).toHaveLength(1);
    const accessToken = bearerOf(sent[0]);
    expect(accessToken).not.toBe(first.accessToken);
    expect(xero.tokens.isValid(accessToken)).toBe(true);
    const refreshToken = xero.tokens.issued.at(-1) ?? '';
    expect(refreshToken).toMatch(/^xero-rt-/);

    const [row] = await queryTest(
      `SELECT * FROM "${schema}".export_credential WHERE company_id = 'company-a' AND target = 'xero'`,
    );
    for (const secret of [accessToken, refreshToken, XERO_APP.clientSecret])
      expect(JSON.stringify(row)).not.toContain(secret);
    const read = (await (
      await fetch(
        `${svc.url}/companies/company-a/export-targets/xero/credentials`,
        { headers: A },
      )
    ).json()) as { credentials: Record<string, string> };
    expect(read.credentials).toMatchObject({
      accessToken: `************${accessToken.slice(-4)}`,
      refreshToken: `************${refreshToken.slice(-4)}`,
      clientId: XERO_APP.clientId,
      clientSecret: '************0004',
      tokenUrl: xero.tokenUrl,
    });
    expect(Date.parse(read.credentials['expiresAt'] ?? '')).toBeGreaterThan(
      Date.now() + 25 * 60_000,
    );

    // The next export reads the stored tokens: no refresh, the same new token.
    const next = await seedEntry();
    expect((await exportAndWait('xero', next.id)).items[0]?.status).toBe(
      'exported',
    );
    expect(xero.tokens.refreshRequests.length - refreshes).toBe(1);
    expect(bearerOf(journalCalls().at(-1))).toBe(accessToken);
  });

  it('Sage: a 401 during the export gets one refresh and the call once more', async () => {
    const first = sage.tokens.issue();
    // No expiresAt: the hub cannot know the token has expired until Sage says so.
    await connect('sage', {
      accessToken: first.accessToken,
      refreshToken: first.refreshToken,
    });
    sage.tokens.expire(first.accessToken);
    const refreshes = sage.tokens.refreshRequests.length;
    const requests = sage.requests.length;
    const journals = sage.journals.length;
    const entry = await seedEntry();
    const batch = await exportAndWait('sage', entry.id);
    expect(batch.items[0]).toMatchObject({ status: 'exported' });
    expect(sage.journals.length - journals).toBe(1);
    expect(sage.tokens.refreshRequests.length - refreshes).toBe(1);
    const api = sage.requests
      .slice(requests)
      .filter((r) => r.path.startsWith('/v3.1/'));
    // Exactly one call was refused (the first), every later one carried the new token.
    expect(api.filter((r) => bearerOf(r) === first.accessToken)).toHaveLength(
      1,
    );
    expect(api[0]?.path).toBe('/v3.1/ledger_accounts');
    const renewed = bearerOf(api.at(-1));
    expect(api.at(-1)?.path).toBe('/v3.1/journals');
    expect(sage.tokens.isValid(renewed)).toBe(true);
    expect(api.slice(1).every((r) => bearerOf(r) === renewed)).toBe(true);
  });

  it('two workers needing a refresh at once: one refresh at the token endpoint, the other uses the stored token', async () => {
    const second = await startTestService(ledgerValidation, {
      prefix,
      schema,
      fresh: false,
      env: serviceEnv(),
    });
    const release = xero.tokens.hold();
    try {
      await connectExpiredXero();
      const refreshes = xero.tokens.refreshRequests.length;
      const calls = journalCalls().length;
      const [e1, e2] = [await seedEntry(), await seedEntry()];
      const start = async (url: string, entryId: string): Promise<string> => {
        const res = await fetch(`${url}/companies/company-a/exports`, {
          method: 'POST',
          headers: A,
          body: JSON.stringify({ target: 'xero', entryId }),
        });
        expect(res.status).toBe(202);
        return ((await res.json()) as { id: string }).id;
      };
      const ids = await Promise.all([
        start(svc.url, e1.id),
        start(second.url, e2.id),
      ]);
      // One worker is at the token endpoint (held there); the other waits for the credential row lock.
      await waitFor(
        () => xero.tokens.refreshRequests.length > refreshes,
        10_000,
        'a refresh request',
      );
      await waitFor(
        async () =>
          (
            await queryTest(
              `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%export_credential%' AND query LIKE '%FOR UPDATE%'`,
            )
          ).length > 0,
        10_000,
        'the second worker to wait for the credential lock',
      );
      release();
      for (const id of ids) {
        const batch = await batchReaching(
          id,
          'done',
          15_000,
          `export batch ${id} to finish`,
        );
        expect(batch.items[0]?.status).toBe('exported');
      }
      expect(xero.tokens.refreshRequests.length - refreshes).toBe(1);
      const sent = journalCalls().slice(calls);
      expect(sent).toHaveLength(2);
      expect(bearerOf(sent[0])).toBe(bearerOf(sent[1]));
      expect(xero.tokens.isValid(bearerOf(sent[0]))).toBe(true);
    } finally {
      release();
      await second.close();
    }
  }, 40_000);

  it('a refused refresh token fails the export with a clear error and keeps the entry confirmed', async () => {
    await connectExpiredXero();
    xero.tokens.revokeRefreshTokens();
    const journals = xero.journals.length;
    const entry = await seedEntry();
    const batch = await exportAndWait('xero', entry.id);
    expect(batch.items[0]).toMatchObject({
      status: 'failed',
      errorClass: 'needs-a-person',
      errorMessage:
        'Xero refused the refresh token: reconnect the organisation',
    });
    expect(xero.journals.length).toBe(journals);
    expect(await statusOf(entry.id)).toBe('confirmed');
    expect(await lockedEvents(entry.id)).toBe(0);
  });

  it('never writes a secret to the logs', async () => {
    await waitFor(
      () => written.some((l) => l.includes('exported to')),
      5000,
      'export log lines',
    );
    const all = written.join('');
    const issued = [...xero.tokens.issued, ...sage.tokens.issued];
    expect(issued.length).toBeGreaterThan(4);
    for (const secret of [
      XERO_TOKEN,
      SAGE_TOKEN,
      SAP_PASSWORD,
      XERO_APP.clientSecret,
      SAGE_APP.clientSecret,
      ...issued,
    ])
      expect(all).not.toContain(secret);
    expect(all).not.toMatch(/B1SESSION=/);
  });
});
