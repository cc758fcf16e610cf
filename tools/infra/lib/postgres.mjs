// Postgres: probe (as the services log in), start (a Debian cluster or a private cluster
// under .infra), stop.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  InfraError,
  asUser,
  findExecutable,
  isRoot,
  readJson,
  run,
  runDetachedToCompletion,
  tcpOpen,
  waitFor,
  writeJson,
} from './util.mjs';

export const ADMIN_OS_USER = 'postgres';

export async function pgLib() {
  try {
    return (await import('pg')).default;
  } catch {
    throw new InfraError('node_modules lacks pg: run `npm ci` first');
  }
}

const isSqlState = (code) =>
  typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);

async function withClient(config, fn) {
  const pg = await pgLib();
  const client = new pg.Client({ connectionTimeoutMillis: 2500, ...config });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Logs in the way the services do (role and password from DATABASE_URL, over TCP) and checks
 * that the role may create databases and owns the databases. Returns
 * { answers, ready, detail, missing: [what is not right yet] }.
 */
export async function probePostgres(cfg) {
  const conn = {
    host: cfg.pgHost,
    port: cfg.pgPort,
    user: cfg.pgUser,
    password: cfg.pgPassword,
  };
  try {
    return await withClient(
      { ...conn, database: cfg.databases[0] },
      async (c) => {
        const role = await c.query(
          'SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user',
        );
        const dbs = await c.query(
          'SELECT datname, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = ANY($1)',
          [cfg.databases],
        );
        const owners = new Map(dbs.rows.map((r) => [r.datname, r.owner]));
        const missing = [];
        if (!role.rows[0]?.rolcreatedb)
          missing.push(`role ${cfg.pgUser} lacks CREATEDB`);
        for (const db of cfg.databases) {
          if (!owners.has(db)) missing.push(`database ${db} is missing`);
          else if (owners.get(db) !== cfg.pgUser)
            missing.push(`database ${db} is owned by ${owners.get(db)}`);
        }
        return {
          answers: true,
          ready: missing.length === 0,
          missing,
          detail: 'login ok',
        };
      },
    );
  } catch (err) {
    if (isSqlState(err.code)) {
      const starting = err.code === '57P03';
      return {
        answers: !starting,
        starting,
        ready: false,
        missing: [err.message],
        detail: err.message,
      };
    }
    return { answers: false, ready: false, missing: [], detail: err.message };
  }
}

/** Debian clusters from pg_lsclusters: [{ version, name, port, online, owner, dataDir }]. */
export function debianClusters() {
  const bin = findExecutable('pg_lsclusters');
  if (!bin) return [];
  const res = run(bin, ['-h']);
  if (res.code !== 0) return [];
  return res.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 6)
    .map(([version, name, port, status, owner, dataDir]) => ({
      version,
      name,
      port: Number(port),
      online: status.startsWith('online'),
      owner,
      dataDir,
    }));
}

/** The folder holding initdb and pg_ctl: the newest /usr/lib/postgresql/<v>/bin, else PATH. */
export function pgBinDir() {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) {
    const dir = path.join(root, v, 'bin');
    if (
      fs.existsSync(path.join(dir, 'initdb')) &&
      fs.existsSync(path.join(dir, 'pg_ctl'))
    )
      return dir;
  }
  const initdb = findExecutable('initdb');
  return initdb && findExecutable('pg_ctl')
    ? path.dirname(fs.realpathSync(initdb))
    : null;
}

function paths(cfg) {
  const name = cfg.pgPort === 5432 ? 'pg' : `pg-${cfg.pgPort}`;
  return {
    dataDir: path.join(cfg.infraDir, name),
    stateFile: path.join(cfg.infraDir, `${name}.json`),
    logFile: path.join(cfg.infraDir, `${name}.log`),
    pwFile: path.join(cfg.infraDir, `${name}.initdb-pw`),
  };
}

export const pgState = (cfg) => readJson(paths(cfg).stateFile);

/** Why nothing can be started here, or null when starting is allowed. */
export async function pgStartBlocker(cfg) {
  if (!cfg.pgLocal)
    return `${cfg.pgHost} is not a loopback address, so it is not started here`;
  if (await tcpOpen(cfg.pgHost, cfg.pgPort)) {
    return `port ${cfg.pgPort} on ${cfg.pgHost} is taken by something that does not speak the Postgres protocol`;
  }
  return null;
}

