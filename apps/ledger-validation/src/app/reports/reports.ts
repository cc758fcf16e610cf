import type { DataSource } from 'typeorm';
import { describeFailure, type RowFailure } from '../engine/rule-set.model';
import type { CompiledRuleSet } from '../engine/compiled-rule-set';
import type { RuleSetJudge } from '../rules/rule-set.store';
import { type ArrayRow, queryArrays } from '../shared/array-rows';
import type { SummaryColumn } from '../settings/summary-columns';
import { amountUnits, csvLine, formatAmount, numberCell, textCell } from './csv';
import { splitList } from '../shared/sql';
import { entryConditions, LedgerSnapshot, type ReportBatch, type ReportFilter } from '../shared/ledger-snapshot';
import { erpNames } from './erp-names';

/** Where report lines go: the HTTP download ({@link CsvStream}) or the benchmark's counter. */
export interface LineSink {
  readonly closed: boolean;
  /** Text, or UTF-8 bytes (report (a) renders its batches as bytes). */
  line(text: string | Buffer): Promise<void>;
}

const headerOf = (code: string, names: Map<string, string>): string => {
  const name = names.get(code);
  return name ? `${name} (${code})` : code;
};

/**
 * Values derived from raw column values that repeat on most rows (accounts, VAT codes,
 * partners, sets of project groups, project codes): each distinct one is split, neutralised
 * and quoted once. Bounded: starts over when full.
 */
class DerivedCache<T> {
  private readonly values = new Map<string, T>();
  constructor(
    private readonly derive: (key: string) => T,
    private readonly limit = 20_000,
  ) {}
  get(key: string): T {
    let value = this.values.get(key);
    if (value === undefined) {
      if (this.values.size >= this.limit) this.values.clear();
      value = this.derive(key);
      this.values.set(key, value);
    }
    return value;
  }
}

/** SQL: a numeric(19,4) column as `formatNumeric()` (./csv) formats its text (`120.5000` → `120.50`, `0.1234` stays). */
const amountCell = (column: string): string => `(CASE WHEN ${column}::text LIKE '%.__00' THEN left(${column}::text, -2) ELSE ${column}::text END)`;

const SEP = '\u001f';

/**
 * The columns of (a) per row. Postgres joins the descriptive columns into two keys (the
 * account, and VAT with the partner) so that each row costs a few strings and cache
 * look-ups here rather than a dozen cells to neutralise; amounts stay apart (they rarely repeat).
 */
export const ENTRY_ROW_COLUMNS = [
  'r.row_no',
  // An account name of NULL ('0') falls back to the chart of accounts; '1' prefixes a stored one.
  `r.account_number || E'\\x1f' || COALESCE('1' || r.account_name, '0')`,
  // Debit and credit as one cell pair, formatted as formatNumeric() does for numeric(19,4):
  // two decimals when the last two of the four are zeros.
  `${amountCell('r.debit')} || ',' || ${amountCell('r.credit')}`,
  `concat_ws(E'\\x1f', COALESCE(r.vat_code, ''), COALESCE(r.vat_name, ''), COALESCE(r.partner_name, ''), COALESCE(r.partner_kind, ''), COALESCE(r.partner_reg_code, ''))`,
  `array_to_string(r.project_groups, E'\\x1f')`,
  `array_to_string(r.project_codes, E'\\x1f')`,
] as const;

/** (a) Every row of every entry, with one column per project group holding the row's project in it. */
export async function entriesReport(dataSource: DataSource, companyId: string, filter: ReportFilter, sink: LineSink, batchRows?: number): Promise<void> {
  await LedgerSnapshot.run(dataSource, async (snapshot) => {
    // Postgres sorts the rows while it finds, on a second connection, the groups they use (the header).
    const batches = snapshot.batches(companyId, filter, ENTRY_ROW_COLUMNS, batchRows);
    const first = batches.next();
    first.catch(() => undefined);
    try {
      const params: unknown[] = [companyId];
      const where = entryConditions(filter, params, 'e.');
      const [names, used] = await Promise.all([
        erpNames(dataSource, companyId),
        snapshot.query(`SELECT DISTINCT g FROM journal_entry e JOIN journal_row r ON r.entry_id = e.id, unnest(r.project_groups) AS g WHERE e.company_id = $1 ${where}`, params),
      ]);
      const groups = [...new Set([...names.groups.keys(), ...used.map((u) => u[0] as string)])].sort();
      await sink.line(
        csvLine([
          'Entry', 'Date', 'Description', 'Source', 'Status', 'Row', 'Account', 'Account name', 'Debit', 'Credit', 'VAT code', 'VAT name',
          'Customer or supplier', 'Partner type', 'Registration code', ...groups.map((g) => headerOf(g, names.groups)),
        ]),
      );
      const lines = new EntryLines(groups, names.accounts);
      for (let next = await first; !next.done; next = await batches.next()) {
        if (sink.closed) return;
        await sink.line(lines.render(next.value));
      }
    } finally {
      await batches.return(undefined);
    }
  });
}

