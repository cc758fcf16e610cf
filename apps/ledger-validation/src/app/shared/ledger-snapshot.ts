import type { DataSource, QueryRunner } from 'typeorm';
import type { EntryStatus } from '../entries/entry-input';
import type { PoolClient } from 'pg';
import { type ArrayRow, queryArrays } from './array-rows';

export interface ReportFilter {
  from?: string;
  to?: string;
  statuses?: EntryStatus[];
}

/** An entry's own cells; its rows come separately, as arrays (see {@link ReportBatch}). */
export interface ReportEntry {
  id: string;
  number: string;
  date: string;
  description: string | null;
  source: string | null;
  status: EntryStatus;
  /** `updated_at` as Postgres prints it (exact to the microsecond), for writes that must not overtake a change. */
  updatedAt: string;
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

/** Rows per batch (cut back to the last whole entry). */
const BATCH_ROWS = 20_000;
/**
 * How long a download may stall (a client not reading) before Postgres ends its transaction
 * and the download is cut short: the snapshot it holds keeps VACUUM from cleaning up.
 */
const STALLED_DOWNLOAD = '10min';

/** The filter's conditions on `journal_entry` (parameters from $2 on; $1 is the company). */
export function entryConditions(filter: ReportFilter, params: unknown[], alias = ''): string {
  const where: string[] = [];
  if (filter.from) where.push(`AND ${alias}entry_date >= $${params.push(filter.from)}`);
  if (filter.to) where.push(`AND ${alias}entry_date <= $${params.push(filter.to)}`);
  if (filter.statuses) where.push(`AND ${alias}status = ANY($${params.push(filter.statuses)}::text[])`);
  return where.join(' ');
}

/**
 * A consistent, read-only view of the ledger for one report or validation run: a REPEATABLE READ transaction
 * whose rows are streamed through cursors ({@link batches}), and whose snapshot side
 * queries (e.g. the header's project groups) share on a second connection while the rows
 * are being sorted ({@link query}). Every line of a report is of the same moment, however
 * long the download takes.
 */
export class LedgerSnapshot {
  private side?: QueryRunner;
  private cursors = 0;

  private constructor(
    private readonly main: PoolClient,
    private readonly dataSource: DataSource,
    private readonly snapshotId: string,
  ) {}

  /** Runs `fn` on a snapshot; the transaction ends (and its connections return to the pool) when `fn` settles. */
  static async run<T>(dataSource: DataSource, fn: (snapshot: LedgerSnapshot) => Promise<T>): Promise<T> {
    const runner = dataSource.createQueryRunner();
    let snapshot: LedgerSnapshot | undefined;
    try {
      const main = (await runner.connect()) as PoolClient;
      await main.query(
        `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL idle_in_transaction_session_timeout = '${STALLED_DOWNLOAD}';` +
          // One sort of every row: in memory rather than in temporary files where it fits.
          ` SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; SET LOCAL cursor_tuple_fraction = 1`,
      );
      try {
        const id = (await main.query<{ id: string }>(`SELECT pg_export_snapshot() AS id`)).rows[0]?.id as string;
        snapshot = new LedgerSnapshot(main, dataSource, id);
        const result = await fn(snapshot);
        await main.query('COMMIT');
        return result;
      } catch (error) {
        await main.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      const side = snapshot?.side;
      if (side) {
        await side.query('ROLLBACK').catch(() => undefined);
        await side.release();
      }
      await runner.release();
    }
  }

  /** A query on the snapshot, run on a second connection (at the same time as the cursors' fetches). */
  async query(text: string, values: readonly unknown[]): Promise<ArrayRow[]> {
    if (!this.side) {
      this.side = this.dataSource.createQueryRunner();
      const client = (await this.side.connect()) as PoolClient;
      await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '${this.snapshotId}'`);
    }
    return queryArrays(this.side.manager, text, values);
  }

  /**
   * The company's entries in (date, number) order with the given columns of their rows
   * (`r.` is `journal_row`), in batches of whole entries. Postgres sorts the rows once, by
   * each entry's rank (an integer) and row number; the next batch is fetched while the
   * current one is written, and memory holds those two whatever the size of the ledger.
   */
  async *batches(companyId: string, filter: ReportFilter, rowColumns: readonly string[], batchRows = BATCH_ROWS): AsyncGenerator<ReportBatch> {
    const params: unknown[] = [companyId];
    const where = entryConditions(filter, params);
    const id = ++this.cursors;
    // Ranks 1, 2, 3, ... without gaps: an entry's place in its batch is its rank minus the batch's first.
    const ranked = `SELECT id, number, entry_date, description, source, status, updated_at, (row_number() OVER (ORDER BY entry_date, number))::int AS n
      FROM journal_entry WHERE company_id = $1 ${where}`;
    await this.main.query(
      `DECLARE entries_${id} NO SCROLL CURSOR FOR SELECT n, number, entry_date::text, description, source, status, id, updated_at::text FROM (${ranked}) o ORDER BY n`,
      params,
    );
    await this.main.query(
      `DECLARE rows_${id} NO SCROLL CURSOR FOR SELECT o.n, ${rowColumns.join(', ')} FROM (${ranked}) o JOIN journal_row r ON r.entry_id = o.id ORDER BY o.n, r.row_no`,
      params,
    );
    const fetch = async (cursor: 'entries' | 'rows', count: number): Promise<ArrayRow[]> =>
      (await this.main.query<ArrayRow>({ text: `FETCH ${count} FROM ${cursor}_${id}`, rowMode: 'array' })).rows;
    const fetchRows = (): Promise<ArrayRow[]> => {
      const rows = fetch('rows', batchRows);
      // Awaited below; must not become an unhandled rejection if the consumer stops early.
      rows.catch(() => undefined);
      return rows;
    };
    let next = fetchRows();
    // Entries fetched (ranks up to `fetchedTo`) and not yet in a batch, from rank `headsFrom` on.
    let heads: ArrayRow[] = [];
    let headsFrom = 1;
    let fetchedTo = 0;
    // The rows of the last entry of a fetch, which may continue in the next one.
    let carried: ArrayRow[] = [];
    for (;;) {
      const fetched = await next;
      const exhausted = fetched.length < batchRows;
      let rows = carried.length > 0 ? carried.concat(fetched) : fetched;
      const last = rows[rows.length - 1]?.[0] as number | undefined;
      if (last === undefined) return;
      // The entries first: the connection answers in order, and the next rows come after.
      if (last > fetchedTo) {
        heads = heads.concat(await fetch('entries', last - fetchedTo));
        fetchedTo = last;
      }
      if (!exhausted) next = fetchRows();
      carried = [];
      if (!exhausted) {
        let cut = rows.length;
        while (cut > 0 && rows[cut - 1]?.[0] === last) cut--;
        carried = rows.slice(cut);
        rows = rows.slice(0, cut);
        // An entry with more rows than a batch goes out whole once all its rows are in.
        if (rows.length === 0) continue;
      }
      const first = rows[0]?.[0] as number;
      const end = rows[rows.length - 1]?.[0] as number;
      const inBatch = heads.slice(first - headsFrom, end - headsFrom + 1);
      heads = heads.slice(end - headsFrom + 1);
      headsFrom = end + 1;
      for (const r of rows) r[0] = (r[0] as number) - first;
      yield {
        entries: inBatch.map((h) => ({
          number: h[1] as string,
          date: h[2] as string,
          description: h[3] as string | null,
          source: h[4] as string | null,
          status: h[5] as EntryStatus,
          id: h[6] as string,
          updatedAt: h[7] as string,
        })),
        rows,
      };
      if (exhausted) return;
    }
  }
}
