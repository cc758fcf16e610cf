import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { TEST_DATABASE_URL, assertInfra, dropSchema, dropStreams, queryTest, startTestService, type TestService, uniqueName } from '@hub/testing';
import { api, entry } from '../../test/ledger-test-kit';
import { type LedgerValidationEnv, ledgerValidation } from './ledger-validation.service';
import { NightlyScheduler } from './validation/nightly.scheduler';

/** Nightly run under the advisory lock with the failure mail through a real SMTP server; CSV reports. */
describe('ledger-validation: nightly run, failure mail and reports', () => {
  const prefix = uniqueName();
  const schema = uniqueName('ledger');
  const mails: ParsedMail[] = [];
  let smtp: SMTPServer;
  let svc: TestService<LedgerValidationEnv>;
  const url = (path: string): string => `${svc.url}/companies/company-a${path}`;

  beforeAll(async () => {
    await assertInfra();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            mails.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    svc = await startTestService(ledgerValidation, {
      prefix,
      schema,
      env: { LEDGER_SCHEDULER_ENABLED: 'false', SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Ledger <ledger@hub.test>' },
    });
    await api(url('/ledger-settings'), {
      method: 'PATCH',
      body: JSON.stringify({
        timeZone: 'Europe/Tallinn',
        nightlyTime: '02:00',
        notifyEmails: ['books@company-a.test'],
        summaryColumns: [{ type: 'account-number' }, { type: 'project-group', group: 'DEPT' }, { type: 'vat-code' }, { type: 'empty', title: 'Note' }],
      }),
    });
    await api(url('/rule-sets'), {
      method: 'POST',
      body: JSON.stringify({ effectiveFrom: '2026-01-01', addresses: [{ groups: ['DEPT'] }], accountRules: [], exclusions: [{ accountPrefix: '2', group: 'DEPT' }] }),
    });
    const hostile = entry('=HYPERLINK("http://evil")', '2026-01-10', [{ group: 'DEPT', code: '@SUM(1+1)' }], { description: '-2+3, "quoted"\nline' });
    (hostile['rows'] as { accountNumber: string }[])[1]!.accountNumber = '2110';
    // The payables row carries DEPT too: the summary must leave it out (DEPT is excluded for 2xxx).
    (hostile['rows'] as { projects: unknown[] }[])[1]!.projects = [{ group: 'DEPT', code: 'TLN' }];
    const imported = await api(url('/entries/import'), {
      method: 'POST',
      body: JSON.stringify({ entries: [hostile, entry('KA-2', '2026-01-11', [{ group: 'DEPT', code: 'TLN' }]), entry('KA-3', '2026-01-12', [])] }),
    });
    expect(imported.status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await dropSchema(schema);
    await dropStreams(prefix);
  });

  it('runs nightly at 02:00 company time, in one replica only (advisory lock), once per night, and mails the failures', async () => {
    const scheduler = svc.app.get(NightlyScheduler);
    // 01:59 in Tallinn (UTC+2 in winter): not due yet.
    expect(await scheduler.tick(new Date('2026-01-20T23:59:00Z'))).toEqual({ lock: 'acquired', ran: [], failed: [] });
    // Another replica holds the scheduler lock: this one skips the tick.
    const other = new Client({ connectionString: TEST_DATABASE_URL });
    await other.connect();
    await other.query(`SELECT pg_advisory_lock(hashtext($1 || ':nightly-scheduler'))`, [schema]);
    expect(await scheduler.tick(new Date('2026-01-21T00:05:00Z'))).toEqual({ lock: 'busy' });
    await other.query(`SELECT pg_advisory_unlock(hashtext($1 || ':nightly-scheduler'))`, [schema]);
    await other.end();
    // Two ticks at once (two replicas): exactly one runs the company.
    const [t1, t2] = await Promise.all([scheduler.tick(new Date('2026-01-21T00:05:00Z')), scheduler.tick(new Date('2026-01-21T00:05:00Z'))]);
    const ran = [t1, t2].flatMap((t) => (t.lock === 'acquired' ? t.ran : []));
    expect(ran).toEqual(['company-a']);
    // Later the same night: already done.
    expect(await scheduler.tick(new Date('2026-01-21T03:00:00Z'))).toEqual({ lock: 'acquired', ran: [], failed: [] });
    const runs = await queryTest<{ trigger: string; checked: number; confirmed: number; rejected: number; mail_status: string }>(
      `SELECT trigger, checked, confirmed, rejected, mail_status FROM "${schema}".validation_run`,
    );
    expect(runs).toEqual([expect.objectContaining({ trigger: 'nightly', checked: 3, confirmed: 2, rejected: 1 })]);
    expect(runs[0]?.mail_status).toMatch(/^sent to books@company-a\.test/);

    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('Journal entries failed validation: company-a, 1 entry');
    expect(mail.from?.text).toContain('ledger@hub.test');
    expect(mail.text).toContain('- entry KA-3 (2026-01-12), row 1, account 6000: project group DEPT missing (address 1, rules v1)');
    const csv = mail.attachments[0]?.content.toString('utf8') ?? '';
    expect(csv).toContain('KA-3,2026-01-12,1,6000,DEPT,address,1,1\r\n');
  });

  it('(a) entries report: every row with its projects, RFC 4180 quoting, formulas neutralised', async () => {
    const res = await fetch(url('/reports/entries.csv'), { headers: { authorization: `Bearer token-company-a-0123456789` } });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    // UTF-8 with a byte-order mark (fetch's text() would strip it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('Entry,Date,Description,Source,Status,Row,Account,Account name,Debit,Credit,VAT code,VAT name,Customer or supplier,Partner type,Registration code,DEPT\r\n')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")",2026-01-10,"'-2+3, ""quoted""\nline",purchase-invoice,confirmed,1,6000,Office expenses,100.00,0.00,22,VAT 22%,Supplier OÜ,supplier,12345678,'@SUM(1+1)\r\n`);
    expect(text).toContain('KA-3,2026-01-12,Entry KA-3,purchase-invoice,unconfirmed,2,2110,Payables,0.00,100.00,,,,,,\r\n');
    // Every line has the header's number of cells (quoted newlines aside).
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + 6);
  });

  it('(b) summary report: the configured columns, totals, excluded groups left out of those accounts', async () => {
    const text = await (await fetch(url('/reports/summary.csv?bom=false'), { headers: { authorization: `Bearer token-company-a-0123456789` } })).text();
    expect(text).toBe(
      [
        'Account,DEPT,VAT code,Note,Rows,Debit,Credit',
        // 2110 lines carry DEPT=TLN on one entry, but DEPT is excluded for 2xxx: one line.
        '2110,,,,3,0.00,300.00',
        '6000,,22,,1,100.00,0.00',
        "6000,'@SUM(1+1),22,,1,100.00,0.00",
        '6000,TLN,22,,1,100.00,0.00',
        '',
      ].join('\r\n'),
    );
  });

  it('(c) missing-groups report: entry, row, account, group and rule of every failure', async () => {
    const text = await (await fetch(url('/reports/missing-groups.csv?bom=false'), { headers: { authorization: `Bearer token-company-a-0123456789` } })).text();
    expect(text).toBe(
      [
        'Entry,Date,Status,Row,Account,Account name,Missing project group,Project group name,Rule,Rule number,Rule-set version,Problem',
        'KA-3,2026-01-12,unconfirmed,1,6000,Office expenses,DEPT,,address,1,1,"row 1, account 6000: project group DEPT missing (address 1, rules v1)"',
        '',
      ].join('\r\n'),
    );
  });
});
