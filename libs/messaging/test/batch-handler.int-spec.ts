import { randomUUID } from 'node:crypto';
import {
  assertInfra,
  dropSchema,
  dropStreams,
  queryTest,
  startTestService,
  TEST_TOKENS,
  uniqueName,
  waitFor,
  type TestService,
} from '@hub/testing';
import type { DeadLetter } from '../src';
import { batchCalls, messagingBatchProbe } from './probe/probe-batch.service';
import { probeBehaviour } from './probe/probe-behaviour';
import type { ProbeEnv } from './probe/probe.service';
import {
  appliedRows,
  consumerInfo,
  inboxCount,
  prepareProbe,
  probeRun,
  publishWithLateCopy,
} from './support';

jest.setTimeout(90_000);

/**
 * Batch handlers (`@EventPattern(subject, BATCH_HANDLER)`): the messages of a group commit
 * reach the handler in one call, their inbox rows claimed in one statement. A failing batch
 * is rolled back and its messages are applied one by one, so each failure is classified as
 * if the message had been alone: the rest is applied once and acknowledged.
 */
describe('batch handlers', () => {
  const run = probeRun(uniqueName('batchh'), uniqueName('batchh'));
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

  it('applies batches in one call; failures land on their own messages; copies are dropped', async () => {
    const batch = `bh-${randomUUID()}`;
    const ids = Array.from({ length: 60 }, (_, i) => `${batch}-${i}`);
    // Fails in its batch and again alone: retried, applied on the second delivery.
    const transient = ids.filter((_, i) => i % 10 === 3);
    const permanent = ids.filter((_, i) => i % 10 === 7);
    for (const id of transient) probeBehaviour.set(id, { failTimes: 2 });
    for (const id of permanent) probeBehaviour.set(id, { permanent: true });
    const copied = ids[20] as string;

    // Everything is on the stream before the consumer starts: its first pulls bring many at once.
    const msgIds = await publishWithLateCopy(run, ids, copied);

    batchCalls.length = 0;
    svc = await startTestService(messagingBatchProbe, {
      prefix: run.prefix,
      schema: run.schema,
      fresh: false,
    });
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

    // Batches really reached the handler.
    expect(Math.max(...batchCalls)).toBeGreaterThan(1);
    for (const id of good) {
      // Once in the database even when its batch failed and it was applied again alone.
      expect(await appliedRows(run, id)).toEqual([
        { message_id: msgIds.get(id), delivery: 1 },
      ]);
    }
    expect(await inboxCount(run, msgIds.get(copied) as string)).toBe(1);
    for (const id of transient) {
      // Both failed attempts of the first delivery were rolled back.
      expect(await appliedRows(run, id)).toEqual([
        { message_id: msgIds.get(id), delivery: 2 },
      ]);
      expect(
        probeBehaviour.deliveriesOf(id).map((d) => d.deliveryCount),
      ).toEqual([1, 1, 2]);
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
    for (const id of permanent) expect(await appliedRows(run, id)).toEqual([]);
  });
});
