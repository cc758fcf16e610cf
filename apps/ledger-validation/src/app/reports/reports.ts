import type { DataSource } from 'typeorm';
import { describeFailure, type RowFailure } from '../engine/rule-set.model';
import type { RuleSetJudge } from '../rules/rule-set.store';
import type { SummaryColumn } from '../settings/summary-columns';
import { amountUnits, csvLine, formatAmount, formatNumeric, numberCell, textCell } from './csv';
import { erpNames, reportBatches, type ReportFilter, type ReportRow } from './report-source';

/** Where report lines go: the HTTP download ({@link CsvStream}) or the benchmark's counter. */
export interface LineSink {
  readonly closed: boolean;
  line(text: string): Promise<void>;
}

const headerOf = (code: string, names: Map<string, string>): string => {
  const name = names.get(code);
  return name ? `${name} (${code})` : code;
};

/** (a) Every row of every entry, with one column per project group holding the row's project in it. */
export async function entriesReport(dataSource: DataSource, companyId: string, filter: ReportFilter, sink: LineSink): Promise<void> {
  const names = await erpNames(dataSource, companyId);
  const used = (await dataSource.query(
    `SELECT DISTINCT g FROM journal_entry e JOIN journal_row r ON r.entry_id = e.id, unnest(r.project_groups) AS g
     WHERE e.company_id = $1 AND ($2::date IS NULL OR e.entry_date >= $2) AND ($3::date IS NULL OR e.entry_date <= $3)
       AND ($4::text[] IS NULL OR e.status = ANY($4))`,
    [companyId, filter.from ?? null, filter.to ?? null, filter.statuses ?? null],
  )) as { g: string }[];
  const groups = [...new Set([...names.groups.keys(), ...used.map((u) => u.g)])].sort();
  await sink.line(
    csvLine([
      'Entry', 'Date', 'Description', 'Source', 'Status', 'Row', 'Account', 'Account name', 'Debit', 'Credit', 'VAT code', 'VAT name',
      'Customer or supplier', 'Partner type', 'Registration code', ...groups.map((g) => headerOf(g, names.groups)),
    ]),
  );
  for await (const batch of reportBatches(dataSource, companyId, filter)) {
    if (sink.closed) return;
    const lines: string[] = [];
    for (const e of batch) {
      for (const r of e.rows) {
        lines.push(
          [
            textCell(e.number), e.date, textCell(e.description), textCell(e.source), e.status, String(r.row), textCell(r.accountNumber),
            textCell(r.accountName ?? names.accounts.get(r.accountNumber)), formatNumeric(r.debit), formatNumeric(r.credit), textCell(r.vatCode), textCell(r.vatName), textCell(r.partnerName),
            textCell(r.partnerKind), textCell(r.registrationCode), ...groups.map((g) => {
              const i = r.groups.indexOf(g);
              return i < 0 ? '' : textCell(r.codes[i]);
            }),
          ].join(',') + '\r\n',
        );
      }
    }
    await sink.line(lines.join(''));
  }
}

interface SummaryLine {
  cells: string[];
  /** Ten-thousandths, as a float while exact (|x| < 2^53), else moved to the bigints below. */
  debit: number;
  credit: number;
  bigDebit: bigint;
  bigCredit: bigint;
  rows: number;
}

const EXACT = Number.MAX_SAFE_INTEGER / 4;

/** Adds numeric(19,4) text to a line's exact total: float arithmetic on integers while safe, bigint beyond. */
function add(line: SummaryLine, side: 'debit' | 'credit', text: string): void {
  const units = Number(text.replace('.', ''));
  const big = side === 'debit' ? 'bigDebit' : 'bigCredit';
  if (Math.abs(units) < EXACT && Math.abs(line[side]) < EXACT) {
    line[side] += units;
  } else {
    line[big] += BigInt(line[side]) + amountUnits(text);
    line[side] = 0;
  }
}

/**
 * (b) The summary ("koond"): rows aggregated by the company's ordered columns, with debit
 * and credit totals. A project-group column stays empty on the lines of accounts the
 * rules (in force on each entry's date) exclude that group from. Memory grows with the
 * number of output lines, never with the number of rows.
 */
