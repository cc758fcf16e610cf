import { DataSource } from 'typeorm';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@hub/messaging';
import { runMigrations, serviceDataSourceOptions } from '@hub/persistence';
import type { ServiceEnv } from '@hub/platform';
import type { HubServiceDefinition } from '@hub/service-kit';
import { TEST_DATABASE_URL, dropSchema, uniqueName } from './test-infra';

/** What TypeORM would change for these kinds of difference: a table, a column, its type or nullability. */
const COLUMN_DRIFT = /^CREATE TABLE|^ALTER TABLE "[^"]+" (ADD "|DROP COLUMN|ALTER COLUMN "[^"]+" (TYPE|SET NOT NULL|DROP NOT NULL))|^ALTER TABLE "[^"]+" RENAME COLUMN/;

/**
 * Applies a service's migrations (the messaging tables' first, as `npm run migrate` does) to a
 * fresh schema and returns the statements TypeORM would run to make that schema fit the
 * service's entities, restricted to tables and columns: a table, column, type or nullability an
 * entity declares and no migration creates (or the other way round). Indexes, checks and
 * defaults are the migrations' own and are not compared.
 */
export async function schemaDriftOf<E extends ServiceEnv>(def: Pick<HubServiceDefinition<E>, 'name' | 'entities' | 'migrations'>): Promise<string[]> {
  const schema = uniqueName(`drift_${def.name}`);
  const options = serviceDataSourceOptions({
    service: `${def.name}-drift-test`,
    url: TEST_DATABASE_URL,
    schema,
    entities: [...MESSAGING_ENTITIES, ...def.entities],
    migrations: [...MESSAGING_MIGRATIONS, ...def.migrations],
    poolSize: 2,
  });
  try {
    await runMigrations(options);
    const dataSource = new DataSource(options);
    await dataSource.initialize();
    try {
      const log = await dataSource.driver.createSchemaBuilder().log();
      return log.upQueries.map((q) => q.query.replace(/\s+/g, ' ').trim()).filter((q) => COLUMN_DRIFT.test(q));
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await dropSchema(schema);
  }
}
