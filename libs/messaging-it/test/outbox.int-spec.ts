import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  assertInfra,
  dropSchema,
  dropStreams,
  queryTest,
  TEST_DATABASE_URL,
  TEST_NATS_URL,
  uniqueName,
  waitFor,
  type TestService,
} from '@hub/testing';
import { plainToInstance } from 'class-transformer';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TestkitProbeReceived } from '@hub/contracts';
import { OutboxRelay, OutboxWriter } from '@hub/messaging';
import { probeBehaviour } from './probe/probe-behaviour';
import { SendProbeUseCase, type ProbeEnv } from './probe/probe.service';
import {
  appliedRows,
  COMPANY,
  inboxCount,
  prepareProbe,
  probeRun,
  type ProbeRun,
  sleep,
  startProbe,
  streamCount,
} from './support';

jest.setTimeout(90_000);

const ROOT = join(__dirname, '../../..');

function runCrashFixture(
  run: ProbeRun,
  probeId: string,
  messageId: string,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        './tools/ts-register.cjs',
        'libs/messaging-it/test/fixtures/crash-after-commit.ts',
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: TEST_DATABASE_URL,
          DATABASE_SCHEMA: run.schema,
          NATS_URL: TEST_NATS_URL,
          MESSAGING_PREFIX: run.prefix,
          PROBE_ID: probeId,
          MESSAGE_ID: messageId,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

async function outboxRow(
  run: ProbeRun,
  id: string,
): Promise<{ published_at: Date | null; attempts: number } | undefined> {
  const [row] = await queryTest<{
    published_at: Date | null;
    attempts: number;
  }>(
    `SELECT published_at, attempts FROM "${run.schema}".outbox_message WHERE id = $1`,
    [id],
  );
  return row;
}

/** Runs `work` with these relays stopped (nothing is published unless the test says so), then starts them again. */
async function whileStopped(relays: OutboxRelay[], work: () => Promise<void>): Promise<void> {
  await Promise.all(relays.map((r) => r.stop()));
  try {
    await work();
  } finally {
    for (const r of relays) r.start();
  }
}

describe('transactional outbox against real Postgres and JetStream', () => {
  const run = probeRun(uniqueName('outbox'), uniqueName('outbox'));
  let services: TestService<ProbeEnv>[] = [];

  beforeAll(async () => {
    await assertInfra();
    await prepareProbe(run);
  });

  afterEach(() => probeBehaviour.reset());

  afterAll(async () => {
    await Promise.allSettled(services.map((s) => s.close()));
    await dropStreams(run.prefix);
    await dropSchema(run.schema);
  });

  it('the process dies between commit and publish: after restart the event is published once and consumed once', async () => {
    const probeId = `crash-${randomUUID()}`;
    const messageId = randomUUID();
    const child = await runCrashFixture(run, probeId, messageId);
    expect(child.stderr).not.toContain('crash fixture failed');
    expect(child.code).toBe(137);

    // Committed but never published.
    expect(await outboxRow(run, messageId)).toMatchObject({
      published_at: null,
      attempts: 0,
    });
    expect(
      await queryTest(
        `SELECT 1 FROM "${run.schema}".probe_note WHERE probe_id = $1`,
        [probeId],
      ),
    ).toHaveLength(1);
    expect(await streamCount(run)).toBe(0);

    // Restart: two replicas at once, each with its relay (SKIP LOCKED) and a consumer on the same durable.
    services = await Promise.all([
      startProbe(run, false),
      startProbe(run, false),
    ]);

    await waitFor(
      async () => (await appliedRows(run, probeId)).length > 0,
      15_000,
      'the event to be applied',
    );
    await waitFor(
      async () => (await outboxRow(run, messageId))?.published_at,
      5_000,
      'the outbox row to be marked published',
    );
    await sleep(1500); // room for a second publish or delivery to show up
    expect(await streamCount(run)).toBe(1);
    expect(await inboxCount(run, messageId)).toBe(1);
    expect(await appliedRows(run, probeId)).toEqual([
      { message_id: messageId, delivery: 1 },
    ]);
    expect(await outboxRow(run, messageId)).toMatchObject({ attempts: 1 });
  });

  it('a crash after the publish but before the row is marked: the second publish is dropped by Nats-Msg-Id', async () => {
    const [a, b] = services as [TestService<ProbeEnv>, TestService<ProbeEnv>];
    const relayA = a.app.get(OutboxRelay);
    const relayB = b.app.get(OutboxRelay);
    await whileStopped([relayA, relayB], async () => {
      const before = await streamCount(run);
      const probeId = `republish-${randomUUID()}`;
      const messageId = await a.app
        .get(SendProbeUseCase)
        .execute(COMPANY, { probeId });

      // Make marking the row fail after JetStream acknowledged it: the relay's transaction rolls back.
      await queryTest(`
        CREATE OR REPLACE FUNCTION "${run.schema}".simulate_crash() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'simulated crash after publish'; END $$`);
      await queryTest(
        `CREATE TRIGGER simulate_crash BEFORE UPDATE OF published_at ON "${run.schema}".outbox_message
           FOR EACH ROW WHEN (NEW.published_at IS NOT NULL) EXECUTE FUNCTION "${run.schema}".simulate_crash()`,
      );
      await expect(relayA.publishBatch()).rejects.toThrow(/simulated crash/);
      await queryTest(
        `DROP TRIGGER simulate_crash ON "${run.schema}".outbox_message`,
      );
      expect(await outboxRow(run, messageId)).toMatchObject({
        published_at: null,
      });
      expect(await streamCount(run)).toBe(before + 1);

      // The "restarted" relay publishes the same row again.
      expect(await relayB.publishBatch()).toBe(1);
      expect((await outboxRow(run, messageId))?.published_at).toBeInstanceOf(Date);

      await waitFor(
        async () => (await appliedRows(run, probeId)).length > 0,
        10_000,
        'the event to be applied',
      );
      await sleep(1000);
      expect(await streamCount(run)).toBe(before + 1);
      expect(await appliedRows(run, probeId)).toHaveLength(1);
      expect(await inboxCount(run, messageId)).toBe(1);
    });
  });

  it.each([
    ['a transaction that wrote outbox rows (woken by the commit, then claims)', 'transaction'],
    ['a single-statement write (rows handed over at commit)', 'statement'],
  ])('the relay is woken by the commit of %s: published promptly, not at the next poll', async (_label, kind) => {
    const [a, b] = services as [TestService<ProbeEnv>, TestService<ProbeEnv>];
    const send = a.app.get(SendProbeUseCase);
    const dataSource = a.app.get(DataSource);
    const outbox = a.app.get(OutboxWriter);
    const relayB = b.app.get(OutboxRelay);
    const elapsed: number[] = [];
    // Only the writer's own relay: a second poller would halve the wait.
    await whileStopped([relayB], async () => {
      for (let i = 0; i < 10; i++) {
        await sleep(150); // let the relays go back to sleep (poll interval 1 s)
        const started = Date.now();
        const probeId = `wake-${randomUUID()}`;
        const id =
          kind === 'statement'
            ? await send.execute(COMPANY, { probeId })
            : await dataSource.transaction((manager) =>
                outbox.publish(
                  manager,
                  plainToInstance(TestkitProbeReceived, { companyId: COMPANY, probeId, sentAt: new Date().toISOString() }),
                ),
              );
        await waitFor(
          async () => (await outboxRow(run, id))?.published_at,
          5_000,
          'the row to be published',
        );
        elapsed.push(Date.now() - started);
      }
    });
    elapsed.sort((x, y) => x - y);
    // Without the commit wake-up every row waits for the poll: ~500 ms on average.
    expect(elapsed[5]).toBeLessThan(250);
  });

  it('rows of a single-statement write are handed to the relay at commit: published without being claimed, each once', async () => {
    const [a, b] = services as [TestService<ProbeEnv>, TestService<ProbeEnv>];
    const relayA = a.app.get(OutboxRelay);
    const relayB = b.app.get(OutboxRelay);
    // The writer's own relay only: B's claims would take rows A holds.
    await whileStopped([relayB], async () => {
      const before = await streamCount(run);
      const stats = { ...relayA.stats };
      const send = a.app.get(SendProbeUseCase);
      const batch = `handover-${randomUUID()}`;
      const n = 120;
      const ids = await Promise.all(
        Array.from({ length: n }, (_, i) => send.execute(COMPANY, { probeId: `${batch}-${i}` })),
      );
      await waitFor(
        async () => {
          const [row] = await queryTest<{ n: number }>(
            `SELECT count(*)::int AS n FROM "${run.schema}".outbox_message WHERE id = ANY($1::uuid[]) AND published_at IS NOT NULL`,
            [ids],
          );
          return row?.n === n;
        },
        10_000,
        'every row to be marked published',
      );
      expect(relayA.stats.handedOver - stats.handedOver).toBe(n);
      expect(relayA.stats.claimed - stats.claimed).toBe(0);
      const attempts = await queryTest<{ attempts: number; n: number }>(
        `SELECT attempts, count(*)::int AS n FROM "${run.schema}".outbox_message WHERE id = ANY($1::uuid[]) GROUP BY attempts`,
        [ids],
      );
      expect(attempts).toEqual([{ attempts: 1, n }]);
      expect(await streamCount(run)).toBe(before + n);
      await waitFor(
        async () => {
          const [row] = await queryTest<{ n: number; distinct: number }>(
            `SELECT count(*)::int AS n, count(DISTINCT probe_id)::int AS distinct FROM "${run.schema}".probe_applied WHERE probe_id LIKE $1`,
            [`${batch}-%`],
          );
          return row?.n === n && row.distinct === n;
        },
        20_000,
        'every event to be applied once',
      );
    });
  });

  it('marking published rows is not on the next rows\' path: while a mark waits, the rows handed over after it are published, then marked by one statement', async () => {
    const [a, b] = services as [TestService<ProbeEnv>, TestService<ProbeEnv>];
    const relayA = a.app.get(OutboxRelay);
    const relayB = b.app.get(OutboxRelay);
    const send = a.app.get(SendProbeUseCase);
    // Every UPDATE of the outbox (the relay's mark) waits while this test holds an advisory lock.
    const lockKey = 7_316_402;
    const blocker = new Client({ connectionString: TEST_DATABASE_URL });
    await blocker.connect();
    await queryTest(`CREATE FUNCTION "${run.schema}".hold_outbox_mark() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock_shared(${lockKey}); RETURN NEW; END $$`);
    await queryTest(`CREATE TRIGGER hold_outbox_mark BEFORE UPDATE ON "${run.schema}".outbox_message
      FOR EACH ROW EXECUTE FUNCTION "${run.schema}".hold_outbox_mark()`);
    try {
      await whileStopped([relayB], async () => {
        // The last mark is more than the mark interval ago: the first row's mark goes at once.
        await relayA.flushMarks();
        await sleep(100);
        const stats = { ...relayA.stats };
        const before = await streamCount(run);
        await blocker.query('SELECT pg_advisory_lock($1)', [lockKey]);
        let held = true;
        try {
          const first = await send.execute(COMPANY, { probeId: `mark-held-${randomUUID()}` });
          await waitFor(async () => (await streamCount(run)) === before + 1, 5_000, 'the first row to be published');
          // Its mark is now waiting for the lock; the next rows go out all the same.
          const second = await send.execute(COMPANY, { probeId: `mark-held-${randomUUID()}` });
          await waitFor(async () => (await streamCount(run)) === before + 2, 5_000, 'the second row to be published while the first mark waits');
          const third = await send.execute(COMPANY, { probeId: `mark-held-${randomUUID()}` });
          await waitFor(async () => (await streamCount(run)) === before + 3, 5_000, 'the third row to be published while the first mark waits');
          for (const id of [first, second, third]) expect((await outboxRow(run, id))?.published_at).toBeNull();
          await blocker.query('SELECT pg_advisory_unlock($1)', [lockKey]);
          held = false;
          for (const id of [first, second, third]) {
            await waitFor(async () => (await outboxRow(run, id))?.published_at, 5_000, 'the rows to be marked once the lock is gone');
            expect((await outboxRow(run, id))?.attempts).toBe(1);
          }
          await relayA.flushMarks();
          // The rows published while the first mark waited are marked by one statement.
          const marks = await queryTest<{ id: string; xmin: string }>(
            `SELECT id, xmin::text AS xmin FROM "${run.schema}".outbox_message WHERE id = ANY($1::uuid[])`,
            [[first, second, third]],
          );
          const markOf = new Map(marks.map((m) => [m.id, m.xmin]));
          expect(markOf.get(second)).toBe(markOf.get(third));
          expect(markOf.get(first)).not.toBe(markOf.get(second));
          // Held by the relay while their marks waited: no claim took them again.
          expect(relayA.stats.handedOver - stats.handedOver).toBe(3);
          expect(relayA.stats.claimed - stats.claimed).toBe(0);
          expect(await streamCount(run)).toBe(before + 3);
        } finally {
          if (held) await blocker.query('SELECT pg_advisory_unlock($1)', [lockKey]);
        }
      });
    } finally {
      await queryTest(`DROP TRIGGER hold_outbox_mark ON "${run.schema}".outbox_message`);
      await queryTest(`DROP FUNCTION "${run.schema}".hold_outbox_mark()`);
      await blocker.end();
    }
  });

  it('a relay whose database session is terminated (its LISTEN connection) keeps the service up, listens again and goes on publishing', async () => {
    const [a, b] = services as [TestService<ProbeEnv>, TestService<ProbeEnv>];
    const send = a.app.get(SendProbeUseCase);
    const listeners = async (): Promise<number[]> =>
      (
        await queryTest<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = $1 AND pid <> pg_backend_pid()`,
          [`LISTEN "outbox_${run.schema}"`],
        )
      ).map((r) => r.pid);
    await whileStopped([b.app.get(OutboxRelay)], async () => {
      const [before] = await waitFor(async () => {
        const pids = await listeners();
        return pids.length === 1 ? pids : undefined;
      }, 5_000, "A's relay listening (B's stopped)");
      // The session goes away as in a failover or pg_terminate_backend: an error on an idle,
      // checked-out client. Unhandled, it is an uncaught exception that ends the process.
      await queryTest(`SELECT pg_terminate_backend($1)`, [before]);
      const [after] = await waitFor(async () => {
        const pids = await listeners();
        return pids.length === 1 && pids[0] !== before ? pids : undefined;
      }, 10_000, 'the relay to LISTEN again on a new session');
      expect(after).not.toBe(before);
      const probeId = `relisten-${randomUUID()}`;
      const id = await send.execute(COMPANY, { probeId });
      await waitFor(async () => (await outboxRow(run, id))?.published_at, 5_000, 'the row to be published');
      await waitFor(async () => (await appliedRows(run, probeId)).length === 1, 10_000, 'the probe to be applied');
    });
  });

  it('rows that can never be published (no stream captures their subject) hold back no others: after a failure a claim leaves them for a while', async () => {
    // More than a claim's batch (500) of them, ahead of a good row written by "another process".
    await queryTest(
      `INSERT INTO "${run.schema}".outbox_message (id, subject, company_id, payload, headers)
         SELECT gen_random_uuid(), 'nowhere.poison.v1', $1, '{}'::jsonb, '{}'::jsonb FROM generate_series(1, 600)`,
      [COMPANY],
    );
    try {
      const probeId = `behind-poison-${randomUUID()}`;
      const id = randomUUID();
      const payload = { companyId: COMPANY, probeId, sentAt: new Date().toISOString() };
      await queryTest(
        `INSERT INTO "${run.schema}".outbox_message (id, subject, company_id, payload, headers) VALUES ($1, 'testkit.probe.received.v1', $2, $3, '{}'::jsonb)`,
        [id, COMPANY, JSON.stringify(payload)],
      );
      await waitFor(async () => (await outboxRow(run, id))?.published_at, 10_000, 'the good row behind 600 failing ones to be published');
      await waitFor(async () => (await appliedRows(run, probeId)).length === 1, 10_000, 'the probe to be applied');
      const [poison] = await queryTest<{ failed: number; waiting: number; published: number }>(
        `SELECT count(*) FILTER (WHERE attempts > 0 AND last_error IS NOT NULL)::int AS failed,
                count(*) FILTER (WHERE retry_at > now() - interval '1 second')::int AS waiting,
                count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published
           FROM "${run.schema}".outbox_message WHERE subject = 'nowhere.poison.v1'`,
      );
      // Tried, failed and left for a while: still there, to be tried again (and alerted on), never marked.
      expect(poison).toMatchObject({ published: 0 });
      expect(poison?.failed).toBeGreaterThanOrEqual(500);
      expect(poison?.waiting).toBeGreaterThanOrEqual(500);
    } finally {
      await queryTest(`DELETE FROM "${run.schema}".outbox_message WHERE subject = 'nowhere.poison.v1'`);
    }
  });

  it('a relay that is stopped takes no hand-over: the rows wait in the table for a claim', async () => {
    const [a, b] = services as [TestService<ProbeEnv>, TestService<ProbeEnv>];
    const relayA = a.app.get(OutboxRelay);
    const relayB = b.app.get(OutboxRelay);
    await whileStopped([relayA, relayB], async () => {
      const stats = { ...relayA.stats };
      const id = await a.app.get(SendProbeUseCase).execute(COMPANY, { probeId: `stopped-${randomUUID()}` });
      await sleep(300);
      expect(await outboxRow(run, id)).toMatchObject({ published_at: null, attempts: 0 });
      expect(relayA.stats).toEqual(stats);
      expect(await relayA.publishBatch()).toBe(1);
      expect(relayA.stats.claimed - stats.claimed).toBe(1);
      expect((await outboxRow(run, id))?.published_at).toBeInstanceOf(Date);
    });
  });

  it('retention: published rows go after 7 days, inbox rows after 30, unpublished and late-published rows stay', async () => {
    const [a, b] = services as [TestService<ProbeEnv>, TestService<ProbeEnv>];
    const relay = a.app.get(OutboxRelay);
    const indexes = await queryTest<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename IN ('outbox_message', 'inbox_message') ORDER BY 1`,
      [run.schema],
    );
    expect(indexes.map((i) => i.indexname)).toEqual(
      expect.arrayContaining(['outbox_message_created_at_brin', 'inbox_message_processed_at_brin', 'outbox_message_unpublished']),
    );
    expect(indexes.map((i) => i.indexname)).not.toContain('outbox_message_published_at');
    expect(indexes.find((i) => i.indexname === 'outbox_message_created_at_brin')?.indexdef).toMatch(/USING brin/);

    const ids = { expired: randomUUID(), lateStays: randomUUID(), unpublished: randomUUID(), fresh: randomUUID() };
    const row = (id: string, created: string, published: string | null): string =>
      `('${id}', 'testkit.probe.received.v1', '${COMPANY}', '{}', '{}', now() - interval '${created}', ${published ? `now() - interval '${published}'` : 'NULL'})`;
    await whileStopped([relay, b.app.get(OutboxRelay)], async () => {
      await queryTest(
        `INSERT INTO "${run.schema}".outbox_message (id, subject, company_id, payload, headers, created_at, published_at) VALUES
           ${row(ids.expired, '9 days', '8 days')}, ${row(ids.lateStays, '9 days', '2 days')},
           ${row(ids.unpublished, '9 days', null)}, ${row(ids.fresh, '1 day', '1 day')}`,
      );
      const consumer = `retention-${randomUUID()}`;
      await queryTest(
        `INSERT INTO "${run.schema}".inbox_message (consumer, message_id, subject, processed_at) VALUES
           ($1, 'old', 's', now() - interval '31 days'), ($1, 'recent', 's', now() - interval '29 days')`,
        [consumer],
      );
      try {
        expect(await relay.purgeExpired()).toEqual({ outbox: 1, inbox: 1 });
        const left = await queryTest<{ id: string }>(`SELECT id FROM "${run.schema}".outbox_message WHERE id = ANY($1::uuid[])`, [
          Object.values(ids),
        ]);
        expect(left.map((r) => r.id).sort()).toEqual([ids.lateStays, ids.unpublished, ids.fresh].sort());
        const inbox = await queryTest<{ message_id: string }>(`SELECT message_id FROM "${run.schema}".inbox_message WHERE consumer = $1`, [
          consumer,
        ]);
        expect(inbox.map((r) => r.message_id)).toEqual(['recent']);
      } finally {
        // The unpublished row is not a real event: it must not reach the stream once the relays run again.
        await queryTest(`DELETE FROM "${run.schema}".outbox_message WHERE id = ANY($1::uuid[])`, [Object.values(ids)]);
      }
    });
  });

  it('two relays at once publish every row exactly once (FOR UPDATE SKIP LOCKED)', async () => {
    const [a, b] = services as [TestService<ProbeEnv>, TestService<ProbeEnv>];
    const relayA = a.app.get(OutboxRelay);
    const relayB = b.app.get(OutboxRelay);
    await whileStopped([relayA, relayB], async () => {
      const before = await streamCount(run);
      const send = a.app.get(SendProbeUseCase);
      const n = 300;
      const batch = `skip-${randomUUID()}`;
      for (let i = 0; i < n; i += 50) {
        await Promise.all(
          Array.from({ length: 50 }, (_, j) =>
            send.execute(COMPANY, { probeId: `${batch}-${i + j}` }),
          ),
        );
      }
      const drain = async (relay: OutboxRelay): Promise<number> => {
        let total = 0;
        for (;;) {
          const published = await relay.publishBatch();
          if (published === 0) return total;
          total += published;
        }
      };
      const [byA, byB] = await Promise.all([
        drain(relayA),
        drain(relayB),
        drain(relayA),
        drain(relayB),
      ]).then((r) => [(r[0] ?? 0) + (r[2] ?? 0), (r[1] ?? 0) + (r[3] ?? 0)]);
      expect((byA ?? 0) + (byB ?? 0)).toBe(n);
      const attempts = await queryTest<{ attempts: number; n: number }>(
        `SELECT o.attempts, count(*)::int AS n FROM "${run.schema}".outbox_message o
           WHERE o.payload->>'probeId' LIKE $1 GROUP BY o.attempts`,
        [`${batch}-%`],
      );
      expect(attempts).toEqual([{ attempts: 1, n }]);
      expect(await streamCount(run)).toBe(before + n);
      await waitFor(
        async () => {
          const [row] = await queryTest<{ n: number }>(
            `SELECT count(*)::int AS n FROM "${run.schema}".probe_applied WHERE probe_id LIKE $1`,
            [`${batch}-%`],
          );
          return row?.n === n;
        },
        20_000,
        'every row to be applied',
      );
      const [dups] = await queryTest<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT probe_id FROM "${run.schema}".probe_applied WHERE probe_id LIKE $1
           GROUP BY probe_id HAVING count(*) > 1) d`,
        [`${batch}-%`],
      );
      expect(dups?.n).toBe(0);
    });
  });
});
