import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Runs one statement of the ingest hot path as a named prepared statement on the
 * transaction's own connection: Postgres parses and plans it once per connection instead
 * of once per document, and TypeORM's per-query work (logging, timing, result mapping) is
 * skipped. Falls back to `manager.query` when the manager has no connected query runner.
 * `name` must identify `sql` uniquely within the service (the connection caches by name).
 */
export async function preparedQuery<T>(manager: EntityManager, name: string, sql: string, values: unknown[]): Promise<T[]> {
  const client = (manager.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (client && typeof client.query === 'function') {
    return (await client.query({ name, text: sql, values })).rows as T[];
  }
  const result: unknown = await manager.query(sql, values);
  // TypeORM answers UPDATE / DELETE with [rows, affected]; INSERT and SELECT with the rows.
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
