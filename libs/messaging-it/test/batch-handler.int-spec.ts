import { randomUUID } from 'node:crypto';
import {
  assertInfra,
  dropSchema,
  dropStreams,
  startTestService,
  uniqueName,
  type TestService,
} from '@hub/testing';
import { batchCalls, messagingBatchProbe } from './probe/probe-batch.service';
import { probeBehaviour } from './probe/probe-behaviour';
import type { ProbeEnv } from './probe/probe.service';
import {
  appliedRows,
  inboxCount,
  prepareProbe,
  probePayload,
  probeRun,
  publishRaw,
  waitForAppliedProbes,
  waitForDeadLetters,
  waitForDrained,
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
    await waitForAppliedProbes(run, batch, good.length + transient.length);
    await waitForDrained(run);

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
    const letters = await waitForDeadLetters(svc?.url ?? '', permanent.length);
    expect(letters.map((l) => l.reason)).toEqual(
      permanent.map(() => 'rejected'),
    );
    expect(letters.map((l) => l.messageId).sort()).toEqual(
      permanent.map((id) => msgIds.get(id)).sort(),
    );
    for (const id of permanent) expect(await appliedRows(run, id)).toEqual([]);
  });

  it('works a backlog off in groups larger than MESSAGING_BATCH_SIZE (one savepoint per group), each message once', async () => {
    await svc?.close();
    svc = undefined;
    const batch = `bl-${randomUUID()}`;
    const ids = Array.from({ length: 200 }, (_, i) => `${batch}-${i}`);
    await Promise.all(ids.map((id) => publishRaw(run, { payload: probePayload(id) })));
    batchCalls.length = 0;
    svc = await startTestService(messagingBatchProbe, { prefix: run.prefix, schema: run.schema, fresh: false });
    await waitForAppliedProbes(run, batch, ids.length);
    await waitForDrained(run);
    // Defaults: 16 messages per transaction, 60 for a batch handler's group.
    expect(Math.max(...batchCalls)).toBeGreaterThan(16);
    expect(Math.max(...batchCalls)).toBeLessThanOrEqual(60);
    for (const id of [ids[0], ids[99], ids[199]] as string[]) expect(await appliedRows(run, id)).toHaveLength(1);
  });
});
