import { DataSource } from 'typeorm';
import { assertInfra, dropSchema, dropStreams, startTestService, type TestService, uniqueName } from '@hub/testing';
import { api, AUTH, entry } from '../../../test/ledger-test-kit';
import { type LedgerValidationEnv, ledgerValidation } from '../ledger-validation.service';
import { RuleSetStore } from '../rules/rule-set.store';
import { entriesReport, type LineSink, missingGroupsReport } from './reports';

/** Collects a report's text. */
class TextSink implements LineSink {
  readonly closed = false;
  text = '';
  async line(text: string | Buffer): Promise<void> {
    this.text += text.toString();
  }
}

/**
 * Reports over several project groups and rule-set versions: the entries report places each
 * row's projects in the sorted group columns whatever their order on the row; the summary,
 * aggregated by Postgres, leaves a group out by the version in force on each entry's date
 * (the newest of two versions with the same date).
 */
describe('ledger-validation: reports across project groups and rule-set versions', () => {
  const prefix = uniqueName();
  const schema = uniqueName('ledger');
  let svc: TestService<LedgerValidationEnv>;
  const url = (path: string): string => `${svc.url}/companies/company-a${path}`;
  const csv = async (path: string): Promise<string> => (await api<string>(url(path))).body;

  beforeAll(async () => {
    await assertInfra();
    svc = await startTestService(ledgerValidation, { prefix, schema, env: { LEDGER_SCHEDULER_ENABLED: 'false' } });
    await api(url('/ledger-settings'), {
      method: 'PATCH',
      body: JSON.stringify({ summaryColumns: [{ type: 'account-name' }, { type: 'project-group', group: 'DEPT' }, { type: 'project-group', group: 'CAR' }] }),
    });
    const ruleSet = (effectiveFrom: string, exclusions: unknown[]): { method: string; body: string } => ({
      method: 'POST',
      body: JSON.stringify({ effectiveFrom, addresses: [], accountRules: [], exclusions }),
    });
    expect((await api(url('/rule-sets'), ruleSet('2026-01-01', []))).status).toBe(201);
    expect((await api(url('/rule-sets'), ruleSet('2026-03-01', [{ account: '6000', group: 'DEPT' }]))).status).toBe(201);
    // Same date, newer version: it replaces the one above from 2026-03-01 on.
    expect((await api(url('/rule-sets'), ruleSet('2026-03-01', [{ account: '6000', group: 'CAR' }]))).status).toBe(201);
    const projects = [
      { group: 'CAR', code: 'C1' },
      { group: 'DEPT', code: 'D1' },
    ];
    const imported = await api(url('/entries/import'), {
      method: 'POST',
      body: JSON.stringify({ entries: [entry('E1', '2026-02-10', projects), entry('E2', '2026-03-10', projects), entry('E0', '2025-12-31', projects)] }),
    });
    expect(imported.status).toBe(200);
    // company-b: an account rule that E10 and E12 break, entries of one, two and three rows.
    const b = { headers: AUTH.b };
    const urlB = (path: string): string => `${svc.url}/companies/company-b${path}`;
    const rules = { effectiveFrom: '2026-01-01', addresses: [], accountRules: [{ account: '6000', group: 'DEPT' }, { account: '2110', group: 'CAR' }], exclusions: [] };
    expect((await api(urlB('/rule-sets'), { ...b, method: 'POST', body: JSON.stringify(rules) })).status).toBe(201);
    const three = entry('E12', '2026-02-02', []);
    (three['rows'] as unknown[]).push({ accountNumber: '6000', debit: '1.00', credit: '0', projects: [] }, { accountNumber: '2110', debit: '0', credit: '1.00', projects: [] });
    const one = { ...entry('E13', '2026-02-03', []), rows: [{ accountNumber: '7000', debit: '0', credit: '0', projects: [{ group: 'CAR', code: 'C9' }] }] };
    const entriesB = [entry('E10', '2026-02-01', [{ group: 'CAR', code: 'C1' }]), entry('E11', '2026-02-01', projects), three, one];
    expect((await api(urlB('/entries/import'), { ...b, method: 'POST', body: JSON.stringify({ entries: entriesB }) })).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await dropSchema(schema);
    await dropStreams(prefix);
  });

  it('(a) puts each project in its group column, groups sorted, empty cells for the rest', async () => {
    const lines = (await csv('/reports/entries.csv?bom=false')).split('\r\n');
    expect(lines[0]).toBe(
      'Entry,Date,Description,Source,Status,Row,Account,Account name,Debit,Credit,VAT code,VAT name,Customer or supplier,Partner type,Registration code,CAR,DEPT',
    );
    expect(lines.slice(1)).toEqual([
      'E0,2025-12-31,Entry E0,purchase-invoice,unconfirmed,1,6000,Office expenses,100.00,0.00,22,VAT 22%,Supplier OÜ,supplier,12345678,C1,D1',
      'E0,2025-12-31,Entry E0,purchase-invoice,unconfirmed,2,2110,Payables,0.00,100.00,,,,,,,',
      'E1,2026-02-10,Entry E1,purchase-invoice,unconfirmed,1,6000,Office expenses,100.00,0.00,22,VAT 22%,Supplier OÜ,supplier,12345678,C1,D1',
      'E1,2026-02-10,Entry E1,purchase-invoice,unconfirmed,2,2110,Payables,0.00,100.00,,,,,,,',
      'E2,2026-03-10,Entry E2,purchase-invoice,unconfirmed,1,6000,Office expenses,100.00,0.00,22,VAT 22%,Supplier OÜ,supplier,12345678,C1,D1',
      'E2,2026-03-10,Entry E2,purchase-invoice,unconfirmed,2,2110,Payables,0.00,100.00,,,,,,,',
      '',
    ]);
  });

  it('(b) leaves a group out by the rules of each entry date: before any rules, v1, and the newest of v2/v3', async () => {
    expect(await csv('/reports/summary.csv?bom=false')).toBe(
      [
        'Account name,DEPT,CAR,Rows,Debit,Credit',
        // E2 (March): v3 excludes CAR from 6000 (v2's DEPT exclusion is replaced).
        'Office expenses,D1,,1,100.00,0.00',
        // E0 (before any rules) and E1 (v1): nothing excluded, one line.
        'Office expenses,D1,C1,2,200.00,0.00',
        'Payables,,,3,0.00,300.00',
        '',
      ].join('\r\n'),
    );
  });

  it('(b) with a date filter: only the entries in range are summed', async () => {
    expect(await csv('/reports/summary.csv?bom=false&from=2026-02-01&to=2026-02-28')).toBe(
      ['Account name,DEPT,CAR,Rows,Debit,Credit', 'Office expenses,D1,C1,1,100.00,0.00', 'Payables,,,1,0.00,100.00', ''].join('\r\n'),
    );
  });

  it('(a) and (c) are the same however the rows are cut into batches (an entry never split, one longer than a batch whole)', async () => {
    const dataSource = svc.app.get(DataSource);
    const judge = await svc.app.get(RuleSetStore).judge('company-b');
    const report = async (kind: 'a' | 'c', batchRows?: number): Promise<string> => {
      const sink = new TextSink();
      if (kind === 'a') await entriesReport(dataSource, 'company-b', {}, sink, batchRows);
      else await missingGroupsReport(dataSource, 'company-b', {}, judge, sink, batchRows);
      return sink.text;
    };
    const a = await report('a');
    const c = await report('c');
    expect(a.split('\r\n').map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      'Entry,Date,Description,Source,Status,Row',
      'E10,2026-02-01,Entry E10,purchase-invoice,unconfirmed,1',
      'E10,2026-02-01,Entry E10,purchase-invoice,unconfirmed,2',
      'E11,2026-02-01,Entry E11,purchase-invoice,unconfirmed,1',
      'E11,2026-02-01,Entry E11,purchase-invoice,unconfirmed,2',
      'E12,2026-02-02,Entry E12,purchase-invoice,unconfirmed,1',
      'E12,2026-02-02,Entry E12,purchase-invoice,unconfirmed,2',
      'E12,2026-02-02,Entry E12,purchase-invoice,unconfirmed,3',
      'E12,2026-02-02,Entry E12,purchase-invoice,unconfirmed,4',
      'E13,2026-02-03,Entry E13,purchase-invoice,unconfirmed,1',
      '',
    ]);
    // Each failing row named with its own account and name: both of E10's rows (no DEPT, no CAR), E11's row 2, E12's four rows.
    expect(c.split('\r\n').slice(1, -1).map((l) => l.split(',').slice(0, 7).join(','))).toEqual([
      'E10,2026-02-01,unconfirmed,1,6000,Office expenses,DEPT',
      'E10,2026-02-01,unconfirmed,2,2110,Payables,CAR',
      'E11,2026-02-01,unconfirmed,2,2110,Payables,CAR',
      'E12,2026-02-02,unconfirmed,1,6000,Office expenses,DEPT',
      'E12,2026-02-02,unconfirmed,2,2110,Payables,CAR',
      'E12,2026-02-02,unconfirmed,3,6000,,DEPT',
      'E12,2026-02-02,unconfirmed,4,2110,,CAR',
    ]);
    for (const batchRows of [1, 2, 3, 5]) {
      expect(await report('a', batchRows)).toBe(a);
      expect(await report('c', batchRows)).toBe(c);
    }
  });
});
