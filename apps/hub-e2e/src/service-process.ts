import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TEST_API_TOKENS, TEST_CREDENTIALS_KEY, TEST_DATABASE_URL, TEST_NATS_URL, waitFor } from '@hub/testing';

const DIST = join(__dirname, '../../../dist/apps');

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Environment for a built service in one e2e run (own schema, shared messaging prefix). */
export function serviceEnv(name: string, prefix: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: `${prefix}_${name.replace(/-/g, '_')}`,
    NATS_URL: TEST_NATS_URL,
    MESSAGING_PREFIX: prefix,
    API_TOKENS: TEST_API_TOKENS,
    CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Runs a built job (migrate.js / provision.js) to completion; throws with its output on failure. */
export function runJob(name: string, job: 'migrate' | 'provision', env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, [join(DIST, name, `${job}.js`)], { env, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${name} ${job} failed (${result.status}): ${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Starts `node dist/apps/<name>/main.js` and waits until /health/ready is green. */
export async function startService(name: string, env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [join(DIST, name, 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const url = `http://127.0.0.1:${env['PORT']}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited: ${output.join('')}`);
      const res = await fetch(`${url}/health/ready`).catch(() => undefined);
      return res?.ok ? true : undefined;
    },
    30_000,
    `${name} to become ready`,
  );
  return {
    name,
    url,
    child,
    output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** A free-ish port per run: base + offset, spread by pid to keep parallel runs apart. */
export function portFor(offset: number): number {
  return 20000 + ((process.pid * 7) % 20000) + offset;
}
