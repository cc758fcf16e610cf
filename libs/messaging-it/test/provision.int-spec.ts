import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { STREAMS } from '@hub/contracts';
import { assertInfra, dropStreams, TEST_NATS_URL, uniqueName } from '@hub/testing';
import { MessagingNamespace, provision } from '@hub/messaging';

jest.setTimeout(60_000);

/** `provision` against the real JetStream: idempotent, and the test kit stays out of production. */
describe('provision', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const prefixes: string[] = [];

  beforeAll(async () => {
    await assertInfra();
    nc = await connect({ servers: TEST_NATS_URL });
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    for (const p of prefixes) await dropStreams(p);
    await nc?.close();
  });

  async function streamNames(prefix: string): Promise<string[]> {
    const names: string[] = [];
    for await (const s of jsm.streams.list()) if (s.config.name.startsWith(`${prefix.toUpperCase()}_`)) names.push(s.config.name);
    return names.sort();
  }

  it('applies every production stream and the consumers, but not the test kit, unless asked to', async () => {
    const prefix = uniqueName('prov');
    prefixes.push(prefix);
    const ns = new MessagingNamespace(prefix);
    const production = STREAMS.filter((s) => !s.testKit).map((s) => ns.stream(s.name));
    expect(production.length).toBeGreaterThan(5);
    expect(STREAMS.filter((s) => s.testKit).map((s) => s.name)).toEqual(['TESTKIT']);

    const first = await provision(jsm, ns);
    expect(first.streams.map((s) => s.name).sort()).toEqual([...production].sort());
    expect(first.streams.every((s) => s.action === 'created')).toBe(true);
    expect(first.consumers.length).toBeGreaterThan(0);
    expect(first.consumers.some((c) => c.durable.includes('messaging-probe'))).toBe(false);
    expect(await streamNames(prefix)).toEqual([...production].sort());

    // Idempotent: the same declaration again only updates.
    const again = await provision(jsm, ns);
    expect(again.streams.every((s) => s.action === 'updated')).toBe(true);
    expect(again.consumers.every((c) => c.action === 'updated')).toBe(true);

    // Tests and benchmarks ask for the test kit: its stream and the probe's consumer.
    const kit = await provision(jsm, ns, { services: ['messaging-probe'], testKit: true });
    expect(kit.streams.find((s) => s.name === ns.stream('TESTKIT'))?.action).toBe('created');
    expect(kit.consumers.map((c) => c.stream)).toEqual([ns.stream('TESTKIT')]);
    expect(await streamNames(prefix)).toContain(ns.stream('TESTKIT'));
  });
});
