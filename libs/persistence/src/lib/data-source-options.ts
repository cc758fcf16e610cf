import * as pg from 'pg';
import type { DataSourceOptions, MixedList } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { SnakeNamingStrategy } from './snake-naming.strategy';

type EntityList = MixedList<string | (new (...args: never[]) => unknown) | import('typeorm').EntitySchema>;
type MigrationList = MixedList<string | (new (...args: never[]) => unknown)>;

export interface ServiceDataSourceConfig {
  /** Application name shown in pg_stat_activity. */
  service: string;
  url: string;
  /** The service's own schema; its tables, and the migrations table, live there. */
  schema: string;
  entities: EntityList;
  migrations: MigrationList;
  poolSize?: number;
  /** Connection retry attempts at start (TypeORM default 10 × 3 s is too slow to fail). */
  retryAttempts?: number;
}

/**
 * The one way a service talks to Postgres: its own schema (also first on the search_path,
 * so unqualified SQL in migrations lands there), snake_case names, explicit entity and
 * migration class lists (bundles cannot glob), never synchronize, never migrate at boot.
 */
export function serviceDataSourceOptions(config: ServiceDataSourceConfig): DataSourceOptions {
  const options: PostgresDataSourceOptions = {
    type: 'postgres',
    driver: pg,
    url: config.url,
    schema: config.schema,
    applicationName: config.service,
    entities: config.entities,
    migrations: config.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    poolSize: config.poolSize ?? 10,
    connectTimeoutMS: 5000,
    extra: {
      options: `-c search_path=${quoteIdent(config.schema)},public`,
      statement_timeout: 60_000,
      idle_in_transaction_session_timeout: 60_000,
      // pg-pool closes a connection idle for 10 s by default: under bursty load that means
      // a new Postgres backend (a fork, and its catalog caches) every few seconds.
      idleTimeoutMillis: 60_000,
    },
  };
  return options;
}

export function quoteIdent(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(identifier)) {
    throw new Error(`Refusing an unsafe SQL identifier: ${identifier}`);
  }
  return `"${identifier}"`;
}