/**
 * Renders (a)'s lines of one batch. `groups` are the report's project-group columns in
 * order; `accountNames` the chart of accounts (for rows without a stored account name).
 */
export class EntryLines {
  private readonly column: Map<string, number>;
  private readonly accounts: DerivedCache<string>;
  private readonly details = new DerivedCache((key) => key.split(SEP).map(textCell).join(','));
  private readonly codeCells = new DerivedCache(textCell);
  // commas[k]: the commas of k cells. Per row, the project-group cells are placed without
  // allocating: the cell of column `at` in slots[at], stamped with the row, the columns
  // taken kept sorted (insertion sort: a row has a few projects) in `taken`.
  private readonly commas: string[];
  private readonly slots: string[];
  private readonly stamps: Int32Array;
  private readonly taken: Int32Array;
  private rowStamp = 0;
  private readonly out = new ByteWriter();

  constructor(
    private readonly groups: readonly string[],
    accountNames: Map<string, string>,
  ) {
    this.column = new Map(groups.map((g, i) => [g, i]));
    this.accounts = new DerivedCache((key) => {
      const [account = '', name = '0'] = key.split(SEP);
      return `${textCell(account)},${textCell(name === '0' ? accountNames.get(account) : name.slice(1))}`;
    });
    this.commas = Array.from({ length: groups.length + 2 }, (_, k) => ','.repeat(k));
    this.slots = groups.map(() => '');
    this.stamps = new Int32Array(groups.length).fill(-1);
    this.taken = new Int32Array(groups.length);
  }

  render({ entries, rows }: ReportBatch): Buffer {
    const { column, accounts, details, codeCells, commas, slots, stamps, taken } = this;
    const width = this.groups.length;
    // An entry's own cells, once per entry rather than once per row.
    const heads = entries.map((e) => `${textCell(e.number)},${e.date},${textCell(e.description)},${textCell(e.source)},${e.status},`);
    // The batch's bytes, written piece by piece: no string per line or per batch to build
    // (a rope of a million pieces kept the garbage collector busy).
    const out = this.out.start();
    for (const r of rows) {
      out.write(heads[r[0] as number] as string);
      out.write(String(r[1] as number));
      out.write(',');
      out.write(accounts.get(r[2] as string));
      out.write(',');
      out.write(r[3] as string);
      out.write(',');
      out.write(details.get(r[4] as string));
      const rowGroups = splitList(r[5] as string);
      let count = 0;
      if (rowGroups.length > 0) {
        const codes = splitList(r[6] as string);
        const rowStamp = (this.rowStamp = (this.rowStamp + 1) | 0);
        for (let i = 0; i < rowGroups.length; i++) {
          const at = column.get(rowGroups[i] as string);
          // The first project of a group counts (a row has at most one per group).
          if (at === undefined || stamps[at] === rowStamp) continue;
          stamps[at] = rowStamp;
          slots[at] = codeCells.get(codes[i] ?? '');
          let j = count++;
          for (; j > 0 && (taken[j - 1] as number) > at; j--) taken[j] = taken[j - 1] as number;
          taken[j] = at;
        }
      }
      let done = 0;
      for (let j = 0; j < count; j++) {
        const at = taken[j] as number;
        out.write(commas[at - done + 1] as string);
        out.write(slots[at] as string);
        done = at + 1;
      }
      out.write(commas[width - done] as string);
      out.write('\r\n');
    }
    return out.take();
  }
}

