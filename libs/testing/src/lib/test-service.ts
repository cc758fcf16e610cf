import type { INestApplication } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { MessagingNamespace, connectJetStream, provision } from '@hub/messaging';
import { runMigrations } from '@hub/persistence';
import { createLogger, createServiceApp, loadEnv, type ServiceEnv } from '@hub/platform';
import { type HubServiceDefinition, hubModule, serviceDataSourceConfig } from '@hub/service-kit';
import { TEST_API_TOKENS, TEST_CREDENTIALS_KEY, TEST_DATABASE_URL, TEST_NATS_URL } from './test-infra';

export interface TestService<E extends ServiceEnv> {
  app: INestApplication;
  url: string;
  env: E;
  close(): Promise<void>;
}

export interface TestServiceOptions {
  /** Messaging prefix shared by the services of one test run (see uniqueName). */
  prefix: string;
  /** Schema for this service in this run. */
  schema: string;
  env?: Record<string, string>;
  /** Skip migrations/provisioning when the test restarts an existing service. */
  fresh?: boolean;
}

/**
 * Runs a real service in-process against the real Postgres and NATS: its own schema and a
 * messaging prefix per test run, migrations and provisioning applied first, HTTP on a free port.
 */
export async function startTestService<E extends ServiceEnv>(
  def: HubServiceDefinition<E>,
  options: TestServiceOptions,
): Promise<TestService<E>> {
  const env = loadEnv(def.env, {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: options.schema,
    NATS_URL: TEST_NATS_URL,
    MESSAGING_PREFIX: options.prefix,
    API_TOKENS: TEST_API_TOKENS,
    CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn',
    ...options.env,
  });
  if (options.fresh !== false) {
    await runMigrations(serviceDataSourceConfig(def, env));
    const nc = await connect({ servers: TEST_NATS_URL });
    try {
      await provision(await jetstreamManager(nc), new MessagingNamespace(options.prefix), { services: [def.name], testKit: true });
    } finally {
      await nc.close();
    }
  }
  const logger = createLogger(def.name, env.LOG_LEVEL);
  const app = await createServiceApp({
    service: def.name,
    description: def.description,
    env,
    logger,
    appModule: hubModule(def, env, logger) as never,
    http: def.http,
    beforeListen: (a) => connectJetStream(a),
  });
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, env, close: () => app.close() };
}
