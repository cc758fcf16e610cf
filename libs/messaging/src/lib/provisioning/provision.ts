import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { type ConsumerDeclaration, CONSUMERS, STREAMS, type StreamDeclaration, checkTopology, durableName } from '@hub/contracts';
import type { MessagingNamespace } from '../nats/messaging-namespace';

const NANOS_PER_SECOND = 1_000_000_000;

export interface ProvisionReport {
  streams: { name: string; action: 'created' | 'updated' }[];
  consumers: { stream: string; durable: string; action: 'created' | 'updated' }[];
}

export interface ProvisionOptions {
  /** Stream replicas: 1 locally, 3 on the production JetStream cluster. */
  replicas?: number;
  /** Only these services' consumers (default: all). */
  services?: string[];
  /**
   * Also the test kit's stream and consumers (the probe of the messaging tests and the bus
   * benchmark). Default false: a production `provision` leaves them out.
   */
  testKit?: boolean;
}

/**
 * Applies the declared streams and consumers. Idempotent: existing ones are updated to
 * the declaration, nothing is deleted (a removed consumer is removed by hand, on purpose).
 */
export async function provision(
  jsm: JetStreamManager,
  ns: MessagingNamespace,
  options: ProvisionOptions = {},
): Promise<ProvisionReport> {
  const problems = checkTopology();
  if (problems.length > 0) throw new Error(`Topology is inconsistent:\n${problems.join('\n')}`);
  const report: ProvisionReport = { streams: [], consumers: [] };
  const testKit = new Set(STREAMS.filter((s) => s.testKit).map((s) => s.name));
  const wanted = (stream: string): boolean => options.testKit === true || !testKit.has(stream);
  for (const stream of STREAMS.filter((s) => wanted(s.name))) {
    report.streams.push({ name: ns.stream(stream.name), action: await applyStream(jsm, ns, stream, options.replicas ?? 1) });
  }
  const consumers = CONSUMERS.filter((c) => wanted(c.stream) && (!options.services || options.services.includes(c.service)));
  for (const consumer of consumers) {
    const durable = ns.durable(durableName(consumer));
    report.consumers.push({ stream: ns.stream(consumer.stream), durable, action: await applyConsumer(jsm, ns, consumer) });
  }
  return report;
}

async function applyStream(
  jsm: JetStreamManager,
  ns: MessagingNamespace,
  stream: StreamDeclaration,
  replicas: number,
): Promise<'created' | 'updated'> {
  const config = {
    name: ns.stream(stream.name),
    subjects: stream.subjects.map((s) => ns.subject(s)),
    description: stream.description,
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: stream.maxAgeDays * 24 * 3600 * NANOS_PER_SECOND,
    duplicate_window: 120 * NANOS_PER_SECOND,
    num_replicas: replicas,
  };
  const exists = await jsm.streams.info(config.name).then(
    () => true,
    () => false,
  );
  if (exists) {
    await jsm.streams.update(config.name, config);
    return 'updated';
  }
  await jsm.streams.add(config);
  return 'created';
}

async function applyConsumer(
  jsm: JetStreamManager,
  ns: MessagingNamespace,
  consumer: ConsumerDeclaration,
): Promise<'created' | 'updated'> {
  const stream = ns.stream(consumer.stream);
  const durable = ns.durable(durableName(consumer));
  const config = {
    durable_name: durable,
    description: `${consumer.service} on ${consumer.stream}`,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: ns.subject(consumer.subjects[0] ?? ''),
    // Unlimited on the server: the transport enforces `maxDeliver` itself (a message over it is
    // dead-lettered without running). A server limit would stop redelivering a message whose
    // last delivery could not be settled — its dead letter could not be written (database
    // down) — and lose it; the transport instead naks it until the dead letter is kept.
    max_deliver: -1,
    ack_wait: consumer.ackWaitSeconds * NANOS_PER_SECOND,
    max_ack_pending: consumer.maxAckPending,
  };
  const exists = await jsm.consumers.info(stream, durable).then(
    () => true,
    () => false,
  );
  if (exists) {
    await jsm.consumers.update(stream, durable, config);
    return 'updated';
  }
  await jsm.consumers.add(stream, config);
  return 'created';
}
