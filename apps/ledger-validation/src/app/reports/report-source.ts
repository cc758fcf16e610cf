import type { DataSource } from 'typeorm';
import type { EntryStatus } from '../entries/entry-input';
import { type ArrayRow, queryArrays, rowsOfEntries } from '../shared/array-rows';

export interface ReportFilter {
  from?: string;
  to?: string;
  statuses?: EntryStatus[];
}

/** An entry's own cells; its rows come separately, as arrays (see {@link ReportBatch}). */
export interface ReportEntry {
  number: string;
  date: string;
  description: string | null;
  source: string | null;
  status: EntryStatus;
}

/**
 * One keyset batch: entries in (date, number) order, and their rows in entry then row
 * order, each row an array whose first cell is the index of its entry in `entries` and the
 * rest the requested row columns in the order asked for.
 */
export interface ReportBatch {
  entries: ReportEntry[];
  rows: ArrayRow[];
}

const BATCH_ENTRIES = 2_000;
/** Batches read ahead of the one being written. */
const READ_AHEAD = 2;

/** The filter's conditions on `journal_entry` (parameters from $2 on; $1 is the company). */
export function entryConditions(filter: ReportFilter, params: unknown[], alias = ''): string {
  const where: string[] = [];
  if (filter.from) where.push(`AND ${alias}entry_date >= $${params.push(filter.from)}`);
  if (filter.to) where.push(`AND ${alias}entry_date <= $${params.push(filter.to)}`);
  if (filter.statuses) where.push(`AND ${alias}status = ANY($${params.push(filter.statuses)}::text[])`);
  return where.join(' ');
}

/**
 * The company's entries in (date, number) order with the given columns of their rows
 * (`r.` is `journal_row`), in keyset-paged batches: memory holds one batch (and the two
 * read ahead while it is written) whatever the size of the ledger, and no transaction or
 * cursor stays open while a slow client downloads. Rows come as arrays (no object per row).
 */
export async function* reportBatches(dataSource: DataSource, companyId: string, filter: ReportFilter, rowColumns: readonly string[]): AsyncGenerator<ReportBatch> {
  const params: unknown[] = [companyId];
  const where = entryConditions(filter, params);
  const n = params.length;
  let afterDate = '0001-01-01';
  let afterNumber = '';
  let exhausted = false;
  // Batches whose rows are being read: the keyset of entries is read in order, their rows
  // up to READ_AHEAD batches ahead of the one being written, each on its own connection.
  const reading: Promise<ReportBatch>[] = [];
  for (;;) {
    while (!exhausted && reading.length < READ_AHEAD) {
      const heads = await queryArrays(
        dataSource,
        `SELECT id, number, entry_date::text AS date, description, source, status FROM journal_entry
         WHERE company_id = $1 ${where} AND (entry_date, number) > ($${n + 1}::date, $${n + 2})
         ORDER BY entry_date, number LIMIT ${BATCH_ENTRIES}`,
        [...params, afterDate, afterNumber],
      );
      exhausted = heads.length < BATCH_ENTRIES;
      const last = heads[heads.length - 1];
      if (!last) break;
      afterDate = last[2] as string;
      afterNumber = last[1] as string;
      const entries = heads.map((h) => ({
        number: h[1] as string,
        date: h[2] as string,
        description: h[3] as string | null,
        source: h[4] as string | null,
        status: h[5] as EntryStatus,
      }));
      const batch = rowsOfEntries(
        dataSource,
        heads.map((h) => h[0] as string),
        rowColumns,
      ).then((rows) => ({ entries, rows }));
      // Awaited in order below; must not become an unhandled rejection if the consumer stops early.
      batch.catch(() => undefined);
      reading.push(batch);
    }
    const batch = reading.shift();
    if (!batch) return;
    yield await batch;
  }
}

/** Names from the ERP (chart of accounts, project groups) for headers and account-name cells. */
export async function erpNames(dataSource: DataSource, companyId: string): Promise<{ accounts: Map<string, string>; groups: Map<string, string> }> {
  const accounts = (await dataSource.query(`SELECT number, name FROM ledger_account WHERE company_id = $1 AND NOT deleted`, [companyId])) as {
    number: string;
    name: string;
  }[];
  const groups = (await dataSource.query(`SELECT code, name FROM project_group WHERE company_id = $1 AND NOT deleted`, [companyId])) as {
    code: string;
    name: string;
  }[];
  return { accounts: new Map(accounts.map((a) => [a.number, a.name])), groups: new Map(groups.map((g) => [g.code, g.name])) };
}