export async function summaryReport(
  dataSource: DataSource,
  companyId: string,
  filter: ReportFilter,
  columns: readonly SummaryColumn[],
  judge: RuleSetJudge,
  sink: LineSink,
): Promise<void> {
  const names = await erpNames(dataSource, companyId);
  const lines = new Map<string, SummaryLine>();
  for await (const batch of reportBatches(dataSource, companyId, filter)) {
    if (sink.closed) return;
    for (const e of batch) {
      const rules = await judge.validatorFor(e.date);
      for (const r of e.rows) {
        const cells = columns.map((c) => summaryCell(c, r, names.accounts, (g) => rules.isExcluded(r.accountNumber, g)));
        const key = cells.join('\u0000');
        let line = lines.get(key);
        if (!line) {
          line = { cells, debit: 0, credit: 0, bigDebit: 0n, bigCredit: 0n, rows: 0 };
          lines.set(key, line);
        }
        add(line, 'debit', r.debit);
        add(line, 'credit', r.credit);
        line.rows++;
      }
    }
  }
  const header = columns.map((c) => c.title ?? defaultTitle(c, names.groups));
  await sink.line(csvLine([...header, 'Rows', 'Debit', 'Credit']));
  const sorted = [...lines.values()].sort((a, b) => compareCells(a.cells, b.cells));
  let out: string[] = [];
  for (const l of sorted) {
    out.push(`${[...l.cells.map(textCell), String(l.rows), numberCell(formatAmount(l.bigDebit + BigInt(l.debit))), numberCell(formatAmount(l.bigCredit + BigInt(l.credit)))].join(',')}\r\n`);
    if (out.length >= 1000) {
      await sink.line(out.join(''));
      out = [];
    }
  }
  await sink.line(out.join(''));
}

function summaryCell(c: SummaryColumn, r: ReportRow, accounts: Map<string, string>, excluded: (group: string) => boolean): string {
  switch (c.type) {
    case 'project-group': {
      const group = c.group ?? '';
      if (excluded(group)) return '';
      const i = r.groups.indexOf(group);
      return i < 0 ? '' : (r.codes[i] ?? '');
    }
    case 'customer':
      return r.partnerName ?? '';
    case 'account-number':
      return r.accountNumber;
    case 'account-name':
      return r.accountName ?? accounts.get(r.accountNumber) ?? '';
    case 'vat-code':
      return r.vatCode ?? '';
    case 'vat-name':
      return r.vatName ?? '';
    case 'registration-code':
      return r.registrationCode ?? '';
    case 'empty':
      return '';
  }
}

function defaultTitle(c: SummaryColumn, groups: Map<string, string>): string {
  const titles: Record<SummaryColumn['type'], string> = {
    'project-group': c.group ? headerOf(c.group, groups) : 'Project group',
    customer: 'Customer or supplier',
    'account-number': 'Account',
    'account-name': 'Account name',
    'vat-code': 'VAT code',
    'vat-name': 'VAT name',
    'registration-code': 'Registration code',
    empty: '',
  };
  return titles[c.type];
}

/** One collator for the whole sort: `localeCompare` with a locale builds a new one per call. */
const COLLATOR = new Intl.Collator('et', { numeric: true });

function compareCells(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = COLLATOR.compare(a[i] ?? '', b[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** (c) Entries with missing project groups: one line per failure, judged by the rules of each entry's date. */
export async function missingGroupsReport(dataSource: DataSource, companyId: string, filter: ReportFilter, judge: RuleSetJudge, sink: LineSink): Promise<void> {
  const names = await erpNames(dataSource, companyId);
  await sink.line(
    csvLine(['Entry', 'Date', 'Status', 'Row', 'Account', 'Account name', 'Missing project group', 'Project group name', 'Rule', 'Rule number', 'Rule-set version', 'Problem']),
  );
  for await (const batch of reportBatches(dataSource, companyId, filter)) {
    if (sink.closed) return;
    const lines: string[] = [];
    for (const e of batch) {
      const rules = await judge.validatorFor(e.date);
      const failures: RowFailure[] = [];
      e.rows.forEach((r) => rules.validateRow(r.accountNumber, r.groups, r.row, failures));
      for (const f of failures) {
        const row = e.rows[f.row - 1];
        lines.push(
          csvLine([
            e.number, e.date, e.status, String(f.row), f.accountNumber, row?.accountName ?? names.accounts.get(f.accountNumber), f.missingGroup,
            f.missingGroup === null ? '' : names.groups.get(f.missingGroup), f.ruleKind, f.ruleNumber === null ? '' : String(f.ruleNumber),
            String(f.ruleSetVersion), describeFailure(f),
          ]),
        );
      }
    }
    await sink.line(lines.join(''));
  }
}
