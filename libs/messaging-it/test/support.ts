import {
  jetstreamManager,
  jetstream,
  type ConsumerInfo,
} from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { runMigrations } from '@hub/persistence';
import { loadEnv } from '@hub/platform';
import { serviceDataSourceConfig } from '@hub/service-kit';
import {
  TEST_API_TOKENS,
  TEST_DATABASE_URL,
  TEST_NATS_URL,
  TEST_TOKENS,
  queryTest,
  waitFor,
  startTestService,
  type TestService,
} from '@hub/testing';
import { consumersOf, durableName } from '@hub/contracts';
import { type DeadLetter, HEADER, MessagingNamespace, provision } from '@hub/messaging';
import {
  messagingProbe,
  PROBE_SUBJECT,
  type ProbeEnv,
} from './probe/probe.service';

export const COMPANY = 'company-a';

export interface ProbeRun {
  prefix: string;
  schema: string;
  ns: MessagingNamespace;
  stream: string;
  durable: string;
}

export function probeRun(prefix: string, schema: string): ProbeRun {
  const ns = new MessagingNamespace(prefix);
  const [declaration] = consumersOf(messagingProbe.name);
  if (!declaration)
    throw new Error('the topology declares no consumer for messaging-probe');
  return {
    prefix,
    schema,
    ns,
    stream: ns.stream(declaration.stream),
    durable: ns.durable(durableName(declaration)),
  };
}

export function startProbe(
  run: ProbeRun,
  fresh = true,
  env: Record<string, string> = {},
): Promise<TestService<ProbeEnv>> {
  return startTestService(messagingProbe, {
    prefix: run.prefix,
    schema: run.schema,
    fresh,
    env,
  });
}

/** Migrations and provisioning without starting anything (no relay, no consumer). */
export async function prepareProbe(run: ProbeRun): Promise<void> {
  const env = loadEnv(messagingProbe.env, {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: run.schema,
    NATS_URL: TEST_NATS_URL,
    MESSAGING_PREFIX: run.prefix,
    API_TOKENS: TEST_API_TOKENS,
  });
  await runMigrations(serviceDataSourceConfig(messagingProbe, env));
  await withJs(async ({ jsm }) => {
    await provision(jsm, run.ns, { services: [messagingProbe.name], testKit: true });
  });
}

type JsTools = {
  jsm: Awaited<ReturnType<typeof jetstreamManager>>;
  js: ReturnType<typeof jetstream>;
};

export async function withJs<T>(
  fn: (tools: JsTools) => Promise<T>,
): Promise<T> {
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    return await fn({ jsm: await jetstreamManager(nc), js: jetstream(nc) });
  } finally {
    await nc.close();
  }
}

/** How many messages the run's stream holds on the probe subject. */
export function streamCount(
  run: ProbeRun,
  subject = PROBE_SUBJECT,
): Promise<number> {
  return withJs(async ({ jsm }) => {
    const info = await jsm.streams.info(run.stream, {
      subjects_filter: run.ns.subject(subject),
    });
    return info.state.subjects?.[run.ns.subject(subject)] ?? 0;
  });
}

export function consumerInfo(run: ProbeRun): Promise<ConsumerInfo> {
  return withJs(({ jsm }) => jsm.consumers.info(run.stream, run.durable));
}

export interface RawPublish {
  payload?: unknown;
  msgId?: string;
  companyHeader?: string | null;
  raw?: string;
}

/** Publishes straight to JetStream (as a foreign or buggy producer would); returns the msg id. */
export function publishRaw(
  run: ProbeRun,
  message: RawPublish,
): Promise<{ msgId: string; duplicate: boolean; seq: number }> {
  const msgId = message.msgId ?? randomUUID();
  return withJs(async ({ js }) => {
    const h = natsHeaders();
    const company =
      message.companyHeader === undefined ? COMPANY : message.companyHeader;
    if (company !== null) h.set(HEADER.companyId, company);
    const ack = await js.publish(
      run.ns.subject(PROBE_SUBJECT),
      message.raw ?? JSON.stringify(message.payload),
      { msgID: msgId, headers: h },
    );
    return { msgId, duplicate: ack.duplicate, seq: ack.seq };
  });
}

