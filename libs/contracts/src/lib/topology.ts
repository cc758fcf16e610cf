import { allContracts, streamOfSubject } from './event-contract';

/** A JetStream stream: every subject of one bounded context. */
export interface StreamDeclaration {
  readonly name: string;
  readonly subjects: readonly string[];
  readonly description: string;
  /** Days of retention; consumers are durable, so this bounds replay, not delivery. */
  readonly maxAgeDays: number;
  /** Only for tests and benchmarks: `provision` applies it (and its consumers) only when asked to. */
  readonly testKit?: boolean;
}

/** A durable pull consumer of one service, filtered to the subject it handles. */
export interface ConsumerDeclaration {
  readonly service: string;
  readonly stream: string;
  readonly subjects: readonly string[];
  /** Deliveries before the message becomes a dead letter. */
  readonly maxDeliver: number;
  readonly ackWaitSeconds: number;
  readonly maxAckPending: number;
}

const CONTEXTS: Record<string, string> = {
  GATEWAY: 'operator-gateway: connections, registrations, documents in and out',
  MASTERDATA: 'master-data-sync: what was sent to operator platforms',
  INBOX: 'invoice-inbox: purchase documents, approvals, publication',
  REGISTRY: 'receiver-registry: who can receive e-invoices',
  LEDGER: 'ledger-validation: journal entry statuses and exports',
  EXPORT: 'accounting-export: sales invoices exported to accounting systems',
  ERP: 'facts published by the ERPs (contacts, accounts, journal entries, invoices)',
  TESTKIT: 'test kit only: probe messages of the messaging integration tests and the bus benchmark',
};

/** Streams that exist only where tests or benchmarks run. */
const TEST_KIT_STREAMS = new Set(['TESTKIT']);

export const STREAMS: readonly StreamDeclaration[] = Object.entries(CONTEXTS).map(([name, description]) => ({
  name,
  subjects: [`${name.toLowerCase().replace(/_/g, '-')}.>`],
  description,
  maxAgeDays: 30,
  ...(TEST_KIT_STREAMS.has(name) ? { testKit: true } : {}),
}));

/** Who consumes what. The only place consumers are declared; `provision` applies it. */
const SUBSCRIPTIONS: Record<string, readonly string[]> = {
  'receiver-registry': ['gateway.connection.registered.v1'],
  'master-data-sync': ['gateway.connection.registered.v1'],
  'ledger-validation': ['erp.journal-entry.upserted.v1', 'erp.account.changed.v1', 'erp.ledger-account.changed.v1', 'erp.project-group.changed.v1', 'erp.project.changed.v1'],
  'invoice-inbox': ['gateway.document.received.v1', 'erp.account.changed.v1', 'erp.dimension.changed.v1', 'erp.contact.changed.v1', 'erp.incoming-invoice.recorded.v1', 'gateway.sales-invoice.received.v1'],
  // Test kit only: the messaging integration tests' and bus benchmark's consumer.
  'messaging-probe': ['testkit.probe.received.v1'],
};

/**
 * One durable consumer per (service, subject): NATS servers before 2.10 (Debian's 2.9)
 * accept a single filter subject per consumer, and per-subject consumers also keep a
 * backlog on one subject from delaying another.
 */
export const CONSUMERS: readonly ConsumerDeclaration[] = Object.entries(SUBSCRIPTIONS).flatMap(([service, subjects]) =>
  subjects.map((subject) => ({
    service,
    stream: streamOfSubject(subject),
    subjects: [subject],
    maxDeliver: 5,
    ackWaitSeconds: 30,
    maxAckPending: 1000,
  })),
);

/** Durable name of a consumer (before any namespace prefix): `<service>__<subject with _ for .>`. */
export function durableName(consumer: ConsumerDeclaration): string {
  return `${consumer.service}__${(consumer.subjects[0] ?? '').replace(/\./g, '_')}`;
}

export function consumersOf(service: string): ConsumerDeclaration[] {
  return CONSUMERS.filter((c) => c.service === service);
}

/** Fails fast when a subscription names a subject without a contract or a stream. */
export function checkTopology(): string[] {
  const known = new Set(allContracts().map((c) => c.subject));
  const streams = new Set(STREAMS.map((s) => s.name));
  const problems: string[] = [];
  for (const c of CONSUMERS) {
    if (!streams.has(c.stream)) problems.push(`${c.service}: no stream ${c.stream}`);
    for (const s of c.subjects) if (!known.has(s)) problems.push(`${c.service}: no contract for ${s}`);
  }
  for (const contract of allContracts()) {
    if (!streams.has(contract.stream)) problems.push(`${contract.subject}: no stream ${contract.stream}`);
  }
  return problems;
}
