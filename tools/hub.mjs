#!/usr/bin/env node
/**
 * The two commands a newcomer needs.
 *   npm start  → dependencies, Postgres + NATS, build, migrate, provision, run all six services
 *   npm test   → dependencies, Postgres + NATS, lint, type-check, unit + integration + e2e tests
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICES = [
  ['operator-gateway', 3101],
  ['master-data-sync', 3102],
  ['invoice-inbox', 3103],
  ['receiver-registry', 3104],
  ['ledger-validation', 3105],
  ['accounting-export', 3106],
];
const baseEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

function step(title) {
  process.stdout.write(`\n▶ ${title}\n`);
}

function run(cmd, args, env = baseEnv) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write(`\n✖ ${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status || 1);
  }
}

function ensureDependencies() {
  const lock = join(root, 'package-lock.json');
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && existsSync(join(root, 'node_modules', '.bin', 'nx'))) return;
  step('installing dependencies (npm ci)');
  run('npm', ['ci', '--engine-strict', '--no-audit', '--no-fund']);
  if (!existsSync(lock)) process.exit(1);
}

function infraUp() {
  step('Postgres and NATS JetStream');
  run(process.execPath, [join(root, 'tools/infra/infra.mjs'), 'up']);
}

/** Development secrets, made once per checkout and kept in the git-ignored .infra folder. */
function devEnv() {
  const file = join(root, '.infra', 'dev.env.json');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const token = `dev-${randomBytes(18).toString('base64url')}`;
    writeFileSync(
      file,
      JSON.stringify({ API_TOKENS: `${token}=*`, DEV_TOKEN: token, CREDENTIALS_KEY: randomBytes(32).toString('base64') }, null, 2),
      { mode: 0o600 },
    );
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function start() {
  ensureDependencies();
  infraUp();
  build();
  const secrets = devEnv();
  const env = serviceEnv();
  step('migrations and JetStream provisioning');
  runJobs(['migrate', 'provision'], env);
  step('starting the services');
  const children = SERVICES.map(([service, port]) => {
    const child = spawn(process.execPath, [join(root, 'dist/apps', service, 'main.js')], {
      cwd: root,
      env: {
        ...env,
        PORT: process.env[`${service.toUpperCase().replace(/-/g, '_')}_PORT`] ?? String(port),
        ...(service === 'invoice-inbox' ? { SMTP_INBOUND_PORT: process.env.SMTP_INBOUND_PORT ?? '2525' } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code, signal) => process.stderr.write(`${service} exited (${code ?? signal})\n`));
    return child;
  });
  await waitReady();
  process.stdout.write('\nThe hub is running:\n');
  for (const [service, port] of SERVICES) {
    process.stdout.write(`  ${service.padEnd(18)} http://localhost:${port}   docs http://localhost:${port}/docs\n`);
  }
  process.stdout.write(`  ${'inbound e-mail'.padEnd(18)} smtp://localhost:${process.env.SMTP_INBOUND_PORT ?? '2525'}\n`);
  if (!process.env.API_TOKENS) process.stdout.write(`\nDevelopment API token (all companies): ${secrets.DEV_TOKEN}\n`);
  process.stdout.write('Stop with Ctrl+C.\n');
  const stop = (signal) => {
    for (const child of children) child.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGTERM'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function build() {
  step('building the six services');
  run('npx', ['nx', 'run-many', '-t', 'build', '-p', SERVICES.map(([s]) => s).join(','), '--outputStyle=static']);
}

function serviceEnv() {
  const secrets = devEnv();
  return { ...baseEnv, API_TOKENS: process.env.API_TOKENS ?? secrets.API_TOKENS, CREDENTIALS_KEY: process.env.CREDENTIALS_KEY ?? secrets.CREDENTIALS_KEY };
}

/** Each service's one-shot jobs from its bundle: `migrate.js` (schema) and `provision.js` (streams, consumers). */
function runJobs(jobs, env) {
  for (const [service] of SERVICES) {
    for (const job of jobs) run(process.execPath, [join(root, 'dist/apps', service, `${job}.js`)], env);
  }
}

async function waitReady() {
  const deadline = Date.now() + 60_000;
  for (const [service, port] of SERVICES) {
    while (Date.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    if (Date.now() >= deadline) process.stderr.write(`${service} is not ready after 60 s; see its log above\n`);
  }
}

function test() {
  ensureDependencies();
  infraUp();
  step('lint');
  run('npx', ['nx', 'run-many', '-t', 'lint', '--outputStyle=static']);
  step('type-check');
  run(process.execPath, [join(root, 'tools/typecheck.mjs')]);
  step('unit, integration and end-to-end tests (real Postgres and NATS)');
  run('npx', ['nx', 'run-many', '-t', 'test', '--parallel=2', '--outputStyle=static', '--skip-nx-cache']);
  step('deployment manifests');
  run(process.execPath, ['--test', 'docker/test/', 'tools/infra/']);
  process.stdout.write('\n✔ all checks passed\n');
}

const command = process.argv[2];
if (command === 'start') await start();
else if (command === 'test') test();
else if (command === 'migrate' || command === 'provision') {
  ensureDependencies();
  infraUp();
  build();
  step(command === 'migrate' ? 'migrations' : 'JetStream provisioning');
  runJobs([command], serviceEnv());
}
else {
  process.stderr.write('usage: node tools/hub.mjs start|test|migrate|provision\n');
  process.exit(2);
}
