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

/** Postgres' type oid of `bytea` (an element of the binary array below). */
const BYTEA_OID = 17;

/**
 * A `bytea[]` parameter in Postgres' binary array format. node-postgres sends a Buffer
 * parameter as binary, as it is, but an array of Buffers as a text literal with every byte
 * hex-escaped (twice the bytes on the wire, parsed and decoded again by Postgres). The
 * statement must cast the parameter (`$n::bytea[]`) so that Postgres knows its type.
 */
export function byteaArray(values: readonly Buffer[]): Buffer {
  const header = values.length === 0 ? 12 : 20;
  const out = Buffer.allocUnsafe(values.reduce((size, v) => size + 4 + v.length, header));
  out.writeInt32BE(values.length === 0 ? 0 : 1, 0); // dimensions
  out.writeInt32BE(0, 4); // no NULL elements
  out.writeInt32BE(BYTEA_OID, 8);
  if (values.length > 0) {
    out.writeInt32BE(values.length, 12);
    out.writeInt32BE(1, 16); // lower bound
  }
  let at = header;
  for (const v of values) {
    out.writeInt32BE(v.length, at);
    v.copy(out, at + 4);
    at += 4 + v.length;
  }
  return out;
}
