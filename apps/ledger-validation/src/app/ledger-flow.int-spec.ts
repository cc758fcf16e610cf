import { assertInfra, dropSchema, dropStreams, queryTest, startTestService, type TestService, uniqueName, waitFor } from '@hub/testing';
import { AUTH, api, entry, publishErp } from '../../test/ledger-test-kit';
import { DataSource } from 'typeorm';
import { type LedgerValidationEnv, ledgerValidation } from './ledger-validation.service';
import { ValidationResultsWriter } from './validation/validation-results.writer';

/** The service against the real Postgres and NATS: entries in by event and import, rules by date, statuses, bad input. */
describe('ledger-validation: entries, rules and statuses', () => {
  const prefix = uniqueName();
  const schema = uniqueName('ledger');
  let svc: TestService<LedgerValidationEnv>;
  const url = (path: string): string => `${svc.url}/companies/company-a${path}`;

  beforeAll(async () => {
    await assertInfra();
    svc = await startTestService(ledgerValidation, { prefix, schema, env: { LEDGER_SCHEDULER_ENABLED: 'false' } });
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await dropSchema(schema);
    await dropStreams(prefix);
  });

  const entryOf = (number: string): Promise<{ status: number; body: Record<string, unknown> & { rows: unknown[]; failures: unknown[] } }> =>
    api(url(`/entries/${encodeURIComponent(number)}`));

  it('stores an entry from erp.journal-entry.upserted.v1 as unconfirmed, with an audit row', async () => {
    await publishErp(prefix, 'erp.journal-entry.upserted.v1', 'company-a', { companyId: 'company-a', ...entry('KA-1', '2026-02-10', [{ group: 'DEPT', code: 'TLN' }]) }, 'e-1');
    const stored = await waitFor(async () => {
      const r = await entryOf('KA-1');
      return r.status === 200 ? r.body : undefined;
    }, 15_000, 'the entry to be stored');
    expect(stored).toMatchObject({ number: 'KA-1', date: '2026-02-10', status: 'unconfirmed', rowCount: 2, totalDebit: '100.0000' });
    expect(stored.rows[0]).toMatchObject({ accountNumber: '6000', projectGroups: ['DEPT'], projectCodes: ['TLN'], registrationCode: '12345678' });
    const history = await api<{ from: string | null; to: string; who: string }[]>(url('/entries/KA-1/history'));
    expect(history.body).toEqual([expect.objectContaining({ from: null, to: 'unconfirmed', who: 'erp' })]);
  });

  it('names accounts from the chart the ERP sends (erp.account.changed.v1, and the deprecated erp.ledger-account.changed.v1): the newest change wins', async () => {
    const chart = { companyId: 'company-a', type: 'expense', active: true };
    await publishErp(prefix, 'erp.account.changed.v1', 'company-a', { ...chart, number: '7000', name: 'Marketing', changedAt: '2026-01-02T00:00:00Z' }, 'acc-1');
    // Older than the change above, by the other subject: ignored.
    await publishErp(prefix, 'erp.ledger-account.changed.v1', 'company-a', { companyId: 'company-a', accountNumber: '7000', name: 'Old name', changedAt: '2026-01-01T00:00:00Z' }, 'acc-2');
    await publishErp(prefix, 'erp.ledger-account.changed.v1', 'company-a', { companyId: 'company-a', accountNumber: '7100', name: 'Travel', changedAt: '2026-01-01T00:00:00Z' }, 'acc-3');
    await publishErp(prefix, 'erp.account.changed.v1', 'company-a', { ...chart, number: '7200', name: 'Closed', active: false, deleted: true, changedAt: '2026-01-03T00:00:00Z' }, 'acc-4');
    const consumed = async (): Promise<number> =>
      (await queryTest<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".inbox_message WHERE message_id LIKE 'acc-%'`))[0]?.n ?? 0;
    await waitFor(async () => ((await consumed()) === 4 ? true : undefined), 15_000, 'the four chart-of-accounts events');
    expect(await queryTest(`SELECT number, name, deleted FROM "${schema}".ledger_account WHERE company_id = 'company-a' ORDER BY number`)).toEqual([
      { number: '7000', name: 'Marketing', deleted: false },
      { number: '7100', name: 'Travel', deleted: false },
      { number: '7200', name: 'Closed', deleted: true },
    ]);
  });

  it('dead-letters an unbalanced entry and one with unknown fields or wrong types, with the reason', async () => {
    const unbalanced = entry('KA-BAD', '2026-02-10', []);
    (unbalanced['rows'] as { credit: string }[])[1]!.credit = '90.00';
    await publishErp(prefix, 'erp.journal-entry.upserted.v1', 'company-a', { companyId: 'company-a', ...unbalanced }, 'bad-1');
    await publishErp(prefix, 'erp.journal-entry.upserted.v1', 'company-a', { companyId: 'company-a', ...entry('KA-BAD2', '2026-02-10', []), surprise: 1, date: 20260210 }, 'bad-2');
    const letters = await waitFor(async () => {
      const rows = await queryTest<{ message_id: string; reason: string; error: string }>(`SELECT message_id, reason, error FROM "${schema}".dead_letter ORDER BY message_id`);
      return rows.length === 2 ? rows : undefined;
    }, 15_000, 'two dead letters');
    expect(letters[0]).toMatchObject({ message_id: 'bad-1', reason: 'invalid-payload' });
    expect(letters[0]?.error).toContain('rows: rows must balance (the sum of debits must equal the sum of credits): debits 100.00 ≠ credits 90.00');
    expect(letters[1]?.error).toMatch(/date: date must be a calendar date/);
    expect(letters[1]?.error).toMatch(/surprise/);
    expect((await entryOf('KA-BAD')).status).toBe(404);
  });

  it('judges entries by the rule-set version in force on their date, and names row, account, group and rule', async () => {
    const v1 = await api(url('/rule-sets'), { method: 'POST', body: JSON.stringify({ effectiveFrom: '2025-01-01', addresses: [], accountRules: [], exclusions: [] }) });
    expect(v1.status).toBe(201);
    const v2 = await api<{ version: number }>(url('/rule-sets'), {
      method: 'POST',
      body: JSON.stringify({
        effectiveFrom: '2026-01-01',
        comment: 'DEPT and PROJ on expenses',
        addresses: [{ groups: ['DEPT'] }],
        accountRules: [{ account: '6000', group: 'PROJ' }],
        exclusions: [{ accountPrefix: '2', group: 'DEPT' }],
      }),
    });
    expect(v2.body.version).toBe(2);
    const imported = await api(url('/entries/import'), {
      method: 'POST',
      body: JSON.stringify({
        entries: [
          entry('OLD-1', '2025-12-31', []),
          entry('NEW-OK', '2026-01-05', [{ group: 'DEPT', code: 'TLN' }, { group: 'PROJ', code: 'P1' }]),
          entry('NEW-BAD', '2026-01-05', [{ group: 'DEPT', code: 'TLN' }]),
        ],
      }),
    });
    expect(imported).toMatchObject({ status: 200, body: { created: 3 } });
    const run = await api<{ checked: number; confirmed: number; rejected: number; mailStatus: string }>(url('/validation-runs'), { method: 'POST', body: '{}' });
    expect(run.body).toMatchObject({ checked: 4, confirmed: 2, rejected: 2 });
    expect((await entryOf('OLD-1')).body).toMatchObject({ status: 'confirmed', ruleSetVersion: 1 });
    expect((await entryOf('NEW-OK')).body).toMatchObject({ status: 'confirmed', ruleSetVersion: 2 });
    const bad = await entryOf('NEW-BAD');
    expect(bad.body).toMatchObject({ status: 'unconfirmed', ruleSetVersion: 2 });
    expect(bad.body.failures).toEqual([{ row: 1, accountNumber: '6000', missingGroup: 'PROJ', ruleKind: 'account-rule', ruleNumber: 1, ruleSetVersion: 2 }]);
    const rejected = await waitFor(async () => {
      const rows = await queryTest<{ payload: { number: string; reasons: { message: string }[] } }>(
        `SELECT payload FROM "${schema}".outbox_message WHERE subject = 'ledger.entry.rejected.v1' AND payload->>'number' = 'NEW-BAD'`,
      );
      return rows[0];
    }, 5000, 'the rejected event');
    expect(rejected.payload.reasons[0]?.message).toBe('row 1, account 6000: project group PROJ missing (account rule 1, rules v2)');
    const inForce = await api<{ version: number }>(url('/rule-sets/in-force?date=2025-06-01'));
    expect(inForce.body.version).toBe(1);
  });

  it('answers 400 with field errors for invalid rules and invalid imports, storing nothing', async () => {
    const rules = await api<{ fields: { field: string }[] }>(url('/rule-sets'), {
      method: 'POST',
      body: JSON.stringify({
        effectiveFrom: '2026-13-01',
        addresses: [{ groups: ['DEPT', 'DEPT'] }],
        accountRules: [{ account: '6000', group: 'A' }, { account: '6000', group: 'A' }],
        exclusions: [{ account: '1000', accountPrefix: '1', group: 'A' }, { group: 'B' }],
        extra: true,
      }),
    });
    expect(rules.status).toBe(400);
    expect(rules.body.fields.map((f) => f.field).sort()).toEqual(['accountRules', 'addresses[0].groups', 'effectiveFrom', 'exclusions[0].account', 'exclusions[1].account', 'extra']);
    const unbalanced = entry('IMP-1', '2026-01-05', []);
    (unbalanced['rows'] as { debit: string }[])[0]!.debit = '1e3';
    const bad = await api<{ fields: { field: string; errors: string[] }[] }>(url('/entries/import'), {
      method: 'POST',
      body: JSON.stringify({ entries: [entry('IMP-0', '2026-01-05', []), unbalanced] }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: 'entries[1].rows[0].debit', errors: ['debit must be a decimal string such as 120.50'] }]);
    expect((await entryOf('IMP-0')).status).toBe(404);
    const ndjson = await fetch(url('/entries/import-ndjson'), {
      method: 'POST',
      headers: { ...AUTH.a, 'content-type': 'application/x-ndjson' },
      body: [entry('ND-1', '2026-01-05', []), { ...entry('ND-2', '2026-01-05', []), rows: [] }].map((e) => JSON.stringify(e)).join('\n'),
    });
    expect(ndjson.status).toBe(400);
    expect(((await ndjson.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['entries[1].rows']);
  });

  it('imports idempotently by entry number', async () => {
    const body = JSON.stringify({ entries: [entry('IDEM-1', '2026-03-01', [])] });
    expect((await api(url('/entries/import'), { method: 'POST', body })).body).toMatchObject({ created: 1 });
    expect((await api(url('/entries/import'), { method: 'POST', body })).body).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('does not overwrite a locked entry; unlocking applies the ERP version that waited; every change is audited', async () => {
    const lock = await api<{ from: string; to: string }>(url('/entries/OLD-1/status'), { method: 'POST', body: JSON.stringify({ status: 'locked', reason: 'sent to SAP by hand' }) });
    expect(lock.body).toMatchObject({ from: 'confirmed', to: 'locked', changed: true });
    const changed = { ...entry('OLD-1', '2025-12-31', []), description: 'changed in the ERP' };
    await publishErp(prefix, 'erp.journal-entry.upserted.v1', 'company-a', { companyId: 'company-a', ...changed }, 'e-lock-1');
    await waitFor(async () => (await entryOf('OLD-1')).body['pendingErpUpdate'] === true, 15_000, 'the update to be held');
    expect((await entryOf('OLD-1')).body).toMatchObject({ status: 'locked', description: 'Entry OLD-1' });
    const unlock = await api(url('/entries/OLD-1/status'), { method: 'POST', body: JSON.stringify({ status: 'confirmed', reason: 'reopen' }) });
    expect(unlock.body).toMatchObject({ to: 'unconfirmed', appliedPendingErpUpdate: true });
    expect((await entryOf('OLD-1')).body).toMatchObject({ status: 'unconfirmed', description: 'changed in the ERP', pendingErpUpdate: false });
    const history = await api<{ from: string | null; to: string; who: string; why: string }[]>(url('/entries/OLD-1/history'));
    expect(history.body.map((h) => `${h.from}->${h.to}`)).toEqual(['null->unconfirmed', 'unconfirmed->confirmed', 'confirmed->locked', 'locked->unconfirmed']);
    expect(history.body[2]).toMatchObject({ who: expect.stringMatching(/^token:[0-9a-f]{8}$/), why: 'sent to SAP by hand' });
    const locked = await queryTest(`SELECT 1 FROM "${schema}".outbox_message WHERE subject = 'ledger.entry.locked.v1' AND payload->>'number' = 'OLD-1'`);
    expect(locked).toHaveLength(1);
  });

  it('validates on arrival when the company enables it', async () => {
    await api(url('/ledger-settings'), { method: 'PATCH', body: JSON.stringify({ validateOnArrival: true }) });
    await publishErp(prefix, 'erp.journal-entry.upserted.v1', 'company-a', { companyId: 'company-a', ...entry('ARR-1', '2026-04-01', [{ group: 'DEPT', code: 'X' }, { group: 'PROJ', code: 'Y' }]) }, 'arr-1');
    const stored = await waitFor(async () => {
      const r = await entryOf('ARR-1');
      return r.status === 200 ? r.body : undefined;
    }, 15_000, 'the entry');
    expect(stored).toMatchObject({ status: 'confirmed', ruleSetVersion: 2 });
  });

  it('refuses another company (403) and a missing token (401)', async () => {
    expect((await fetch(url('/entries'), { headers: AUTH.b })).status).toBe(403);
    expect((await fetch(`${svc.url}/companies/company-b/reports/entries.csv`, { headers: AUTH.a })).status).toBe(403);
    expect((await fetch(url('/rule-sets'), { method: 'POST', headers: AUTH.b, body: '{}' })).status).toBe(403);
    expect((await fetch(url('/entries'))).status).toBe(401);
  });

  it('a run does not confirm an entry that changed after its snapshot read it (the next run judges the new version)', async () => {
    const urlB = (path: string): string => `${svc.url}/companies/company-b${path}`;
    const imported = await api(urlB('/entries/import'), { headers: AUTH.b, method: 'POST', body: JSON.stringify({ entries: [entry('B-RACE', '2026-02-10', [])] }) });
    expect(imported.status).toBe(200);
    const [row] = await queryTest<{ id: string; updated_at: string }>(`SELECT id, updated_at::text FROM "${schema}".journal_entry WHERE company_id = 'company-b' AND number = 'B-RACE'`);
    const verdict = (readUpdatedAt: string) => ({ entryId: row!.id, number: 'B-RACE', date: '2026-02-10', version: 1, failures: [], readUpdatedAt });
    const apply = (readUpdatedAt: string) =>
      svc.app.get(DataSource).transaction((m) => svc.app.get(ValidationResultsWriter).apply(m, 'company-b', [verdict(readUpdatedAt)], 'manual', null));
    // Read before an ERP update that has landed since: left unconfirmed.
    expect(await apply('2026-01-01 00:00:00+00')).toEqual({ confirmed: 0, rejected: 0 });
    expect((await api<{ status: string }>(urlB('/entries/B-RACE'), { headers: AUTH.b })).body.status).toBe('unconfirmed');
    // Read as it is now: confirmed.
    expect(await apply(row!.updated_at)).toEqual({ confirmed: 1, rejected: 0 });
    expect((await api<{ status: string }>(urlB('/entries/B-RACE'), { headers: AUTH.b })).body.status).toBe('confirmed');
  });
});
