// NATS with JetStream: probe, start from the installed nats-server binary, stop.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  InfraError,
  findExecutable,
  pidRuns,
  readJson,
  sleep,
  tail,
  tcpOpen,
  waitFor,
  writeJson,
} from './util.mjs';

const SBIN_DIRS = [
  '/usr/sbin',
  '/usr/local/sbin',
  '/usr/bin',
  '/usr/local/bin',
];

export const natsBinary = () => findExecutable('nats-server', SBIN_DIRS);

async function natsLibs() {
  try {
    const [{ connect }, { jetstreamManager }] = await Promise.all([
      import('@nats-io/transport-node'),
      import('@nats-io/jetstream'),
    ]);
    return { connect, jetstreamManager };
  } catch {
    throw new InfraError(
      'node_modules lacks @nats-io/transport-node or @nats-io/jetstream: run `npm ci` first',
    );
  }
}

/**
 * { answers, jetstream, detail }: answers = a NATS server accepted the connection;
 * jetstream = its account has JetStream (getAccountInfo succeeded).
 */
export async function probeNats(cfg) {
  const { connect, jetstreamManager } = await natsLibs();
  let nc;
  try {
    nc = await connect({
      servers: cfg.natsUrl.split(',').map((s) => s.trim()),
      timeout: 1500,
      reconnect: false,
      maxReconnectAttempts: 0,
      name: 'infra.mjs',
    });
  } catch (err) {
    return {
      answers: false,
      jetstream: false,
      detail: err?.message ?? String(err),
    };
  }
  try {
    const jsm = await jetstreamManager(nc, { timeout: 1500 });
    await jsm.getAccountInfo();
    return {
      answers: true,
      jetstream: true,
      detail: `server ${nc.info?.version ?? '?'}`,
    };
  } catch (err) {
    return {
      answers: true,
      jetstream: false,
      detail: err?.message ?? String(err),
    };
  } finally {
    await nc.close().catch(() => undefined);
  }
}

function paths(cfg) {
  const name = cfg.natsPort === 4222 ? 'nats' : `nats-${cfg.natsPort}`;
  return {
    storeDir: path.join(cfg.infraDir, name),
    pidFile: path.join(cfg.infraDir, `${name}.pid`),
    logFile: path.join(cfg.infraDir, `${name}.log`),
  };
}

/** The pid of a nats-server this script started for cfg's port and that still runs, else null. */
export function ownedNatsPid(cfg) {
  const { pidFile } = paths(cfg);
  const pid = Number(readJson(pidFile)?.pid ?? 0);
  return pid && pidRuns(pid, 'nats-server') ? pid : null;
}

/** Spawns `nats-server -js` detached, data in .infra/nats, log in .infra/nats.log, and waits for it. */
export async function startNats(cfg, log) {
  const bin = natsBinary();
  if (!bin) throw new InfraError('nats-server binary not found');
  const { storeDir, pidFile, logFile } = paths(cfg);
  fs.mkdirSync(storeDir, { recursive: true });
  const listen = cfg.natsHost === 'localhost' ? '127.0.0.1' : cfg.natsHost;
  const args = [
    '-js',
    '-a',
    listen,
    '-p',
    String(cfg.natsPort),
    '-sd',
    storeDir,
  ];
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(bin, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  fs.closeSync(logFd);
  let exited = null;
  child.on('exit', (code, signal) => (exited = signal ?? code));
  child.unref();
  writeJson(pidFile, {
    pid: child.pid,
    bin,
    args,
    startedAt: new Date().toISOString(),
  });
  const probe = await waitFor(
    async () => {
      if (exited !== null)
        return { answers: false, jetstream: false, exited: true };
      const p = await probeNats(cfg);
      return p.jetstream ? p : null;
    },
    15_000,
    150,
  );
  if (!probe?.jetstream) {
    if (exited === null) child.kill('SIGTERM');
    fs.rmSync(pidFile, { force: true });
    throw new InfraError(
      `nats-server did not come up on ${listen}:${cfg.natsPort} (log ${logFile}: ${tail(logFile)})`,
    );
  }
  log(
    `started nats-server -js on ${listen}:${cfg.natsPort} (pid ${child.pid}, data ${storeDir}, log ${logFile})`,
  );
}

/** Stops the nats-server this script started for cfg's port; returns what it did, or null. */
export async function stopNats(cfg) {
  const { pidFile } = paths(cfg);
  if (!fs.existsSync(pidFile)) return null;
  const pid = ownedNatsPid(cfg);
  fs.rmSync(pidFile, { force: true });
  if (!pid)
    return `nats on port ${cfg.natsPort} was not running (removed stale pid file)`;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && pidRuns(pid, 'nats-server'); i++) await sleep(200);
  if (pidRuns(pid, 'nats-server')) process.kill(pid, 'SIGKILL');
  return `stopped nats-server on port ${cfg.natsPort} (pid ${pid})`;
}

/** Why nothing can be started here, or null when starting is allowed. */
export async function natsStartBlocker(cfg) {
  if (!cfg.natsLocal)
    return `${cfg.natsHost} is not a loopback address, so it is not started here`;
  if (await tcpOpen(cfg.natsHost, cfg.natsPort)) {
    return `port ${cfg.natsPort} on ${cfg.natsHost} is taken by something that does not speak NATS`;
  }
  return null;
}
