import { randomUUID } from 'node:crypto';
import {
  assertInfra,
  dropSchema,
  dropStreams,
  queryTest,
  TEST_TOKENS,
  uniqueName,
  waitFor,
  type TestService,
} from '@hub/testing';
import type { DeadLetter } from '../src';
import { probeBehaviour } from './probe/probe-behaviour';
import type { ProbeEnv } from './probe/probe.service';
import {
  appliedRows,
  consumerInfo,
  inboxCount,
  prepareProbe,
  probeRun,
  publishWithLateCopy,
  startProbe,
} from './support';

jest.setTimeout(90_000);

/**
 * Group commit: messages waiting when a consumer starts are applied several to a
 * transaction, each in its own savepoint. A failing message is rolled back alone and
 * classified as if it had run alone; the others commit and are acknowledged once.
 */
describe('consumer group commit (several messages per transaction)', () => {
  const run = probeRun(uniqueName('batching'), uniqueName('batching'));
  let svc: TestService<ProbeEnv> | undefined;

  beforeAll(async () => {
    await assertInfra();
    await prepareProbe(run);
  });

  afterAll(async () => {
    probeBehaviour.reset();
    await svc?.close();
    await dropStreams(run.prefix);
    await dropSchema(run.schema);
  });

  it('applies good messages once, retries transient failures, dead-letters permanent ones, drops a copy inside the same batch', async () => {
    const batch = `batch-${randomUUID()}`;
    const ids = Array.from({ length: 40 }, (_, i) => `${batch}-${i}`);
    // The first message of a transaction fails too (no savepoint: the whole transaction restarts).
    const transient = ids.filter((_, i) => i % 10 === 3 || i === 0);
    const permanent = ids.filter((_, i) => i % 10 === 7);
    for (const id of transient) probeBehaviour.set(id, { failTimes: 1 });
    for (const id of permanent) probeBehaviour.set(id, { permanent: true });
    const copied = ids[20] as string;

    // Everything is on the stream before the consumer starts: its first pulls bring many at once.
    const msgIds = await publishWithLateCopy(run, ids, copied);

    svc = await startProbe(run, false);
    const good = ids.filter(
      (id) => !transient.includes(id) && !permanent.includes(id),
    );
    await waitFor(
      async () => {
        const [row] = await queryTest<{ n: number }>(
          `SELECT count(DISTINCT probe_id)::int AS n FROM "${run.schema}".probe_applied WHERE probe_id LIKE $1`,
          [`${batch}-%`],
        );
        return (row?.n ?? 0) === good.length + transient.length;
      },
      20_000,
      'every applicable message to be applied',
    );
    await waitFor(
      async () => {
        const info = await consumerInfo(run);
        return info.num_ack_pending === 0 && info.num_pending === 0;
      },
      10_000,
      'nothing left on the consumer',
    );

    // Batching really happened: some transaction applied several messages.
    const perTransaction = new Map<number, number>();
    for (const d of probeBehaviour.all()) {
      if (d.transaction !== undefined)
        perTransaction.set(
          d.transaction,
          (perTransaction.get(d.transaction) ?? 0) + 1,
        );
    }
    expect(Math.max(...perTransaction.values())).toBeGreaterThan(1);

    for (const id of good) {
      expect(await appliedRows(run, id)).toEqual([
        { message_id: msgIds.get(id), delivery: 1 },
      ]);
      expect(probeBehaviour.deliveriesOf(id)).toHaveLength(1);
    }
    expect(await inboxCount(run, msgIds.get(copied) as string)).toBe(1);
    for (const id of transient) {
      // The failed first delivery's writes (and inbox row) were rolled back with its savepoint.
      expect(await appliedRows(run, id)).toEqual([
        { message_id: msgIds.get(id), delivery: 2 },
      ]);
      expect(
        probeBehaviour.deliveriesOf(id).map((d) => d.deliveryCount),
      ).toEqual([1, 2]);
    }
    const letters = await waitFor(
      async () => {
        const res = await fetch(
          `${svc?.url}/dead-letters?includeReplayed=true`,
          {
            headers: { authorization: `Bearer ${TEST_TOKENS.admin}` },
          },
        );
        const all = (await res.json()) as DeadLetter[];
        return all.length === permanent.length ? all : undefined;
      },
      10_000,
      'the permanent failures to be dead letters',
    );
    expect(letters.map((l) => l.reason)).toEqual(
      permanent.map(() => 'rejected'),
    );
    expect(letters.map((l) => l.messageId).sort()).toEqual(
      permanent.map((id) => msgIds.get(id)).sort(),
    );
    for (const id of permanent) {
      expect(await appliedRows(run, id)).toEqual([]);
      expect(probeBehaviour.deliveriesOf(id)).toHaveLength(1);
    }
  });
});
