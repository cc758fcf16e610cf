// Small process, file and network helpers shared by the Postgres and NATS parts of infra.mjs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A failure that the CLI prints as one line and turns into exit code 1. */
export class InfraError extends Error {}

export const isRoot = () =>
  typeof process.getuid === 'function' && process.getuid() === 0;

export function isLoopback(host) {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** Finds an executable on PATH or in the extra folders (sbin is not on every user's PATH). */
export function findExecutable(name, extraDirs = []) {
  const dirs = [
    ...(process.env.PATH ?? '').split(path.delimiter),
    ...extraDirs,
  ].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** Runs a command to completion; never throws, returns { code, stdout, stderr }. */
export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  return {
    code: res.error ? -1 : res.status,
    stdout: res.stdout ?? '',
    stderr: (res.stderr ?? '') + (res.error ? String(res.error.message) : ''),
  };
}

/**
 * Runs a command in its own session so that whatever it leaves running (pg_ctl's postmaster)
 * does not die with the shell or job that called us.
 */
export function runDetachedToCompletion(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...opts,
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (err) =>
      resolve({ code: -1, output: String(err.message) }),
    );
    child.on('close', (code) => resolve({ code, output: out }));
  });
}

/** Prefixes a command with `runuser -u <user> --` when a user is given. */
export function asUser(user, cmd, args) {
  if (!user) return [cmd, args];
  const runuser = findExecutable('runuser', [
    '/usr/sbin',
    '/sbin',
    '/usr/bin',
    '/bin',
  ]);
  if (!runuser)
    throw new InfraError(
      `runuser (util-linux) is needed to run ${path.basename(cmd)} as ${user}`,
    );
  return [runuser, ['-u', user, '--', cmd, ...args]];
}

/** Resolves true when something accepts TCP connections on host:port. */
export function tcpOpen(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls fn until it returns a truthy value or the deadline passes; returns the last value. */
export async function waitFor(fn, timeoutMs, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  do {
    last = await fn();
    if (last) return last;
    await sleep(intervalMs);
  } while (Date.now() < deadline);
  return last;
}

export function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function writeJson(file, value) {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n', {
    mode: 0o600,
  });
}

export function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** True when pid runs a command whose command line contains `needle` (guards against reused pids). */
export function pidRuns(pid, needle) {
  if (!pidAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
  } catch {
    return true; // no /proc: trust the pid file
  }
}

export function tail(file, lines = 5) {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join(' | ');
  } catch {
    return '';
  }
}

/**
 * A cross-process lock (a file created with O_EXCL) so that two `up` runs started at once do
 * not both try to start a server on the same port. A lock left by a dead process is taken over.
 */
export async function withLock(file, fn, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(file, 'utf8') || 0);
      if (!owner || !pidAlive(owner)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new InfraError(`another infra.mjs (pid ${owner}) holds ${file}`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