/**
 * UTF-8 bytes appended to a Buffer. Each batch gets a new Buffer (the sink may still hold the
 * last one), sized by the previous batch so that it rarely grows.
 */
class ByteWriter {
  private buffer = Buffer.allocUnsafe(0);
  private length = 0;
  private expected = 1 << 20;

  start(): this {
    this.buffer = Buffer.allocUnsafe(this.expected);
    this.length = 0;
    return this;
  }

  write(text: string): void {
    const n = text.length;
    // At most 3 bytes of UTF-8 per UTF-16 code unit.
    if (this.length + 3 * n > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.length + 3 * n));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    const buffer = this.buffer;
    const at = this.length;
    // Short ASCII pieces (most cells) byte by byte: cheaper than a call into the encoder.
    if (n <= 32) {
      let i = 0;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c > 0x7f) break;
        buffer[at + i] = c;
      }
      if (i === n) {
        this.length = at + n;
        return;
      }
    }
    this.length = at + buffer.write(text, at);
  }

  take(): Buffer {
    this.expected = Math.max(1 << 16, Math.ceil(this.length * 1.1) + 1024);
    return this.buffer.subarray(0, this.length);
  }
}

interface SummaryLine {
  cells: string[];
  /** Ten-thousandths (numeric(19,4) without the point). */
  debit: bigint;
  credit: bigint;
  rows: number;
}

/** The SQL value of a summary column on a `journal_row r` (a `project-group` column: the row's project in that group). */
function summaryExpression(c: SummaryColumn, params: unknown[]): string {
  switch (c.type) {
    case 'project-group':
      return c.group === undefined ? 'NULL::text' : `r.project_codes[array_position(r.project_groups, $${params.push(c.group)}::text)]`;
    case 'customer':
      return 'r.partner_name';
    case 'account-number':
      return 'r.account_number';
    case 'account-name':
      return 'r.account_name';
    case 'vat-code':
      return 'r.vat_code';
    case 'vat-name':
      return 'r.vat_name';
    case 'registration-code':
      return 'r.partner_reg_code';
    case 'empty':
      return 'NULL::text';
  }
}

