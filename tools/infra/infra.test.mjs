// infra.mjs: configuration from the environment, and the real start-from-binaries path on
// free ports with a throw-away INFRA_DIR (the machine's own servers are never touched).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { resolveConfig } from './infra.mjs';
import { natsBinary } from './lib/nats.mjs';
import { pgBinDir } from './lib/postgres.mjs';

const SCRIPT = fileURLToPath(new URL('./infra.mjs', import.meta.url));
const exec = promisify(execFile);

test('defaults follow the service environment contract', () => {
  const cfg = resolveConfig({});
  assert.equal(cfg.databaseUrl, 'postgres://hub:hub@127.0.0.1:5432/hub');
  assert.equal(cfg.natsUrl, 'nats://127.0.0.1:4222');
  assert.deepEqual(
    [cfg.pgHost, cfg.pgPort, cfg.pgUser, cfg.pgPassword],
    ['127.0.0.1', 5432, 'hub', 'hub'],
  );
  assert.deepEqual(cfg.databases, ['hub', 'hub_test']);
  assert.deepEqual(
    [cfg.natsHost, cfg.natsPort, cfg.pgLocal, cfg.natsLocal],
    ['127.0.0.1', 4222, true, true],
  );
  assert.match(cfg.infraDir, /\.infra$/);
});

test('URLs from the environment: test database, other hosts, several NATS servers', () => {
  const cfg = resolveConfig({
    DATABASE_URL: 'postgres://app:s%40cret@db.internal:6543/billing_test',
    NATS_URL: 'nats://n1:4333,nats://n2:4333',
    INFRA_DIR: '/tmp/x',
  });
  assert.deepEqual(
    [cfg.pgHost, cfg.pgPort, cfg.pgUser, cfg.pgPassword],
    ['db.internal', 6543, 'app', 's@cret'],
  );
  assert.deepEqual(cfg.databases, ['billing', 'billing_test']);
  assert.deepEqual(
    [cfg.natsHost, cfg.natsPort, cfg.pgLocal, cfg.natsLocal],
    ['n1', 4333, false, false],
  );
  assert.equal(cfg.infraDir, '/tmp/x');
  assert.throws(
    () => resolveConfig({ DATABASE_URL: 'not a url' }),
    /DATABASE_URL is not a URL/,
  );
});

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

const haveBinaries = Boolean(natsBinary() && pgBinDir());

test(
  'up starts Postgres and NATS from the binaries, is idempotent, and down stops them',
  {
    skip: !haveBinaries && 'nats-server or Postgres binaries not installed',
    timeout: 120_000,
  },
  async () => {
    const infraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-infra-test-'));
    fs.chmodSync(infraDir, 0o755); // the postgres OS user owns the cluster when we run as root
    const [pgPort, natsPort] = [await freePort(), await freePort()];
    const env = {
      ...process.env,
      INFRA_DIR: infraDir,
      DATABASE_URL: `postgres://hub:hub@127.0.0.1:${pgPort}/hub`,
      NATS_URL: `nats://127.0.0.1:${natsPort}`,
      PG_ADMIN_URL: '',
    };
    const cli = async (...args) => {
      try {
        const { stdout, stderr } = await exec(
          process.execPath,
          [SCRIPT, ...args],
          { env },
        );
        return { code: 0, out: stdout + stderr };
      } catch (err) {
        return { code: err.code, out: (err.stdout ?? '') + (err.stderr ?? '') };
      }
    };
    try {
      assert.equal((await cli('status')).code, 1, 'nothing answers before up');
      const first = await cli('up');
      assert.equal(first.code, 0, first.out);
      assert.match(first.out, /started Postgres/);
      assert.match(first.out, /started nats-server/);

      // The services' own login: role hub with its password over TCP, both databases.
      for (const database of ['hub', 'hub_test']) {
        const client = new pg.Client({
          host: '127.0.0.1',
          port: pgPort,
          user: 'hub',
          password: 'hub',
          database,
        });
        await client.connect();
        assert.equal(
          (await client.query('SELECT current_user AS u')).rows[0].u,
          'hub',
        );
        await client.end();
      }
      const wrong = new pg.Client({
        host: '127.0.0.1',
        port: pgPort,
        user: 'hub',
        password: 'nope',
        database: 'hub',
      });
      await assert.rejects(wrong.connect(), /password authentication failed/);

      const again = await cli('up');
      assert.equal(again.code, 0, again.out);
      assert.doesNotMatch(again.out, /started/, 'a second up starts nothing');
      assert.equal((await cli('status')).code, 0);
      assert.match(
        (await cli('env')).out,
        new RegExp(`NATS_URL=nats://127.0.0.1:${natsPort}`),
      );

      const down = await cli('down');
      assert.match(down.out, /stopped nats-server/);
      assert.match(down.out, /stopped Postgres/);
      assert.equal((await cli('status')).code, 1, 'nothing answers after down');

      const restarted = await cli('up');
      assert.equal(restarted.code, 0, restarted.out);
      assert.doesNotMatch(
        restarted.out,
        /initialised/,
        'the data folder is reused',
      );
    } finally {
      await cli('down');
      fs.rmSync(infraDir, { recursive: true, force: true });
    }
  },
);

test(
  'a port taken by something else is reported, not fought over',
  { skip: !haveBinaries && 'binaries not installed' },
  async () => {
    const blocker = net.createServer((s) => {
      s.on('error', () => undefined);
      s.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address();
    const infraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-infra-test-'));
    try {
      const err = await exec(process.execPath, [SCRIPT, 'up'], {
        env: {
          ...process.env,
          INFRA_DIR: infraDir,
          NATS_URL: `nats://127.0.0.1:${port}`,
          DATABASE_URL: `postgres://hub:hub@127.0.0.1:${await freePort()}/hub`,
        },
      }).then(
        () => null,
        (e) => e,
      );
      assert.ok(err, 'up fails');
      assert.equal(err.code, 1);
      assert.match(
        err.stderr,
        new RegExp(
          `port ${port} on 127.0.0.1 is taken by something that does not speak NATS`,
        ),
      );
    } finally {
      blocker.close();
      fs.rmSync(infraDir, { recursive: true, force: true });
    }
  },
);
