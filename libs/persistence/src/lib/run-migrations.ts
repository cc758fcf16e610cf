import { DataSource, type DataSourceOptions } from 'typeorm';
import { quoteIdent } from './data-source-options';

export interface MigrationReport {
  schema: string;
  applied: string[];
}

/**
 * Creates the schema if needed and applies pending migrations, each in its own
 * transaction. Called by each service's `migrate` entry point (and the Kubernetes job),
 * never at service start.
 */
export async function runMigrations(options: DataSourceOptions): Promise<MigrationReport> {
  const schema = (options as { schema?: string }).schema;
  if (!schema) throw new Error('A service DataSource needs a schema');
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { schema, applied: applied.map((m) => m.name) };
  } finally {
    await dataSource.destroy();
  }
}

/** Entry point body for `migrate.js`: prints what was applied, exits non-zero on failure. */
export async function migrateMain(service: string, options: DataSourceOptions): Promise<void> {
  try {
    const report = await runMigrations(options);
    process.stdout.write(
      `${service}: schema ${report.schema}: ${report.applied.length ? `applied ${report.applied.join(', ')}` : 'up to date'}\n`,
    );
  } catch (error) {
    process.stderr.write(`${service}: migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