export function probePayload(
  probeId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    companyId: COMPANY,
    probeId,
    sentAt: new Date().toISOString(),
    ...extra,
  };
}

export async function appliedRows(
  run: ProbeRun,
  probeId: string,
): Promise<{ message_id: string; delivery: number }[]> {
  return queryTest(
    `SELECT message_id, delivery FROM "${run.schema}".probe_applied WHERE probe_id = $1 ORDER BY id`,
    [probeId],
  );
}

export async function inboxCount(
  run: ProbeRun,
  messageId: string,
): Promise<number> {
  const [row] = await queryTest<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${run.schema}".inbox_message WHERE message_id = $1`,
    [messageId],
  );
  return row?.n ?? 0;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((r) => setTimeout(r, ms));

/**
 * Publishes one message per probe id (a fresh message id each), then `copied` once more with
 * its message id after a 1 s de-duplication window has passed: JetStream stores the copy, so
 * only the consumer's inbox can drop it. Returns the message id of every probe.
 */
export async function publishWithLateCopy(
  run: ProbeRun,
  ids: readonly string[],
  copied: string,
): Promise<Map<string, string>> {
  await withJs(({ jsm }) =>
    jsm.streams.update(run.stream, { duplicate_window: 1_000_000_000 }),
  );
  const msgIds = new Map<string, string>();
  await withJs(async ({ js }) => {
    const publish = (id: string, msgID: string) => {
      const h = natsHeaders();
      h.set(HEADER.companyId, COMPANY);
      return js.publish(
        run.ns.subject(PROBE_SUBJECT),
        JSON.stringify(probePayload(id)),
        { msgID, headers: h },
      );
    };
    for (const id of ids) {
      msgIds.set(id, randomUUID());
      await publish(id, msgIds.get(id) as string);
    }
    await sleep(1100); // past the de-duplication window: the copy is stored again
    const again = await publish(copied, msgIds.get(copied) as string);
    if (again.duplicate)
      throw new Error('the late copy was de-duplicated by JetStream');
  });
  return msgIds;
}

/** Waits until `count` distinct probes whose id starts with `prefix-` have been applied. */
export async function waitForAppliedProbes(
  run: ProbeRun,
  prefix: string,
  count: number,
): Promise<void> {
  await waitFor(
    async () => {
      const [row] = await queryTest<{ n: number }>(
        `SELECT count(DISTINCT probe_id)::int AS n FROM "${run.schema}".probe_applied WHERE probe_id LIKE $1`,
        [`${prefix}-%`],
      );
      return (row?.n ?? 0) === count;
    },
    20_000,
    'every applicable message to be applied',
  );
}

/** Waits until the probe's durable consumer has nothing pending and nothing unacknowledged. */
export async function waitForDrained(run: ProbeRun): Promise<void> {
  await waitFor(
    async () => {
      const info = await consumerInfo(run);
      return info.num_ack_pending === 0 && info.num_pending === 0;
    },
    10_000,
    'nothing left on the consumer',
  );
}

/** The service's dead letters (replayed included), once there are `count` of them. */
export function waitForDeadLetters(
  serviceUrl: string,
  count: number,
): Promise<DeadLetter[]> {
  return waitFor(
    async () => {
      const res = await fetch(
        `${serviceUrl}/dead-letters?includeReplayed=true`,
        {
          headers: { authorization: `Bearer ${TEST_TOKENS.admin}` },
        },
      );
      const all = (await res.json()) as DeadLetter[];
      return all.length === count ? all : undefined;
    },
    10_000,
    'the permanent failures to be dead letters',
  );
}
