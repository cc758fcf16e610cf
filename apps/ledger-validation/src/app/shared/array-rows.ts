import type { PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

/** A result row as node-postgres' `rowMode: 'array'` gives it: the columns in SELECT order. */
export type ArrayRow = unknown[];

/**
 * Runs a SELECT on the hot paths (validation runs, reports) and returns its rows as arrays:
 * no object with named keys per row and none of TypeORM's per-query work, which on a
 * million rows costs more than reading them. With an EntityManager of an open transaction
 * the query runs on that transaction's connection; otherwise on a pooled one, released after.
 */
export async function queryArrays(source: DataSource | EntityManager, text: string, values: readonly unknown[]): Promise<ArrayRow[]> {
  const manager = source instanceof DataSource ? source.manager : source;
  const own = manager.queryRunner;
  const runner = own ?? manager.connection.createQueryRunner();
  const client = (await runner.connect()) as PoolClient;
  try {
    const result = await client.query<ArrayRow>({ text, values: [...values], rowMode: 'array' });
    return result.rows;
  } finally {
    if (!own) await runner.release();
  }
}

/**
 * The given columns (`r.` is `journal_row`) of the rows of the given entries, in entry
 * (as listed) then row order; each row's first cell is its entry's index in `entryIds`.
 * `= ANY` lets Postgres read them all with one bitmap scan rather than one index lookup per
 * entry, and the index is a small integer rather than a uuid to parse per row.
 */
export function rowsOfEntries(source: DataSource | EntityManager, entryIds: readonly string[], columns: readonly string[]): Promise<ArrayRow[]> {
  return queryArrays(
    source,
    `SELECT x.ord::int - 1, ${columns.join(', ')}
     FROM journal_row r JOIN unnest($1::uuid[]) WITH ORDINALITY AS x(id, ord) ON r.entry_id = x.id
     WHERE r.entry_id = ANY($1::uuid[])
     ORDER BY x.ord, r.row_no`,
    [entryIds],
  );
}
