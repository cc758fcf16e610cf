import { randomUUID } from 'node:crypto';
import {
  assertInfra,
  dropSchema,
  dropStreams,
  uniqueName,
  type TestService,
} from '@hub/testing';
import { probeBehaviour } from './probe/probe-behaviour';
import type { ProbeEnv } from './probe/probe.service';
import {
  appliedRows,
  inboxCount,
  prepareProbe,
  probeRun,
  waitForAppliedProbes,
  waitForDeadLetters,
  waitForDrained,
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
    await waitForAppliedProbes(run, batch, good.length + transient.length);
    await waitForDrained(run);

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
    const letters = await waitForDeadLetters(svc?.url ?? '', permanent.length);
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
