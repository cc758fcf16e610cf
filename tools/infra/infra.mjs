#!/usr/bin/env node
// Local infrastructure for development and tests: Postgres and NATS with JetStream.
//
//   node tools/infra/infra.mjs up      use what answers on DATABASE_URL / NATS_URL, start the rest
//                                      from the installed binaries (data in .infra/), install the
//                                      Debian packages when missing and allowed, then ensure the
//                                      service role and databases
//   node tools/infra/infra.mjs status  what answers, and who started it        (exit 1 if not ready)
//   node tools/infra/infra.mjs down    stop what this script started (add --all for every port)
//   node tools/infra/infra.mjs env     print DATABASE_URL and NATS_URL
//
// Also importable: `import { up } from './tools/infra/infra.mjs'`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  natsBinary,
  natsStartBlocker,
  ownedNatsPid,
  probeNats,
  startNats,
  stopNats,
} from './lib/nats.mjs';
import {
  pgBinDir,
  pgStartBlocker,
  pgState,
  probePostgres,
  startPostgres,
  stopPostgres,
} from './lib/postgres.mjs';
import { ensureRoleAndDatabases } from './lib/postgres-admin.mjs';
import {
  InfraError,
  findExecutable,
  isLoopback,
  isRoot,
  run,
  waitFor,
  withLock,
} from './lib/util.mjs';

export const DEFAULT_DATABASE_URL = 'postgres://hub:hub@127.0.0.1:5432/hub';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
const WORKSPACE = path.resolve(
  fileURLToPath(new URL('../..', import.meta.url)),
);

const stripBrackets = (h) => h.replace(/^\[(.*)\]$/, '$1');

