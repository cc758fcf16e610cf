import type { EntityManager } from 'typeorm';

/**
 * Rows of an `UPDATE ... RETURNING` / `DELETE ... RETURNING`: TypeORM's Postgres driver
 * answers those with `[rows, rowCount]` rather than the rows.
 */
export async function returning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = (await manager.query(sql, params)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/**
 * Lists read as `array_to_string(col, E'\\x1f')`: node-postgres parses text[] character by
 * character in JavaScript, a split on a control character is native and ~2.5x faster.
 */
export function splitList(text: string | null): string[] {
  return text ? text.split('\u001f') : [];
}
