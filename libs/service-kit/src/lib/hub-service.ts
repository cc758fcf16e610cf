import { type DynamicModule, type INestApplication, Module, type Provider, type Type } from '@nestjs/common';
import type { Logger } from 'pino';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule, connectJetStream, provisionMain } from '@hub/messaging';
import { migrateMain, PersistenceModule, serviceDataSourceOptions } from '@hub/persistence';
import type { DataSourceOptions } from 'typeorm';
import { type HttpPlatform, PlatformModule, createLogger, defaultSchema, loadEnvOrExit, runService, type ServiceEnv } from '@hub/platform';

type Constructor = new (...args: never[]) => unknown;

/** What makes one service: its name, env class, tables and feature modules. */
export interface HubServiceDefinition<E extends ServiceEnv> {
  name: string;
  description: string;
  defaultPort: number;
  env: new () => E;
  entities: Constructor[];
  migrations: Constructor[];
  /** Feature modules; built from the validated env so they can read their own settings. */
  modules: (env: E) => (Type<unknown> | DynamicModule)[];
  providers?: (env: E) => Provider[];
  /** HTTP server under Nest (default `express`; see {@link HttpPlatform}). */
  http?: HttpPlatform;
}

@Module({})
class HubRootModule {}

/** The root module of a service: platform, persistence, messaging, then its features. */
export function hubModule<E extends ServiceEnv>(def: HubServiceDefinition<E>, env: E, logger: Logger): DynamicModule {
  return {
    module: HubRootModule,
    imports: [
      PlatformModule.forRoot({ service: def.name, env, logger }),
      PersistenceModule.forRoot({
        service: def.name,
        url: env.DATABASE_URL,
        schema: env.DATABASE_SCHEMA ?? defaultSchema(def.name),
        entities: [...MESSAGING_ENTITIES, ...def.entities],
        migrations: [...MESSAGING_MIGRATIONS, ...def.migrations],
        poolSize: env.DATABASE_POOL_SIZE,
      }),
      MessagingModule.forRoot({
        service: def.name,
        natsUrl: env.NATS_URL,
        prefix: env.MESSAGING_PREFIX,
        concurrency: env.MESSAGING_CONCURRENCY,
        batchSize: env.MESSAGING_BATCH_SIZE,
        groupSize: env.MESSAGING_GROUP_SIZE,
        batchBudgetMs: env.MESSAGING_BATCH_BUDGET_MS,
        relayBatchSize: env.OUTBOX_RELAY_BATCH_SIZE,
      }),
      ...def.modules(env),
    ],
    providers: def.providers?.(env) ?? [],
  };
}

/** Reads the env (exiting with a clear message when it is wrong) with the service's default port. */
export function loadServiceEnv<E extends ServiceEnv>(def: HubServiceDefinition<E>): E {
  return loadEnvOrExit(def.env, def.name, { PORT: String(def.defaultPort), ...process.env });
}

/** main.ts of every service: starts it, or logs why it could not and exits non-zero. */
export async function startHubService<E extends ServiceEnv>(def: HubServiceDefinition<E>): Promise<INestApplication | undefined> {
  const env = loadServiceEnv(def);
  const logger = createLogger(def.name, env.LOG_LEVEL);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  try {
    return await runService({
      service: def.name,
      description: def.description,
      env,
      logger,
      appModule: hubModule(def, env, logger) as unknown as Type<unknown>,
      http: def.http,
      beforeListen: (app) => connectJetStream(app),
    });
  } catch (error) {
    logger.fatal({ err: error }, `${def.name} failed to start`);
    process.exit(1);
  }
}

/** The DataSource settings of a service (used by the app, the migrate job and tests). */
export function serviceDataSourceConfig<E extends ServiceEnv>(
  def: HubServiceDefinition<E>,
  env: E,
  label = def.name,
): DataSourceOptions {
  return serviceDataSourceOptions({
    service: label,
    url: env.DATABASE_URL,
    schema: env.DATABASE_SCHEMA ?? defaultSchema(def.name),
    entities: [...MESSAGING_ENTITIES, ...def.entities],
    migrations: [...MESSAGING_MIGRATIONS, ...def.migrations],
    poolSize: 2,
  });
}

/** migrate.ts of every service: applies the service's migrations to its own schema. */
export async function migrateHubService<E extends ServiceEnv>(def: HubServiceDefinition<E>): Promise<void> {
  const env = loadServiceEnv(def);
  await migrateMain(def.name, serviceDataSourceConfig(def, env, `${def.name}-migrate`));
}

/** provision.ts of every service: streams, and this service's consumers. */
export async function provisionHubService<E extends ServiceEnv>(def: HubServiceDefinition<E>): Promise<void> {
  const env = loadServiceEnv(def);
  const replicas = Number(process.env['NATS_STREAM_REPLICAS'] ?? '1');
  await provisionMain({ natsUrl: env.NATS_URL, prefix: env.MESSAGING_PREFIX, replicas, services: [def.name] });
}
