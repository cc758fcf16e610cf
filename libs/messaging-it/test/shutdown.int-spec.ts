import { randomUUID } from 'node:crypto';
import {
  assertInfra,
  dropSchema,
  dropStreams,
  queryTest,
  uniqueName,
  waitFor,
  type TestService,
} from '@hub/testing';
import { NatsRequester } from '@hub/messaging';
import { probeBehaviour } from './probe/probe-behaviour';
import { PROBE_ECHO, type ProbeEnv } from './probe/probe.service';
import {
  consumerInfo,
  probePayload,
  probeRun,
  publishRaw,
  startProbe,
} from './support';

jest.setTimeout(90_000);

describe('graceful shutdown with messages in flight', () => {
  const run = probeRun(uniqueName('shutdown'), uniqueName('shutdown'));
  let svc: TestService<ProbeEnv> | undefined;

  beforeAll(assertInfra);

  afterAll(async () => {
    probeBehaviour.reset();
    await svc?.close();
    await dropStreams(run.prefix);
    await dropSchema(run.schema);
  });

  async function appliedByProbe(batch: string): Promise<Map<string, number>> {
    const rows = await queryTest<{ probe_id: string; n: number }>(
      `SELECT probe_id, count(*)::int AS n FROM "${run.schema}".probe_applied WHERE probe_id LIKE $1 GROUP BY probe_id`,
      [`${batch}-%`],
    );
    return new Map(rows.map((r) => [r.probe_id, r.n]));
  }

  it('app.close() mid-way finishes in-flight and already-pulled handlers, leaves the rest on the stream, and a restart applies every message exactly once', async () => {
    // Far more than one instance pulls ahead (16 running + 32 buffered), so that even on a
    // loaded machine the close comes while messages are still waiting on the server.
    const n = 240;
    const batch = `inflight-${randomUUID()}`;
    const ids = Array.from({ length: n }, (_, i) => `${batch}-${i}`);
    probeBehaviour.setDefault({ delayMs: 300 });
    svc = await startProbe(run);
    for (const id of ids) await publishRaw(run, { payload: probePayload(id) });

    // Mid-way: some applied, some running, some still waiting.
    await waitFor(
      async () => (await appliedByProbe(batch)).size >= 10,
      15_000,
      'the first messages to be applied',
    );
    const closing = Date.now();
    await svc.close();
    svc = undefined;
    const closeMs = Date.now() - closing;
    const afterClose = await consumerInfo(run);
    const started = new Set(
      ids.filter((id) => probeBehaviour.deliveriesOf(id).length > 0),
    );
    const appliedAtClose = await appliedByProbe(batch);
    // Every handler that started before the close committed: nothing half-done, nothing cut off.
    expect([...started].filter((id) => !appliedAtClose.has(id))).toEqual([]);
    expect(appliedAtClose.size).toBeLessThan(n);
    // Everything delivered to the closed instance was handled and acknowledged (nothing left
    // ack-pending to wait out ack_wait), and some messages were still on the server: mid-way.
    expect(afterClose.num_ack_pending).toBe(0);
    expect(afterClose.num_pending).toBeGreaterThan(0);
    expect(closeMs).toBeLessThan(5_000);

    // Restart on the same schema and durable consumer. The messages given back must come
    // quickly (nak), not after ack_wait (30 s).
    probeBehaviour.setDefault({});
    svc = await startProbe(run, false);
    await waitFor(
      async () => (await appliedByProbe(batch)).size === n,
      15_000,
      'every message to be applied after the restart',
    );
    const applied = await appliedByProbe(batch);
    expect([...applied.values()].every((count) => count === 1)).toBe(true);
    const [inbox] = await queryTest<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${run.schema}".inbox_message`,
    );
    expect(inbox?.n).toBe(n);
    await waitFor(
      async () => {
        const info = await consumerInfo(run);
        return info.num_ack_pending === 0 && info.num_pending === 0;
      },
      5_000,
      'the consumer to have nothing left',
    );
  });

  it('closes promptly under a steady stream of requests: request subscriptions are drained before the wait for work in hand', async () => {
    const server = await startProbe(run, false);
    const client = await startProbe(run, false);
    const requester = client.app.get(NatsRequester);
    let answered = 0;
    let running = true;
    // Four callers, each asking again the moment it is answered (each answer takes 20 ms): at
    // any moment some request is being answered.
    const callers = Array.from({ length: 4 }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i * 5));
      while (running) {
        await requester.request(PROBE_ECHO, { text: 'x', delayMs: 20 }, 1000).then(
          () => (answered += 1),
          () => undefined,
        );
      }
    });
    try {
      await waitFor(async () => answered > 50, 10_000, 'requests flowing');
      const started = Date.now();
      const closed = server.close().then(() => Date.now() - started);
      // Before the fix the wait for handlers in hand never ended while requests kept coming.
      const took = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(Number.POSITIVE_INFINITY), 8_000))]);
      expect(took).toBeLessThan(5_000);
    } finally {
      running = false;
      await Promise.all(callers);
      await client.close();
    }
  });
});
