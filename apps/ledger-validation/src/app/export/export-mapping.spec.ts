import { stringifyWithDecimals, JsonDecimal } from './adapters/decimal-json';
import { toSapJournalEntry } from './adapters/sap-b1/sap-b1-journal.mapper';
import { toSageJournal } from './adapters/sage/sage-journal.mapper';
import { parseRetryAfter } from './adapters/target-http';
import { toXeroManualJournal } from './adapters/xero/xero-journal.mapper';
import { entryContentHash, exportIdempotencyKey } from './export-key';
import type { ExportableEntry } from './ports/exportable-entry';

const entry: ExportableEntry = {
  companyId: 'acme',
  entryId: '0b7f3b8e-0000-4000-8000-000000000001',
  number: 'JE-1',
  date: '2026-01-31',
  description: 'Rent',
  status: 'confirmed',
  rows: [
    {
      accountNumber: '6000',
      debit: '0.30',
      credit: '0',
      vatCode: '22',
      projects: [
        { group: 'C', code: 'c1' },
        { group: 'A', code: 'a1', groupName: 'Department', name: 'Admin' },
        { group: 'B', code: 'b1' },
      ],
    },
    { accountNumber: '2000', debit: '0', credit: '0.30', projects: [] },
  ],
};

describe('amounts on the wire', () => {
  it('writes decimals as JSON numbers digit for digit, never through a float', () => {
    const json = stringifyWithDecimals({ a: new JsonDecimal('0.3'), b: [new JsonDecimal('-1234567890123.45')], s: 'x' });
    expect(json).toBe('{"a":0.30,"b":[-1234567890123.45],"s":"x"}');
  });
});

describe('Xero ManualJournal mapping', () => {
  it('signs amounts, maps the first two groups to tracking and keeps the rest in the description', () => {
    const { journal, warnings } = toXeroManualJournal(entry, { taxTypes: { '22': 'INPUT2' }, status: 'POSTED' });
    expect(stringifyWithDecimals(journal.JournalLines.map((l) => l.LineAmount))).toBe('[0.30,-0.30]');
    expect(journal.JournalLines[0]).toMatchObject({
      AccountCode: '6000',
      TaxType: 'INPUT2',
      Tracking: [{ Name: 'Department', Option: 'Admin' }, { Name: 'B', Option: 'b1' }],
      Description: 'Rent [C: c1]',
    });
    expect(warnings).toEqual([expect.stringContaining('project groups C')]);
    expect(journal).toMatchObject({ Narration: 'JE-1 Rent', Date: '2026-01-31', LineAmountTypes: 'NoTax' });
  });

  it('uses the configured tracking groups', () => {
    const { journal } = toXeroManualJournal(entry, { trackingGroups: ['C'], taxTypes: {}, status: 'DRAFT' });
    expect(journal.JournalLines[0]?.Tracking).toEqual([{ Name: 'C', Option: 'c1' }]);
  });
});

describe('Sage and SAP B1 mapping', () => {
  it('Sage: ledger account ids, debit and credit, projects in details, idempotency_id', () => {
    const body = toSageJournal(entry, new Map([['6000', 'id6000'], ['2000', 'id2000']]), 'key-1');
    expect(body.journal.idempotency_id).toBe('key-1');
    expect(body.journal.journal_lines[0]).toMatchObject({ ledger_account_id: 'id6000', details: '[Department: Admin; B: b1; C: c1]' });
    expect(stringifyWithDecimals(body.journal.journal_lines[1])).toBe('{"ledger_account_id":"id2000","debit":0.00,"credit":0.30}');
  });

  it('SAP B1: reference, costing dimensions by mapping, memo within 50 characters', () => {
    const long = { ...entry, description: 'x'.repeat(80) };
    const { journal, warnings } = toSapJournalEntry(long, 'lv1-abc', { A: 2, C: 1 });
    expect(journal.Memo).toHaveLength(50);
    expect(journal.Reference).toBe('lv1-abc');
    expect(journal.JournalEntryLines[0]).toMatchObject({ CostingCode: 'c1', CostingCode2: 'a1' });
    expect(warnings).toEqual([expect.stringContaining('B')]);
  });
});

describe('idempotency key and Retry-After', () => {
  it('is derived from company, number and content: stable across loads, new for new content', () => {
    const key = exportIdempotencyKey('acme', 'JE-1', entryContentHash(entry));
    expect(exportIdempotencyKey('acme', 'JE-1', entryContentHash(structuredClone(entry)))).toBe(key);
    const changed = { ...entry, rows: entry.rows.map((r) => ({ ...r, debit: r.debit === '0.30' ? '0.31' : r.debit })) };
    expect(exportIdempotencyKey('acme', 'JE-1', entryContentHash(changed))).not.toBe(key);
    expect(exportIdempotencyKey('other', 'JE-1', entryContentHash(entry))).not.toBe(key);
    expect(key.length).toBeLessThanOrEqual(100);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
    const ms = parseRetryAfter(new Date(Date.now() + 10_000).toUTCString()) ?? 0;
    expect(ms).toBeGreaterThan(8000);
  });
});