/**
 * (b) The summary ("koond"): rows aggregated by the company's ordered columns, with debit
 * and credit totals. A project-group column stays empty on the lines of accounts the
 * rules (in force on each entry's date) exclude that group from. Memory grows with the
 * number of output lines, never with the number of rows.
 *
 * Postgres does the aggregation (GROUP BY the columns' values, the account when a column
 * depends on it, and the rule-set period of the entry's date when exclusions matter); the
 * few resulting groups are then merged here into lines after exclusions and ERP account
 * names are applied, with exact decimal sums.
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
  const params: unknown[] = [companyId];
  const where = entryConditions(filter, params, 'e.');
  const byGroup = columns.some((c) => c.type === 'project-group');
  const byAccount = byGroup || columns.some((c) => c.type === 'account-name');
  // Period k (1-based) runs from periodStarts[k - 1] to the next start; 0 is before any rules.
  const starts = byGroup ? judge.periodStarts : [];
  const period =
    starts.length === 0 ? '0' : `CASE ${starts.map((d, i) => ({ d, k: i + 1 })).reverse().map(({ d, k }) => `WHEN e.entry_date >= $${params.push(d)}::date THEN ${k}`).join(' ')} ELSE 0 END`;
  const keys = [period, byAccount ? 'r.account_number' : 'NULL::text', ...columns.map((c) => summaryExpression(c, params))];
  const groups = await queryArrays(
    dataSource,
    `SELECT ${keys.join(', ')}, count(*)::int, sum(r.debit)::text, sum(r.credit)::text
     FROM journal_entry e JOIN journal_row r ON r.entry_id = e.id
     WHERE e.company_id = $1 ${where}
     GROUP BY ${keys.map((_, i) => i + 1).join(', ')}`,
    params,
  );
  if (sink.closed) return;
  const rulesOf: (CompiledRuleSet | undefined)[] = [undefined];
  for (const d of starts) rulesOf.push(await judge.validatorFor(d));
  const lines = new Map<string, SummaryLine>();
  const n = columns.length;
  for (const g of groups) {
    const rules = rulesOf[g[0] as number];
    const account = g[1] as string | null;
    const cells = columns.map((c, i) => {
      const value = g[i + 2] as string | null;
      if (c.type === 'project-group') return account !== null && c.group !== undefined && rules?.isExcluded(account, c.group) ? '' : (value ?? '');
      if (c.type === 'account-name') return value ?? (account === null ? undefined : names.accounts.get(account)) ?? '';
      return value ?? '';
    });
    const key = cells.join('\u0000');
    let line = lines.get(key);
    if (!line) {
      line = { cells, debit: 0n, credit: 0n, rows: 0 };
      lines.set(key, line);
    }
    line.rows += g[n + 2] as number;
    line.debit += amountUnits(g[n + 3] as string);
    line.credit += amountUnits(g[n + 4] as string);
  }
  const header = columns.map((c) => c.title ?? defaultTitle(c, names.groups));
  await sink.line(csvLine([...header, 'Rows', 'Debit', 'Credit']));
  const sorted = [...lines.values()].sort((a, b) => compareCells(a.cells, b.cells));
  let out: string[] = [];
  for (const l of sorted) {
    out.push(`${[...l.cells.map(textCell), String(l.rows), numberCell(formatAmount(l.debit)), numberCell(formatAmount(l.credit))].join(',')}\r\n`);
    if (out.length >= 1000) {
      await sink.line(out.join(''));
      out = [];
    }
  }
  await sink.line(out.join(''));
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

const JUDGED_ROW_COLUMNS = ['r.row_no', 'r.account_number', 'r.account_name', `array_to_string(r.project_groups, E'\\x1f')`] as const;

/** (c) Entries with missing project groups: one line per failure, judged by the rules of each entry's date. */
export async function missingGroupsReport(dataSource: DataSource, companyId: string, filter: ReportFilter, judge: RuleSetJudge, sink: LineSink, batchRows?: number): Promise<void> {
  await LedgerSnapshot.run(dataSource, (snapshot) => writeMissingGroups(snapshot, dataSource, companyId, filter, judge, sink, batchRows));
}

async function writeMissingGroups(
  snapshot: LedgerSnapshot,
  dataSource: DataSource,
  companyId: string,
  filter: ReportFilter,
  judge: RuleSetJudge,
  sink: LineSink,
  batchRows: number | undefined,
): Promise<void> {
  const names = await erpNames(dataSource, companyId);
  await sink.line(
    csvLine(['Entry', 'Date', 'Status', 'Row', 'Account', 'Account name', 'Missing project group', 'Project group name', 'Rule', 'Rule number', 'Rule-set version', 'Problem']),
  );
  let rules: CompiledRuleSet | undefined;
  let rulesDate = '';
  for await (const { entries, rows } of snapshot.batches(companyId, filter, JUDGED_ROW_COLUMNS, batchRows)) {
    if (sink.closed) return;
    const lines: string[] = [];
    const failures: RowFailure[] = [];
    let entryRows: ArrayRow[] = [];
    const flush = (index: number): void => {
      const e = entries[index];
      if (!e) return;
      for (const f of failures) {
        const row = entryRows[f.row - 1];
        lines.push(
          csvLine([
            e.number, e.date, e.status, String(f.row), f.accountNumber, (row?.[3] as string | null | undefined) ?? names.accounts.get(f.accountNumber), f.missingGroup,
            f.missingGroup === null ? '' : names.groups.get(f.missingGroup), f.ruleKind, f.ruleNumber === null ? '' : String(f.ruleNumber),
            String(f.ruleSetVersion), describeFailure(f),
          ]),
        );
      }
    };
    let current = -1;
    for (const r of rows) {
      const index = r[0] as number;
      if (index !== current) {
        flush(current);
        failures.length = 0;
        entryRows = [];
        current = index;
        const date = entries[index]?.date ?? '';
        if (rules === undefined || date !== rulesDate) {
          rules = await judge.validatorFor(date);
          rulesDate = date;
        }
      }
      entryRows.push(r);
      rules?.validateRow(r[2] as string, splitList(r[4] as string), r[1] as number, failures);
    }
    flush(current);
    await sink.line(lines.join(''));
  }
}
