import { randomUUID } from 'node:crypto';
import {
  assertInfra,
  dropSchema,
  dropStreams,
  TEST_TOKENS,
  uniqueName,
  waitFor,
  type TestService,
} from '@hub/testing';
import { MetricsService } from '@hub/platform';
import { type DeadLetter, NatsRequester, RequestFailedError } from '@hub/messaging';
import { probeBehaviour } from './probe/probe-behaviour';
import { PROBE_ECHO, type ProbeEnv } from './probe/probe.service';
import {
  appliedRows,
  consumerInfo,
  inboxCount,
  probePayload,
  probeRun,
  publishRaw,
  sleep,
  startProbe,
  withJs,
} from './support';

jest.setTimeout(90_000);

const NANOS = 1_000_000_000;

describe('JetStream consumer pipeline against real Postgres and NATS', () => {
  const run = probeRun(uniqueName('consumer'), uniqueName('consumer'));
  let svc: TestService<ProbeEnv>;

  const http = (
    path: string,
    init: RequestInit & { token?: string } = {},
  ): Promise<Response> =>
    fetch(`${svc.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${init.token ?? TEST_TOKENS.admin}`,
        'content-type': 'application/json',
      },
    });

  async function deadLetterFor(
    messageId: string,
    timeoutMs = 10_000,
  ): Promise<DeadLetter> {
    return waitFor(
      async () => {
        const res = await http(`/dead-letters?includeReplayed=true`);
        const all = (await res.json()) as DeadLetter[];
        return all.find((d) => d.messageId === messageId);
      },
      timeoutMs,
      `a dead letter for ${messageId}`,
    );
  }

  async function outcomes(outcome: string): Promise<number> {
    const metric = await svc.app.get(MetricsService).handlerOutcomes.get();
    return metric.values
      .filter((v) => v.labels['outcome'] === outcome)
      .reduce((sum, v) => sum + v.value, 0);
  }

  beforeAll(async () => {
    await assertInfra();
    svc = await startProbe(run);
  });

  afterEach(() => probeBehaviour.reset());

  afterAll(async () => {
    await svc?.close();
    await dropStreams(run.prefix);
    await dropSchema(run.schema);
  });

  describe('a redelivered message is applied once', () => {
    it('when JetStream redelivers it (ack not received within ack_wait) while the first delivery is still committing', async () => {
      await withJs(({ jsm }) =>
        jsm.consumers.update(run.stream, run.durable, { ack_wait: 1 * NANOS }),
      );
      try {
        const probeId = `slow-${randomUUID()}`;
        probeBehaviour.set(probeId, { delayMs: 2500 });
        const duplicatesBefore = await outcomes('duplicate');
        const { msgId } = await publishRaw(run, {
          payload: probePayload(probeId),
        });
        await waitFor(
          async () => (await appliedRows(run, probeId)).length > 0,
          10_000,
          'the probe to be applied',
        );
        // The redeliveries (deliveryCount > 1) found the inbox row and were acknowledged as duplicates.
        await waitFor(
          async () => (await outcomes('duplicate')) > duplicatesBefore,
          5_000,
          'a duplicate outcome',
        );
        await waitFor(
          async () => (await consumerInfo(run)).num_ack_pending === 0,
          5_000,
          'nothing pending',
        );
        expect(await appliedRows(run, probeId)).toEqual([
          { message_id: msgId, delivery: 1 },
        ]);
        expect(probeBehaviour.deliveriesOf(probeId)).toHaveLength(1);
        expect(await inboxCount(run, msgId)).toBe(1);
      } finally {
        await withJs(({ jsm }) =>
          jsm.consumers.update(run.stream, run.durable, {
            ack_wait: 30 * NANOS,
          }),
        );
      }
    });

    it('when the same message id arrives again after the stream de-duplication window', async () => {
      await withJs(({ jsm }) =>
        jsm.streams.update(run.stream, { duplicate_window: 1 * NANOS }),
      );
      try {
        const probeId = `again-${randomUUID()}`;
        const payload = probePayload(probeId);
        const first = await publishRaw(run, { payload });
        await waitFor(
          async () => (await appliedRows(run, probeId)).length > 0,
          10_000,
          'the first copy to be applied',
        );
        await sleep(1500);
        const second = await publishRaw(run, { payload, msgId: first.msgId });
        expect(second.duplicate).toBe(false); // really on the stream twice
        expect(second.seq).toBeGreaterThan(first.seq);
        await waitFor(
          async () =>
            (await consumerInfo(run)).delivered.stream_seq >= second.seq,
          5_000,
          'the copy to be delivered',
        );
        await waitFor(
          async () => (await consumerInfo(run)).num_ack_pending === 0,
          5_000,
          'the copy to be acknowledged',
        );
        expect(await appliedRows(run, probeId)).toHaveLength(1);
        expect(probeBehaviour.deliveriesOf(probeId)).toHaveLength(1);
      } finally {
        await withJs(({ jsm }) =>
          jsm.streams.update(run.stream, { duplicate_window: 120 * NANOS }),
        );
      }
    });
  });

  it('a transient failure is retried with growing backoff and then succeeds, applied once', async () => {
    const probeId = `flaky-${randomUUID()}`;
    probeBehaviour.set(probeId, { failTimes: 2 });
    const { msgId } = await publishRaw(run, { payload: probePayload(probeId) });
    await waitFor(
      async () => (await appliedRows(run, probeId)).length > 0,
      15_000,
      'the probe to be applied',
    );
    const seen = probeBehaviour.deliveriesOf(probeId);
    expect(seen.map((d) => d.deliveryCount)).toEqual([1, 2, 3]);
    const [d1, d2, d3] = seen.map((d) => d.at) as [number, number, number];
    expect(d2 - d1).toBeGreaterThanOrEqual(450); // retryDelayMs(1) = 500
    expect(d3 - d2).toBeGreaterThanOrEqual(900); // retryDelayMs(2) = 1000
    expect(d3 - d2).toBeGreaterThan(d2 - d1);
    expect(await appliedRows(run, probeId)).toEqual([
      { message_id: msgId, delivery: 3 },
    ]);
    expect(await inboxCount(run, msgId)).toBe(1);
  });

  describe('poison messages', () => {
    it('an invalid payload becomes a dead letter with the validation error, after one delivery, and does not block the next ones', async () => {
      const poisonId = `poison-${randomUUID()}`;
      const poison = await publishRaw(run, {
        payload: probePayload(poisonId, { probeId: 'not valid!', extra: 1 }),
      });
      const notJson = await publishRaw(run, {
        raw: '{"companyId": "company-a", ',
      });
      const followers = Array.from(
        { length: 5 },
        (_, i) => `after-poison-${poisonId}-${i}`,
      );
      for (const id of followers)
        await publishRaw(run, { payload: probePayload(id) });

      const letter = await deadLetterFor(poison.msgId);
      expect(letter).toMatchObject({
        reason: 'invalid-payload',
        deliveries: 1,
        companyId: 'company-a',
        replayedAt: null,
      });
      expect(letter.error).toContain('probeId');
      expect(letter.error).toContain('extra');
      expect(JSON.parse(letter.payload)).toMatchObject({
        probeId: 'not valid!',
      });
      const broken = await deadLetterFor(notJson.msgId);
      expect(broken).toMatchObject({
        reason: 'invalid-payload',
        deliveries: 1,
      });
      expect(broken.error).toMatch(/not JSON/);

      for (const id of followers) {
        await waitFor(
          async () => (await appliedRows(run, id)).length === 1,
          5_000,
          `${id} to be applied`,
        );
      }
      await waitFor(
        async () => (await consumerInfo(run)).num_ack_pending === 0,
        5_000,
        'poison terminated, not pending',
      ).catch(async (e) => {
        console.log(JSON.stringify(await consumerInfo(run), null, 1));
        throw e;
      });
    });

    it('a PermanentMessageError from the handler dead-letters at once as rejected', async () => {
      const probeId = `reject-${randomUUID()}`;
      probeBehaviour.set(probeId, { permanent: true });
      const { msgId } = await publishRaw(run, {
        payload: probePayload(probeId),
      });
      const letter = await deadLetterFor(msgId);
      expect(letter).toMatchObject({ reason: 'rejected', deliveries: 1 });
      expect(letter.error).toContain('can never be applied');
      expect(probeBehaviour.deliveriesOf(probeId)).toHaveLength(1);
      expect(await appliedRows(run, probeId)).toHaveLength(0);
    });

    it('a message JetStream gives up on without a settled last delivery still becomes a dead letter (advisory)', async () => {
      // The server's max_deliver (2) is below what the processor believes (5): the processor
      // never dead-letters it itself, exactly as when the process dies on its last delivery.
      await withJs(({ jsm }) => jsm.consumers.update(run.stream, run.durable, { max_deliver: 2 }));
      try {
        const probeId = `abandoned-${randomUUID()}`;
        probeBehaviour.set(probeId, { failAlways: true });
        const { msgId } = await publishRaw(run, { payload: probePayload(probeId) });
        const letter = await deadLetterFor(msgId, 15_000);
        expect(letter).toMatchObject({ reason: 'max-deliveries', deliveries: 2, subject: 'testkit.probe.received.v1' });
        expect(letter.error).toContain('JetStream gave up after 2 deliveries');
        expect(JSON.parse(letter.payload)).toMatchObject({ probeId });
        expect(await appliedRows(run, probeId)).toHaveLength(0);
        // One record, even if the advisory is seen again.
        const all = (await (await http('/dead-letters?includeReplayed=true')).json()) as DeadLetter[];
        expect(all.filter((d) => d.messageId === msgId)).toHaveLength(1);
      } finally {
        await withJs(({ jsm }) => jsm.consumers.update(run.stream, run.durable, { max_deliver: 5 }));
      }
    });

    it('max deliveries exceeded becomes a dead letter; replay after the fix applies it once, and replaying again is idempotent', async () => {
      const probeId = `doomed-${randomUUID()}`;
      probeBehaviour.set(probeId, { failAlways: true });
      const { msgId } = await publishRaw(run, {
        payload: probePayload(probeId),
      });
      // maxDeliver 5 with 0.5 + 1 + 2 + 4 s of backoff.
      const letter = await deadLetterFor(msgId, 20_000);
      expect(letter).toMatchObject({ reason: 'max-deliveries', deliveries: 5 });
      expect(letter.error).toMatch(/after 5 deliveries: .*fails on purpose/);
      expect(probeBehaviour.deliveriesOf(probeId)).toHaveLength(5);
      expect(await appliedRows(run, probeId)).toHaveLength(0);

      // Listed for operators; only admins may see or replay.
      const listed = (await (
        await http('/dead-letters')
      ).json()) as DeadLetter[];
      expect(listed.map((d) => d.id)).toContain(letter.id);
      expect(
        (
          await http(`/dead-letters/${letter.id}/replay`, {
            method: 'POST',
            token: TEST_TOKENS.companyA,
          })
        ).status,
      ).toBe(403);

      // Replay before the fix: still failing, stays open.
      const failed = await http(`/dead-letters/${letter.id}/replay`, {
        method: 'POST',
      });
      expect(failed.status).toBe(200);
      expect(await failed.json()).toMatchObject({ replayed: false });
      expect(await appliedRows(run, probeId)).toHaveLength(0);

      probeBehaviour.set(probeId, {}); // the cause is fixed
      const replayed = await http(`/dead-letters/${letter.id}/replay`, {
        method: 'POST',
      });
      expect(replayed.status).toBe(200);
      expect(await replayed.json()).toEqual({ replayed: true });
      expect(await appliedRows(run, probeId)).toEqual([
        { message_id: msgId, delivery: 1 },
      ]);

      const again = await http(`/dead-letters/${letter.id}/replay`, {
        method: 'POST',
      });
      expect(await again.json()).toEqual({ replayed: true });
      expect(await appliedRows(run, probeId)).toHaveLength(1);
      expect(await inboxCount(run, msgId)).toBe(1);

      const open = (await (await http('/dead-letters')).json()) as DeadLetter[];
      expect(open.map((d) => d.id)).not.toContain(letter.id);
      const stored = (await (
        await http(`/dead-letters/${letter.id}`)
      ).json()) as DeadLetter;
      expect(stored.replayedAt).not.toBeNull();
      expect(stored.replayAttempts).toBe(3);
    });
  });

  it('tenancy: a message whose Hub-Company-Id header differs from the payload companyId is a dead letter, never applied', async () => {
    const probeId = `tenant-${randomUUID()}`;
    const { msgId } = await publishRaw(run, {
      payload: probePayload(probeId),
      companyHeader: 'company-b',
    });
    const letter = await deadLetterFor(msgId);
    expect(letter).toMatchObject({
      reason: 'invalid-payload',
      deliveries: 1,
      companyId: 'company-b',
    });
    expect(letter.error).toMatch(
      /company header company-b does not match payload companyId company-a/,
    );
    expect(probeBehaviour.deliveriesOf(probeId)).toHaveLength(0);
    expect(await appliedRows(run, probeId)).toHaveLength(0);
  });

  describe('request/reply (@MessagePattern over core NATS)', () => {
    it('answers through NatsRequester', async () => {
      const requester = svc.app.get(NatsRequester);
      await expect(
        requester.request(PROBE_ECHO, { text: 'hello' }),
      ).resolves.toEqual({ echo: 'hello' });
    });

    it('a handler error answers ok:false and the requester throws it', async () => {
      const requester = svc.app.get(NatsRequester);
      const failure = requester.request(PROBE_ECHO, { fail: true });
      await expect(failure).rejects.toBeInstanceOf(RequestFailedError);
      await expect(
        requester.request(PROBE_ECHO, { fail: true }),
      ).rejects.toThrow(/echo refused on purpose/);
    });

    it('no responder: the requester fails fast instead of hanging', async () => {
      const requester = svc.app.get(NatsRequester);
      await expect(
        requester.request('query.testkit.probe.nobody', {}, 1000),
      ).rejects.toBeInstanceOf(RequestFailedError);
    });
  });
});
