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

  it('a handler that catches a database error of its own is not acknowledged: its aborted transaction kept nothing, so it is retried (and a message after it in the same transaction is kept)', async () => {
    const swallowing = `swallow-${randomUUID()}`;
    const after = `after-swallow-${randomUUID()}`;
    probeBehaviour.set(swallowing, { swallowDbErrorTimes: 1 });
    // Sent together: usually one transaction, the second message in a savepoint after the first.
    const [first, second] = await Promise.all([
      publishRaw(run, { payload: probePayload(swallowing) }),
      publishRaw(run, { payload: probePayload(after) }),
    ]);
    await waitFor(async () => (await appliedRows(run, swallowing)).length > 0, 10_000, 'the swallowing probe to be applied on its retry');
    await waitFor(async () => (await appliedRows(run, after)).length > 0, 10_000, 'the next probe to be applied');
    expect(await appliedRows(run, swallowing)).toEqual([{ message_id: first.msgId, delivery: 2 }]);
    expect(await appliedRows(run, after)).toEqual([{ message_id: second.msgId, delivery: 1 }]);
    expect(await inboxCount(run, first.msgId)).toBe(1);
    expect(await inboxCount(run, second.msgId)).toBe(1);
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
        await withJs(({ jsm }) => jsm.consumers.update(run.stream, run.durable, { max_deliver: -1 }));
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
      expect(new Date(String(stored.replayedAt)).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(stored.replayAttempts).toBe(3);
    });

    it('a message whose last delivery cannot be dead-lettered (database refusing) is kept on the stream until its dead letter is written', async () => {
      // The server gives up on nothing (max_deliver -1): the transport naks the message while its
      // dead letter cannot be written, and keeps it once it can. With a server-side limit of 5 the
      // last delivery's nak ended it: JetStream stopped, the advisory's dead letter failed too, lost.
      expect((await consumerInfo(run)).config.max_deliver).toBe(-1);
      const probeId = `unrecordable-${randomUUID()}`;
      probeBehaviour.set(probeId, { failAlways: true });
      const trigger = `refuse_${probeId.replace(/-/g, '_')}`;
      await queryTest(`CREATE FUNCTION "${run.schema}".${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.payload LIKE '%${probeId}%' THEN RAISE EXCEPTION 'dead letters refused (test)'; END IF; RETURN NEW; END $$`);
      await queryTest(`CREATE TRIGGER ${trigger} BEFORE INSERT ON "${run.schema}".dead_letter FOR EACH ROW EXECUTE FUNCTION "${run.schema}".${trigger}()`);
      try {
        const deadLettersBefore = await outcomes('dead-letter');
        const { msgId } = await publishRaw(run, { payload: probePayload(probeId) });
        // Five deliveries reach the handler (0.5 + 1 + 2 + 4 s of backoff); the fifth's dead letter is refused.
        await waitFor(async () => probeBehaviour.deliveriesOf(probeId).length >= 5, 20_000, 'the fifth delivery');
        // The fifth's dead letter refused, then (5 s later) a sixth delivery, over the limit, refused too.
        await waitFor(async () => (await outcomes('dead-letter')) >= deadLettersBefore + 2, 15_000, 'a delivery over the limit');
        expect(await queryTest(`SELECT 1 FROM "${run.schema}".dead_letter WHERE message_id = $1`, [msgId])).toHaveLength(0);
        await queryTest(`DROP TRIGGER ${trigger} ON "${run.schema}".dead_letter`);
        const letter = await deadLetterFor(msgId, 15_000);
        expect(letter.reason).toBe('max-deliveries');
        expect(letter.deliveries).toBeGreaterThan(5);
        expect(letter.error).toContain('over the limit of 5');
        expect(JSON.parse(letter.payload)).toMatchObject({ probeId });
        // The deliveries over the limit did not run the handler; one dead letter, nothing pending.
        expect(probeBehaviour.deliveriesOf(probeId)).toHaveLength(5);
        await waitFor(async () => (await consumerInfo(run)).num_ack_pending === 0, 5_000, 'nothing pending');
        const all = (await (await http('/dead-letters?includeReplayed=true')).json()) as DeadLetter[];
        expect(all.filter((d) => d.messageId === msgId)).toHaveLength(1);
      } finally {
        await queryTest(`DROP TRIGGER IF EXISTS ${trigger} ON "${run.schema}".dead_letter`);
        await queryTest(`DROP FUNCTION IF EXISTS "${run.schema}".${trigger}()`);
      }
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
