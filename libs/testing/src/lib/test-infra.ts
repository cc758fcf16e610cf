import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';

/** Where integration tests find the real servers (`npm test` makes sure they run). */
export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://hub:hub@127.0.0.1:5432/hub_test';
export const TEST_NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** Tokens the test services accept: one per company, and an admin token. */
export const TEST_TOKENS = {
  companyA: 'token-company-a-0123456789',
  companyB: 'token-company-b-0123456789',
  admin: 'token-admin-all-0123456789',
} as const;
export const TEST_API_TOKENS = `${TEST_TOKENS.companyA}=company-a;${TEST_TOKENS.companyB}=company-b;${TEST_TOKENS.admin}=*`;
export const TEST_CREDENTIALS_KEY = Buffer.alloc(32, 7).toString('base64');

/** A name no other test run uses: `t<time><random>`, lower-case, SQL- and NATS-safe. */
export function uniqueName(label = ''): string {
  const id = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return label ? `${id}_${label.toLowerCase().replace(/[^a-z0-9]+/g, '_')}` : id;
}

/** Fails fast with a message that says what to run, instead of a hook timeout. */
export async function assertInfra(): Promise<void> {
  const pg = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
  } catch (error) {
    throw new Error(`Postgres is not reachable at ${TEST_DATABASE_URL} (${String(error)}): run \`node tools/infra/infra.mjs up\``);
  } finally {
    await pg.end().catch(() => undefined);
  }
  const nc = await connect({ servers: TEST_NATS_URL, timeout: 3000 }).catch((error: unknown) => {
    throw new Error(`NATS is not reachable at ${TEST_NATS_URL} (${String(error)}): run \`node tools/infra/infra.mjs up\``);
  });
  await nc.close();
}

export async function dropSchema(schema: string): Promise<void> {
  const pg = new Client({ connectionString: TEST_DATABASE_URL });
  await pg.connect();
  try {
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await pg.end();
  }
}

export async function queryTest<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const pg = new Client({ connectionString: TEST_DATABASE_URL });
  await pg.connect();
  try {
    return (await pg.query(sql, params)).rows as T[];
  } finally {
    await pg.end();
  }
}

/** Deletes the streams (and so their consumers) a test run created under its prefix. */
export async function dropStreams(prefix: string): Promise<void> {
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    const names: string[] = [];
    for await (const s of jsm.streams.list()) {
      if (s.config.name.startsWith(`${prefix.toUpperCase()}_`)) names.push(s.config.name);
    }
    for (const name of names) await jsm.streams.delete(name);
  } finally {
    await nc.close();
  }
}

/** Polls until `probe` returns a value other than undefined/null/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      // null counts as "not yet" too: probes like `row?.published_at` give null until it happens.
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