/** Everything the commands need, from the environment (same variable names as the services). */
export function resolveConfig(env = process.env) {
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const natsUrl = env.NATS_URL || DEFAULT_NATS_URL;
  let db;
  let nats;
  try {
    db = new URL(databaseUrl);
  } catch {
    throw new InfraError(
      `DATABASE_URL is not a URL: ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}`,
    );
  }
  const firstNats = natsUrl.split(',')[0].trim();
  try {
    nats = new URL(
      firstNats.includes('://') ? firstNats : `nats://${firstNats}`,
    );
  } catch {
    throw new InfraError(`NATS_URL is not a URL: ${natsUrl}`);
  }
  const database = decodeURIComponent(db.pathname.replace(/^\//, '')) || 'hub';
  const base = database.replace(/_test$/, '');
  const pgHost = stripBrackets(db.hostname || '127.0.0.1');
  const natsHost = stripBrackets(nats.hostname || '127.0.0.1');
  return {
    workspace: WORKSPACE,
    infraDir: path.resolve(env.INFRA_DIR || path.join(WORKSPACE, '.infra')),
    databaseUrl,
    natsUrl,
    pgAdminUrl: env.PG_ADMIN_URL || null,
    pgHost,
    pgPort: Number(db.port || 5432),
    pgUser: decodeURIComponent(db.username) || 'hub',
    pgPassword: decodeURIComponent(db.password) || 'hub',
    pgLocal: isLoopback(pgHost),
    databases: [base, `${base}_test`],
    natsHost,
    natsPort: Number(nats.port || 4222),
    natsLocal: isLoopback(natsHost),
  };
}

/** Installs the Debian packages for whatever is missing, when we are root and apt-get exists. */
function installMissing(packages, log) {
  const aptGet = findExecutable('apt-get', ['/usr/bin']);
  if (!isRoot() || !aptGet) {
    const how = aptGet
      ? `sudo apt-get install -y ${packages.join(' ')}`
      : `install ${packages.join(' and ')}`;
    throw new InfraError(
      `missing binaries: ${how} (Debian/Ubuntu packages: ${packages.join(', ')}), then run this again`,
    );
  }
  log(`installing ${packages.join(' ')} with apt-get ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update'],
    ['install', '-y', '--no-install-recommends', ...packages],
  ]) {
    const res = run(aptGet, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (res.code !== 0) {
      throw new InfraError(
        `apt-get ${args[0]} failed: ${res.stderr.trim().split('\n').pop()}; install ${packages.join(' ')} by hand`,
      );
    }
  }
}

function assertJetStream(cfg, nats) {
  if (nats.answers && !nats.jetstream) {
    throw new InfraError(
      `${natsLabel(cfg)} answers but JetStream is not enabled (${nats.detail}): restart it with -js ` +
        '(for the Debian nats-server service: add "jetstream { store_dir: /var/lib/nats-server }" to ' +
        '/etc/nats-server.conf and restart it), or point NATS_URL at another port',
    );
  }
}

const pgLabel = (cfg) => `postgres ${cfg.pgHost}:${cfg.pgPort}`;
const natsLabel = (cfg) => `nats ${cfg.natsHost}:${cfg.natsPort}`;

/** Brings both servers up and the role and databases into shape. Resolves to the URLs. */
export async function up({
  env = process.env,
  log = (m) => console.log(`infra: ${m}`),
} = {}) {
  const cfg = resolveConfig(env);
  let [pg, nats] = await Promise.all([probePostgres(cfg), probeNats(cfg)]);
  if (!(pg.ready && nats.jetstream)) {
    fs.mkdirSync(cfg.infraDir, { recursive: true });
    await withLock(path.join(cfg.infraDir, 'up.lock'), async () => {
      // Another `up` may have done the work while we waited for the lock.
      [pg, nats] = await Promise.all([probePostgres(cfg), probeNats(cfg)]);
      assertJetStream(cfg, nats);
      let needPg = !pg.answers && !pg.starting;
      let needNats = !nats.answers;
      const pgBlocker = needPg && (await pgStartBlocker(cfg));
      const natsBlocker = needNats && (await natsStartBlocker(cfg));
      const blockers = [
        pgBlocker && `${pgLabel(cfg)} does not answer and ${pgBlocker}`,
        natsBlocker && `${natsLabel(cfg)} does not answer and ${natsBlocker}`,
      ].filter(Boolean);
      if (blockers.length) throw new InfraError(blockers.join('; '));
      const missing = [
        needPg && !pgBinDir() && 'postgresql',
        needNats && !natsBinary() && 'nats-server',
      ].filter(Boolean);
      if (missing.length) {
        installMissing(missing, log);
        // A package may start its own server (Debian's nats-server service runs without JetStream).
        [pg, nats] = await Promise.all([probePostgres(cfg), probeNats(cfg)]);
        assertJetStream(cfg, nats);
        needPg = !pg.answers && !pg.starting;
        needNats = !nats.answers;
      }
      if (needPg) await startPostgres(cfg, log);
      if (needNats) await startNats(cfg, log);
      // A server that is still starting (57P03) gets up to 30 s.
      pg =
        (await waitFor(
          async () => {
            const p = await probePostgres(cfg);
            return p.starting ? null : p;
          },
          30_000,
          250,
        )) ?? (await probePostgres(cfg));
      if (!pg.ready) {
        await ensureRoleAndDatabases(cfg, log);
        pg = await probePostgres(cfg);
      }
      if (!pg.ready) {
        throw new InfraError(
          `${pgLabel(cfg)}: role ${cfg.pgUser} still cannot use the databases over TCP with its password (${pg.missing.join('; ')}); ` +
            `pg_hba.conf must allow "host all all 127.0.0.1/32 scram-sha-256"`,
        );
      }
    });
  }
  log(
    `ready: ${pgLabel(cfg)} (role ${cfg.pgUser}, databases ${cfg.databases.join(', ')}), ${natsLabel(cfg)} (JetStream)`,
  );
  return { databaseUrl: cfg.databaseUrl, natsUrl: cfg.natsUrl };
}

/** One line per server; true when both are ready for the services. */
export async function status({
  env = process.env,
  log = (m) => console.log(`infra: ${m}`),
} = {}) {
  const cfg = resolveConfig(env);
  const [pg, nats] = await Promise.all([probePostgres(cfg), probeNats(cfg)]);
  const state = pgState(cfg);
  const pgOwner =
    state?.kind === 'debian'
      ? `Debian cluster ${state.version}/${state.cluster} started by infra.mjs`
      : state?.running
        ? `private cluster in ${state.dataDir} started by infra.mjs`
        : 'not started by infra.mjs';
  const natsPid = ownedNatsPid(cfg);
  const natsOwner = natsPid
    ? `pid ${natsPid} started by infra.mjs`
    : 'not started by infra.mjs';
  log(
    !pg.answers
      ? `${pgLabel(cfg)}: not answering (${pg.detail})`
      : pg.ready
        ? `${pgLabel(cfg)}: up, role ${cfg.pgUser} logs in, databases ${cfg.databases.join(', ')} ready (${pgOwner})`
        : `${pgLabel(cfg)}: up but not ready: ${pg.missing.join('; ')} (${pgOwner}); run "up"`,
  );
  log(
    !nats.answers
      ? `${natsLabel(cfg)}: not answering (${nats.detail})`
      : nats.jetstream
        ? `${natsLabel(cfg)}: up with JetStream, ${nats.detail} (${natsOwner})`
        : `${natsLabel(cfg)}: up but JetStream is not enabled (${nats.detail})`,
  );
  return pg.ready && nats.jetstream;
}

/** Stops what this script started: for the configured ports, or with all=true for every port. */
export async function down({
  env = process.env,
  all = false,
  log = (m) => console.log(`infra: ${m}`),
} = {}) {
  const cfg = resolveConfig(env);
  const configs = [cfg];
  if (all && fs.existsSync(cfg.infraDir)) {
    for (const f of fs.readdirSync(cfg.infraDir)) {
      const pgPort = /^pg(?:-(\d+))?\.json$/.exec(f);
      const natsPort = /^nats(?:-(\d+))?\.pid$/.exec(f);
      if (pgPort)
        configs.push({
          ...cfg,
          pgPort: Number(pgPort[1] ?? 5432),
          natsPort: -1,
        });
      if (natsPort)
        configs.push({
          ...cfg,
          natsPort: Number(natsPort[1] ?? 4222),
          pgPort: -1,
        });
    }
  }
  const done = [];
  for (const c of configs) {
    if (c.natsPort > 0) done.push(await stopNats(c));
    if (c.pgPort > 0) done.push(await stopPostgres(c));
  }
  const lines = [...new Set(done.filter(Boolean))];
  for (const line of lines) log(line);
  if (lines.length === 0)
    log('nothing to stop: this script started no server for these ports');
}

async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      await up();
      return 0;
    case 'status':
      return (await status()) ? 0 : 1;
    case 'down':
      await down({ all: rest.includes('--all') });
      return 0;
    case 'env': {
      const cfg = resolveConfig();
      console.log(`DATABASE_URL=${cfg.databaseUrl}`);
      console.log(`NATS_URL=${cfg.natsUrl}`);
      return 0;
    }
    default:
      console.error(
        'usage: node tools/infra/infra.mjs up | status | down [--all] | env',
      );
      return command ? 1 : 0;
  }
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(
        `infra: ${err instanceof InfraError ? err.message : (err?.stack ?? err)}`,
      );
      process.exit(1);
    },
  );
}