/** Starts Postgres on cfg's port: a Debian cluster with that port if one exists, else a private one. */
export async function startPostgres(cfg, log) {
  const cluster = debianClusters()
    .filter((c) => c.port === cfg.pgPort)
    .sort(
      (a, b) =>
        (b.name === 'main') - (a.name === 'main') ||
        Number(b.version) - Number(a.version),
    )[0];
  if (cluster && !cluster.online) {
    const res = run('pg_ctlcluster', [cluster.version, cluster.name, 'start']);
    if (res.code !== 0) {
      throw new InfraError(
        `pg_ctlcluster ${cluster.version} ${cluster.name} start failed: ${res.stderr.trim()}`,
      );
    }
    writeJson(paths(cfg).stateFile, {
      kind: 'debian',
      version: cluster.version,
      cluster: cluster.name,
      port: cfg.pgPort,
    });
    log(
      `started Debian cluster ${cluster.version}/${cluster.name} on port ${cfg.pgPort}`,
    );
  } else if (!cluster) {
    await startPrivateCluster(cfg, log);
  }
  const probe = await waitFor(
    async () => {
      const p = await probePostgres(cfg);
      return p.answers ? p : null;
    },
    30_000,
    250,
  );
  if (!probe)
    throw new InfraError(
      `Postgres was started but does not answer on ${cfg.pgHost}:${cfg.pgPort}`,
    );
}

async function startPrivateCluster(cfg, log) {
  const binDir = pgBinDir();
  if (!binDir)
    throw new InfraError('Postgres binaries (initdb, pg_ctl) not found');
  const { dataDir, stateFile, logFile, pwFile } = paths(cfg);
  // initdb and postgres refuse to run as root: as root the cluster belongs to the postgres OS user.
  const runAs = isRoot() ? ADMIN_OS_USER : null;
  if (runAs && run('id', ['-u', runAs]).code !== 0) {
    throw new InfraError(
      `running as root but there is no "${runAs}" OS user to own the Postgres cluster`,
    );
  }
  const chown = (p) => runAs && run('chown', [`${runAs}:`, p]);
  let state = readJson(stateFile);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chown(dataDir);
    if (runAs && run(...asUser(runAs, 'test', ['-w', dataDir])).code !== 0) {
      throw new InfraError(
        `the ${runAs} OS user cannot write ${dataDir} (a parent folder is not traversable): set INFRA_DIR to a folder it can reach`,
      );
    }
    const adminPassword = crypto.randomBytes(18).toString('base64url');
    fs.writeFileSync(pwFile, adminPassword + '\n', { mode: 0o600 });
    chown(pwFile);
    const initdb = run(
      ...asUser(runAs, path.join(binDir, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        'postgres',
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C',
      ]),
    );
    fs.rmSync(pwFile, { force: true });
    if (initdb.code !== 0) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new InfraError(
        `initdb failed: ${(initdb.stderr || initdb.stdout).trim().split('\n').pop()}`,
      );
    }
    const listen = cfg.pgHost === 'localhost' ? '127.0.0.1' : cfg.pgHost;
    fs.appendFileSync(
      path.join(dataDir, 'postgresql.conf'),
      [
        '',
        '# written by tools/infra/infra.mjs',
        `listen_addresses = '${listen}'`,
        `port = ${cfg.pgPort}`,
        "unix_socket_directories = ''",
        'max_connections = 200',
        '',
      ].join('\n'),
    );
    state = {
      kind: 'private',
      dataDir,
      binDir,
      runAs,
      port: cfg.pgPort,
      adminUser: 'postgres',
      adminPassword,
    };
    writeJson(stateFile, state);
    log(`initialised a private Postgres cluster in ${dataDir}`);
  }
  if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, '');
  chown(logFile);
  const res = await runDetachedToCompletion(
    ...asUser(runAs, path.join(binDir, 'pg_ctl'), [
      '-D',
      dataDir,
      '-l',
      logFile,
      '-w',
      '-t',
      '60',
      'start',
    ]),
  );
  if (res.code !== 0)
    throw new InfraError(
      `pg_ctl start failed: ${res.output.trim().split('\n').pop()} (log ${logFile})`,
    );
  writeJson(stateFile, {
    ...state,
    kind: 'private',
    dataDir,
    binDir,
    runAs,
    port: cfg.pgPort,
    running: true,
  });
  log(
    `started Postgres ${path.basename(path.dirname(binDir))} on ${cfg.pgHost}:${cfg.pgPort} (data ${dataDir}, log ${logFile})`,
  );
}

/** Stops the Postgres this script started for cfg's port; returns what it did, or null. */
export async function stopPostgres(cfg) {
  const { stateFile } = paths(cfg);
  const state = readJson(stateFile);
  if (!state) return null;
  if (state.kind === 'debian') {
    const res = run('pg_ctlcluster', [state.version, state.cluster, 'stop']);
    fs.rmSync(stateFile, { force: true });
    return res.code === 0
      ? `stopped Debian cluster ${state.version}/${state.cluster}`
      : `Debian cluster ${state.version}/${state.cluster} was not running`;
  }
  if (!state.running) return null;
  const res = run(
    ...asUser(state.runAs, path.join(state.binDir, 'pg_ctl'), [
      '-D',
      state.dataDir,
      '-m',
      'fast',
      '-w',
      'stop',
    ]),
  );
  // Keep the state file: it holds the superuser password of the private cluster's data.
  writeJson(stateFile, { ...state, running: false });
  return res.code === 0
    ? `stopped Postgres on port ${state.port} (data kept in ${state.dataDir})`
    : `Postgres on port ${state.port} was not running`;
}
