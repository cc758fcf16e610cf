import { DiscardPolicy, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { assertInfra, TEST_NATS_URL, uniqueName } from '@hub/testing';
import { JetStreamPublisher } from '@hub/messaging';

jest.setTimeout(30_000);

/**
 * The relay's lean publisher against the real JetStream: it must keep `js.publish`'s
 * promises — resolve only on the stream's acknowledgement, reject on every kind of failure.
 */
describe('JetStreamPublisher', () => {
  const name = uniqueName('leanpub').toUpperCase();
  const subject = `${name.toLowerCase()}.events`;
  const fullSubject = `${name.toLowerCase()}.full`;
  let nc: NatsConnection;

  beforeAll(async () => {
    await assertInfra();
    nc = await connect({ servers: TEST_NATS_URL });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name, subjects: [subject], duplicate_window: 60_000_000_000 });
    // Takes one message, then refuses (a JetStream error answer, not a timeout).
    await jsm.streams.add({ name: `${name}_FULL`, subjects: [fullSubject], max_msgs: 1, discard: DiscardPolicy.New });
  });

  afterAll(async () => {
    if (!nc) return;
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(name).catch(() => undefined);
    await jsm.streams.delete(`${name}_FULL`).catch(() => undefined);
    await nc.close();
  });

  it('resolves with the stream and sequence once stored, with the headers and message id on the message', async () => {
    const publisher = new JetStreamPublisher(nc);
    const acks = await Promise.all(
      Array.from({ length: 50 }, (_, i) => publisher.publish(subject, `{"n":${i}}`, `m-${i}`, { 'hub-company-id': 'company-a' })),
    );
    expect(acks.map((a) => a.stream)).toEqual(Array(50).fill(name));
    expect(new Set(acks.map((a) => a.seq)).size).toBe(50);
    expect(acks.every((a) => !a.duplicate)).toBe(true);
    expect(publisher.pending).toBe(0);

    const jsm = await jetstreamManager(nc);
    const stored = await jsm.streams.getMessage(name, { seq: acks[7]?.seq ?? 0 });
    expect(stored?.string()).toBe('{"n":7}');
    expect(stored?.header.get('Nats-Msg-Id')).toBe('m-7');
    expect(stored?.header.get('hub-company-id')).toBe('company-a');
  });

  it('reports a repeated message id as a duplicate, stored once', async () => {
    const publisher = new JetStreamPublisher(nc);
    const first = await publisher.publish(subject, 'x', 'dup-1');
    const second = await publisher.publish(subject, 'x', 'dup-1');
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ stream: name, seq: first.seq, duplicate: true });
  });

  it('rejects when JetStream refuses the message', async () => {
    const publisher = new JetStreamPublisher(nc);
    await publisher.publish(fullSubject, 'one', 'full-1');
    await expect(publisher.publish(fullSubject, 'two', 'full-2')).rejects.toThrow(/maximum messages exceeded/i);
  });

  it('rejects when no stream captures the subject', async () => {
    const publisher = new JetStreamPublisher(nc);
    await expect(publisher.publish(`${name.toLowerCase()}.nowhere`, 'x', 'n-1')).rejects.toThrow(/no responders/);
  });

  it('times out when nothing acknowledges, and takes later publishes as before', async () => {
    // A plain subscriber takes the message and never answers: no "no responders" either.
    const silent = nc.subscribe(`${name.toLowerCase()}.silent`, { callback: () => undefined });
    const publisher = new JetStreamPublisher(nc, 300);
    const started = Date.now();
    await expect(publisher.publish(`${name.toLowerCase()}.silent`, 'x', 's-1')).rejects.toThrow(/no acknowledgement within 300 ms/);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(publisher.pending).toBe(0);
    silent.unsubscribe();
    await expect(publisher.publish(subject, 'after', 's-2')).resolves.toMatchObject({ stream: name });
  });

  it('refuses header values that would break the protocol, without sending anything', async () => {
    const publisher = new JetStreamPublisher(nc);
    await expect(publisher.publish(subject, 'x', 'h-1', { 'hub-company-id': 'a\r\nPUB evil 1' })).rejects.toThrow(/CR or LF/);
    await expect(publisher.publish(subject, 'x', 'h-2\n')).rejects.toThrow(/CR or LF/);
    expect(publisher.pending).toBe(0);
  });

  it('rejects what still waits when closed, and when the connection closes', async () => {
    const own = await connect({ servers: TEST_NATS_URL });
    const silent = own.subscribe(`${name.toLowerCase()}.quiet`, { callback: () => undefined });
    const publisher = new JetStreamPublisher(own, 10_000);
    const waiting = publisher.publish(`${name.toLowerCase()}.quiet`, 'x', 'q-1');
    await own.flush();
    publisher.close();
    await expect(waiting).rejects.toThrow(/publisher closed/);

    const again = new JetStreamPublisher(own, 10_000);
    const lost = again.publish(`${name.toLowerCase()}.quiet`, 'x', 'q-2');
    await own.flush();
    silent.unsubscribe();
    await own.close();
    await expect(lost).rejects.toThrow(/connection closed/);
  });
});
