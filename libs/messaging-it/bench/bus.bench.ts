/**
 * `npm run bench:bus` — node -r ./tools/ts-register.cjs libs/messaging-it/bench/bus.bench.ts
 *
 * Events per second and latency of the whole bus path on this machine:
 *   HTTP POST (load generator, keep-alive, bounded concurrency)
 *   → producer service (on Fastify; BENCH_HTTP=express for Express): business row + outbox row
 *     in one statement shared by concurrent requests (GroupCommit; the committed rows are
 *     handed to the relay of the same process)
 *   → outbox relay → JetStream (Nats-Msg-Id = row id; the rows are marked published beside it, every ≤ 50 ms)
 *   → consumer service (separate process): inbox row + business row, committed with the other
 *     messages of its group commit (each in its own savepoint)
 * Latency per event = consumer commit time − the load generator's send time (carried in the payload).
 * CPU per event is read from /proc per process; `postgres` counts only the backends of the two
 * bench services (by application_name), `postgres (all)` every postgres process on the machine.
 * Stalls per process (event-loop delay from a 5 ms timer, GC pauses) show how much of a
 * latency tail each process adds by itself; a process that does not get a CPU on the busy
 * machine shows it as loop delay.
 * For the consumer side alone at full speed see consumer-drain.bench.ts.
 *
 * The load generator speaks HTTP/1.1 on raw keep-alive sockets (see RawConnection).
 * Two kinds of run:
 *   - closed loop (capacity): BENCH_CONCURRENCY requests always in flight, as fast as the
 *     machine answers — the most events/s it can take; its latency is mostly queueing, by design;
 *   - paced (sustained): requests sent on a fixed schedule at BENCH_RATE per second, whether or
 *     not earlier ones were answered (open loop, up to BENCH_PACED_CONNECTIONS in flight). Each
 *     event's latency counts from its scheduled send time, so a system that falls behind shows
 *     it in the latency and in the delivered rate (no coordinated omission).
 * The target (≥ 2,000 events/s sustained with p99 < 100 ms) is judged on the paced runs.
 * Options (env): BENCH_REQUESTS (20000), BENCH_CONCURRENCY (32), BENCH_RUNS (3), BENCH_WARMUP (2000),
 * BENCH_RATE (2000; 0 skips the paced runs), BENCH_PACED_RUNS (3), BENCH_PACED_CONNECTIONS (128),
 * BENCH_PRODUCERS (1: replicas of the producer service, the load generator's connections spread over them).
 * Uses the real Postgres and NATS (TEST_DATABASE_URL / NATS_URL), fresh schemas and stream prefix, cleaned up after.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { consumersOf } from '@hub/contracts';
import { runMigrations } from '@hub/persistence';
import { loadEnv } from '@hub/platform';
import { serviceDataSourceConfig } from '@hub/service-kit';
import {
  dropSchema,
  dropStreams,
  queryTest,
  TEST_API_TOKENS,
  TEST_DATABASE_URL,
  TEST_NATS_URL,
  TEST_TOKENS,
  uniqueName,
} from '@hub/testing';
import { MessagingNamespace, provision } from '@hub/messaging';
import { benchConsumer, benchProducer, nowMs } from './bench-services';
import { PROBE_SUBJECT } from '../test/probe/probe.service';
import { type Stalls, StallMonitor } from './stall-monitor';

const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 20_000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 2_000);
const RATE = Number(process.env['BENCH_RATE'] ?? 2_000);
const PACED_RUNS = Number(process.env['BENCH_PACED_RUNS'] ?? 3);
const PACED_CONNECTIONS = Number(process.env['BENCH_PACED_CONNECTIONS'] ?? 128);
/** Replicas of the producer service (one process each, one schema): the load is spread over them. */
const PRODUCERS = Math.max(1, Number(process.env['BENCH_PRODUCERS'] ?? 1));
const COMPANY = 'company-a';

interface Timings {
  endToEnd: number[];
  handler: number[];
  committedAt: number[];
}

interface Service {
  child: ChildProcess;
  url: string;
  ask<T>(type: string): Promise<T>;
  stop(): Promise<void>;
}

function startService(
  role: 'producer' | 'consumer',
  env: Record<string, string>,
): Promise<Service> {
  const child = fork(join(__dirname, 'bench-service.main.ts'), [role], {
    execArgv: [
      '-r',
      join(__dirname, '../../../tools/ts-register.cjs'),
      // BENCH_PROFILE=dir writes a V8 CPU profile of each service there (for "where the time goes").
      ...(process.env['BENCH_PROFILE']
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${process.env['BENCH_PROFILE']}`,
            `--cpu-prof-name=${role}.cpuprofile`,
          ]
        : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`${role} exited with ${code}`)),
    );
    child.once('message', (m: { type: string; url: string }) => {
      if (m.type !== 'ready')
        return reject(new Error(`${role}: unexpected ${m.type}`));
      resolve({
        child,
        url: m.url,
        ask: <T>(type: string) =>
          new Promise<T>((res) => {
            child.once('message', (answer: { value: T }) => res(answer.value));
            child.send({ type });
          }),
        stop: () =>
          new Promise<void>((res) => {
            child.removeAllListeners('exit');
            child.once('exit', () => res());
            child.send({ type: 'stop' });
            setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
          }),
      });
    });
  });
}

/** Postgres backends serving the bench's two services (other work may share the server). */
async function benchBackends(): Promise<{ pid: number; service: string }[]> {
  return queryTest<{ pid: number; service: string }>(
    `SELECT pid, application_name AS service FROM pg_stat_activity WHERE application_name = ANY($1::text[])`,
    [[benchProducer.name, benchConsumer.name]],
  );
}

function ticks(pid: string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

function backendSeconds(
  backends: { pid: number; service: string }[],
): Map<number, { service: string; seconds: number }> {
  return new Map(
    backends.map((b) => [
      b.pid,
      { service: b.service, seconds: ticks(String(b.pid)) / 100 },
    ]),
  );
}

/**
 * CPU seconds used so far by process groups (Linux /proc; 100 ticks per second).
 * `postgres` is the bench's own backends; `postgres (all)` every postgres process on the
 * machine (WAL writer etc. included, and other work's backends if the server is shared).
 */
function cpuSnapshot(
  pids: Record<string, readonly (number | undefined)[]>,
): Record<string, number> {
  const out: Record<string, number> = {
    postgres: 0,
    'postgres (producer)': 0,
    'postgres (consumer)': 0,
    'postgres (all)': 0,
    'nats-server': 0,
  };
  for (const [name, list] of Object.entries(pids))
    out[name] = list.reduce<number>((sum, pid) => sum + (pid ? ticks(String(pid)) / 100 : 0), 0);
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let comm = '';
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm === 'postgres' || comm === 'nats-server') {
      const key = comm === 'postgres' ? 'postgres (all)' : comm;
      out[key] = (out[key] ?? 0) + ticks(pid) / 100;
    }
  }
  const cpu =
    readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      ?.trim()
      .split(/\s+/)
      .slice(1)
      .map(Number) ?? [];
  const busy =
    (cpu[0] ?? 0) +
    (cpu[1] ?? 0) +
    (cpu[2] ?? 0) +
    (cpu[5] ?? 0) +
    (cpu[6] ?? 0) +
    (cpu[7] ?? 0);
  out['machine'] = busy / 100;
  return out;
}

function cpuDelta(
  a: Record<string, number>,
  b: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(
    Object.keys(b).map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)]),
  );
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(
      sorted.length - 1,
      Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
    )
  ] as number;
}

const sortNum = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '-');

/**
 * One keep-alive HTTP/1.1 connection driven by hand: a request goes out, its response (with
 * Content-Length, as every Nest reply has) is read back, then the next request. The load
 * generator shares the machine with the system under test, so it is kept lean: Node's http
 * client costs about three times as much CPU per request as this.
 */
class RawConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting?: {
    resolve(status: number): void;
    reject(error: Error): void;
  };

  private constructor(
    private readonly socket: Socket,
    /** The request head for this connection's target (without the body's length). */
    readonly head: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer =
        this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    const fail = (error: Error): void => {
      const w = this.waiting;
      this.waiting = undefined;
      w?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  static open(port: number, head: string): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connectTcp({ host: '127.0.0.1', port }, () =>
        resolve(new RawConnection(socket, head)),
      );
      socket.once('error', reject);
    });
  }

  /** Sends one request; resolves with the response's status code. */
  send(body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(
        `${this.head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private parse(): void {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffer.length < end + 4 + length) return;
    this.buffer = this.buffer.subarray(end + 4 + length);
    const status = Number(head.slice(9, 12));
    const w = this.waiting;
    this.waiting = undefined;
    w?.resolve(status);
  }
}

/** What a load generator reports: HTTP latencies, when it began and ended, failed requests. */
interface LoadResult {
  httpMs: number[];
  firstSend: number;
  lastReply: number;
  errors: number;
}

/** `n` keep-alive connections to the probe endpoint, spread over the producers' URLs in turn (loopback only). */
async function openLoad(urls: readonly string[], n: number): Promise<RawConnection[]> {
  const targets = urls.map((url) => {
    const target = new URL(`${url}/companies/${COMPANY}/probes`);
    if (target.hostname !== '127.0.0.1')
      throw new Error(`refusing to load a non-loopback target: ${target.host}`);
    const head =
      `POST ${target.pathname} HTTP/1.1\r\nhost: ${target.host}\r\n` +
      `content-type: application/json\r\nauthorization: Bearer ${TEST_TOKENS.admin}\r\n`;
    return { port: Number(target.port), head };
  });
  return Promise.all(
    Array.from({ length: n }, (_, i) => {
      const target = targets[i % targets.length] as (typeof targets)[number];
      return RawConnection.open(target.port, target.head);
    }),
  );
}

/** Bounded closed-loop load: CONCURRENCY keep-alive connections, loopback only. */
async function drive(
  urls: readonly string[],
  count: number,
  tag: string,
): Promise<LoadResult> {
  const connections = await openLoad(urls, CONCURRENCY);
  const httpMs: number[] = [];
  let next = 0;
  let errors = 0;
  const firstSend = nowMs();
  await Promise.all(
    connections.map(async (connection) => {
      while (next < count) {
        const i = next++;
        const sent = nowMs();
        const body = JSON.stringify({
          probeId: `${tag}-${i}`,
          sentAt: new Date(sent).toISOString(),
          note: sent.toFixed(3),
        });
        try {
          if ((await connection.send(body)) !== 202) errors += 1;
        } catch {
          errors += 1;
          return; // this connection is gone; the others carry on
        }
        httpMs.push(nowMs() - sent);
      }
    }),
  );
  const lastReply = nowMs();
  for (const c of connections) c.close();
  return { httpMs, firstSend, lastReply, errors };
}

/**
 * Open-loop load: request i is due at start + i / rate. A due request goes out on an idle
 * connection, or waits for the next one to come free; its latency (and the `sentAt` the
 * consumer measures from) is its scheduled time, so waiting for a connection counts.
 */
async function drivePaced(
  urls: readonly string[],
  count: number,
  tag: string,
  rate: number,
): Promise<LoadResult> {
  const idle = await openLoad(urls, PACED_CONNECTIONS);
  const all = [...idle];
  const httpMs: number[] = [];
  let errors = 0;
  let answered = 0;
  const due: number[] = [];
  const firstSend = nowMs() + 5;
  const scheduled = (i: number): number => firstSend + (i * 1000) / rate;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const send = (connection: RawConnection, i: number): void => {
    const at = scheduled(i);
    const body = JSON.stringify({
      probeId: `${tag}-${i}`,
      sentAt: new Date(at).toISOString(),
      note: at.toFixed(3),
    });
    connection.send(body).then(
      (status) => {
        if (status !== 202) errors += 1;
        httpMs.push(nowMs() - at);
        const next = due.shift();
        if (next === undefined) idle.push(connection);
        else send(connection, next);
        if (++answered === count) done();
      },
      () => {
        errors += 1; // this connection is gone; the others carry on
        if (++answered === count) done();
      },
    );
  };
  let next = 0;
  const tick = (): void => {
    const now = nowMs();
    while (next < count && scheduled(next) <= now) {
      const connection = idle.pop();
      if (connection) send(connection, next);
      else due.push(next);
      next += 1;
    }
    if (next < count)
      setTimeout(tick, Math.max(0, Math.min(1, scheduled(next) - nowMs())));
  };
  setTimeout(tick, 5);
  await finished;
  const lastReply = nowMs();
  for (const c of all) c.close();
  return { httpMs, firstSend, lastReply, errors };
}

async function waitForCommits(
  consumer: Service,
  expected: number,
  timeoutMs: number,
): Promise<Timings> {
  const all: Timings = { endToEnd: [], handler: [], committedAt: [] };
  const deadline = Date.now() + timeoutMs;
  while (all.endToEnd.length < expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const t = await consumer.ask<Timings>('timings');
    all.endToEnd.push(...t.endToEnd);
    all.handler.push(...t.handler);
    all.committedAt.push(...t.committedAt);
  }
  return all;
}

/**
 * How long each event of a run took from its scheduled send to being stored in JetStream
 * (the stream's own timestamp): the producer's write and commit plus the relay's publish.
 * Read back from the stream after the run, from the sequence it had before the run.
 */
async function storedDelays(nc: NatsConnection, stream: string, subject: string, fromSeq: number, tag: string, count: number): Promise<number[]> {
  const consumer = await jetstream(nc).consumers.get(stream, { filter_subjects: subject, opt_start_seq: fromSeq });
  const delays: number[] = [];
  let seen = 0;
  const messages = await consumer.consume({ max_messages: 1000 });
  const timer = setTimeout(() => void messages.stop(), 30_000);
  try {
    for await (const m of messages) {
      seen += 1;
      const event = m.json<{ probeId: string; sentAt: string }>();
      if (event.probeId.startsWith(`${tag}-`)) delays.push(m.info.timestampNanos / 1e6 - Date.parse(event.sentAt));
      if (delays.length >= count || m.info.pending === 0) break;
    }
  } finally {
    clearTimeout(timer);
    await messages.close().catch(() => undefined);
  }
  return seen > 0 ? delays : [];
}

function histogramMean(metrics: string, name: string): number {
  const sum = Number(
    /^(\S+_sum)(\{[^}]*\})? (\S+)$/m.exec(
      metrics
        .split('\n')
        .filter((l) => l.startsWith(`${name}_sum`))
        .join('\n'),
    )?.[3] ?? NaN,
  );
  const count = Number(
    /^(\S+_count)(\{[^}]*\})? (\S+)$/m.exec(
      metrics
        .split('\n')
        .filter((l) => l.startsWith(`${name}_count`))
        .join('\n'),
    )?.[3] ?? NaN,
  );
  return (sum / count) * 1000;
}

interface RunResult {
  eventsPerSec: number;
  requestsPerSec: number;
  seconds: number;
  e2e: { p50: number; p95: number; p99: number; max: number };
  http: { p50: number; p99: number };
  relayLag: { p50: number; p99: number };
  /** Scheduled send → stored in JetStream (the producer's write, commit and the relay's publish). */
  stored: { p50: number; p99: number };
  /** Statements of the relay's marking (distinct xmin) and transactions of the consumer's applying. */
  relayBatches: number;
  consumerTransactions: number;
  /** Transactions of the producer's writes (group commit: distinct xmin of the business rows). */
  producerTransactions: number;
  handler: { p50: number; p99: number };
  errors: number;
  missing: number;
  cpu: Record<string, number>;
  /** Event-loop delay and GC pauses per process during the run. */
  stalls: Record<string, Stalls>;
}

async function main(): Promise<void> {
  const prefix = uniqueName('bench');
  const producerSchema = uniqueName('bench_out');
  const consumerSchema = uniqueName('bench_in');
  const common = {
    DATABASE_URL: TEST_DATABASE_URL,
    NATS_URL: TEST_NATS_URL,
    MESSAGING_PREFIX: prefix,
    API_TOKENS: TEST_API_TOKENS,
    LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn',
  };
  const services: Service[] = [];
  const loadStalls = new StallMonitor();
  let reader: NatsConnection | undefined;
  try {
    for (const [def, schema] of [
      [benchProducer, producerSchema],
      [benchConsumer, consumerSchema],
    ] as const) {
      await runMigrations(
        serviceDataSourceConfig(
          def,
          loadEnv(def.env, { ...common, DATABASE_SCHEMA: schema }),
        ),
      );
    }
    const nc = await connect({ servers: TEST_NATS_URL });
    await provision(
      await jetstreamManager(nc),
      new MessagingNamespace(prefix),
      { services: [benchConsumer.name], testKit: true },
    );
    await nc.close();
    // Kept open for reading the stream's timestamps after each run.
    const nats = await connect({ servers: TEST_NATS_URL });
    reader = nats;
    const ns = new MessagingNamespace(prefix);
    const streamDecl = consumersOf(benchConsumer.name)[0];
    if (!streamDecl) throw new Error(`the topology declares no consumer for ${benchConsumer.name}`);
    const streamName = ns.stream(streamDecl.stream);
    const probeSubject = ns.subject(PROBE_SUBJECT);
    const lastSeq = async (): Promise<number> => (await (await jetstreamManager(nats)).streams.info(streamName)).state.last_seq;

    const producers: Service[] = [];
    for (let i = 0; i < PRODUCERS; i++) {
      const producer = await startService('producer', {
        ...common,
        DATABASE_SCHEMA: producerSchema,
      });
      services.push(producer);
      producers.push(producer);
    }
    const producerUrls = producers.map((p) => p.url);
    const producerName = (i: number): string => (PRODUCERS === 1 ? 'producer' : `producer ${i + 1}`);
    const consumer = await startService('consumer', {
      ...common,
      DATABASE_SCHEMA: consumerSchema,
    });
    services.push(consumer);

    process.stdout.write(
      `bus bench: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load avg ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; ` +
        `${RUNS} runs × ${REQUESTS} requests, concurrency ${CONCURRENCY}, warm-up ${WARMUP}; ` +
        `${PRODUCERS === 1 ? 'producer' : `${PRODUCERS} producer replicas`} on ${benchProducer.http ?? 'express'}\n`,
    );
    if (WARMUP > 0) {
      await drive(producerUrls, WARMUP, `warm-${prefix}`);
      await waitForCommits(consumer, WARMUP, 60_000);
    }

    const measure = async (
      label: string,
      count: number,
      tag: string,
      load: (tag: string) => ReturnType<typeof drive>,
    ): Promise<RunResult> => {
      const pids = {
        producer: producers.map((p) => p.child.pid),
        consumer: [consumer.child.pid],
        'load generator': [process.pid],
      };
      const backendsBefore = backendSeconds(await benchBackends());
      for (const producer of producers) await producer.ask<Stalls>('stalls');
      await consumer.ask<Stalls>('stalls');
      loadStalls.take();
      const firstSeq = (await lastSeq()) + 1;
      const cpuBefore = cpuSnapshot(pids);
      const sent = await load(tag);
      const t = await waitForCommits(consumer, count - sent.errors, 120_000);
      const cpu = cpuDelta(cpuBefore, cpuSnapshot(pids));
      const stalls: Record<string, Stalls> = {};
      for (const [i, producer] of producers.entries()) stalls[producerName(i)] = await producer.ask<Stalls>('stalls');
      stalls['consumer'] = await consumer.ask<Stalls>('stalls');
      stalls['load generator'] = loadStalls.take();
      // The bench's own backends: one that started during the run counts from zero, one
      // that ended during the run is lost (rare: the pools are warm).
      for (const [pid, b] of backendSeconds(await benchBackends())) {
        const key =
          b.service === benchProducer.name
            ? 'postgres (producer)'
            : 'postgres (consumer)';
        const used = b.seconds - (backendsBefore.get(pid)?.seconds ?? 0);
        cpu[key] = (cpu[key] ?? 0) + used;
        cpu['postgres'] = (cpu['postgres'] ?? 0) + used;
      }
      const stored = sortNum(await storedDelays(nats, streamName, probeSubject, firstSeq, tag, count - sent.errors));
      const lastCommit = Math.max(...t.committedAt);
      const seconds = (lastCommit - sent.firstSend) / 1000;
      const e2e = sortNum(t.endToEnd);
      const http = sortNum(sent.httpMs);
      const handler = sortNum(t.handler);
      const lag = await queryTest<{ p50: number; p99: number }>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
           FROM (SELECT EXTRACT(EPOCH FROM published_at - created_at) * 1000 AS ms FROM "${producerSchema}".outbox_message
                  WHERE payload->>'probeId' LIKE $1) x`,
        [`${tag}-%`],
      );
      const [relay] = await queryTest<{ n: number }>(
        `SELECT count(DISTINCT xmin::text)::int AS n FROM "${producerSchema}".outbox_message WHERE payload->>'probeId' LIKE $1`,
        [`${tag}-%`],
      );
      const [written] = await queryTest<{ n: number }>(
        `SELECT count(DISTINCT xmin::text)::int AS n FROM "${producerSchema}".probe_note WHERE probe_id LIKE $1`,
        [`${tag}-%`],
      );
      const r: RunResult = {
        relayBatches: relay?.n ?? NaN,
        producerTransactions: written?.n ?? NaN,
        // The consumer's commit clock stamps every event of one commit with the same time.
        consumerTransactions: new Set(t.committedAt).size,
        eventsPerSec: t.endToEnd.length / seconds,
        requestsPerSec:
          sent.httpMs.length / ((sent.lastReply - sent.firstSend) / 1000),
        seconds,
        e2e: {
          p50: pct(e2e, 50),
          p95: pct(e2e, 95),
          p99: pct(e2e, 99),
          max: e2e[e2e.length - 1] ?? NaN,
        },
        http: { p50: pct(http, 50), p99: pct(http, 99) },
        relayLag: { p50: Number(lag[0]?.p50), p99: Number(lag[0]?.p99) },
        stored: { p50: pct(stored, 50), p99: pct(stored, 99) },
        handler: { p50: pct(handler, 50), p99: pct(handler, 99) },
        errors: sent.errors,
        missing: count - sent.errors - t.endToEnd.length,
        cpu,
        stalls,
      };
      process.stdout.write(
        `${label}: ${r.eventsPerSec.toFixed(0)} events/s over ${r.seconds.toFixed(1)} s (HTTP ${r.requestsPerSec.toFixed(0)} req/s, ` +
          `${r.errors} errors, ${r.missing} not delivered); end-to-end ms p50 ${f1(r.e2e.p50)} p95 ${f1(r.e2e.p95)} ` +
          `p99 ${f1(r.e2e.p99)} max ${f1(r.e2e.max)}\n` +
          `       where the time goes (p50 / p99 ms): HTTP write+commit ${f1(r.http.p50)} / ${f1(r.http.p99)}, ` +
          `stored in JetStream (write, commit, relay's publish) ${f1(r.stored.p50)} / ${f1(r.stored.p99)}, ` +
          `consumer handler+commit ${f1(r.handler.p50)} / ${f1(r.handler.p99)}; ` +
          `outbox row marked published (write began → marked; marks trail the publish by up to 50 ms, off the event's path) ${f1(r.relayLag.p50)} / ${f1(r.relayLag.p99)}\n` +
          `       events per transaction: producer ${f1(t.endToEnd.length / r.producerTransactions)} (${r.producerTransactions} group commits), ` +
          `relay marks ${f1(t.endToEnd.length / r.relayBatches)} (${r.relayBatches} statements), ` +
          `consumer ${f1(t.endToEnd.length / r.consumerTransactions)} (${r.consumerTransactions} transactions)\n` +
          `       CPU per event (ms): ${Object.entries(r.cpu)
            .filter(([k]) => k !== 'machine')
            .map(
              ([k, v]) => `${k} ${((v * 1000) / t.endToEnd.length).toFixed(2)}`,
            )
            .join(
              ', ',
            )}; whole machine ${(((r.cpu['machine'] ?? 0) * 1000) / t.endToEnd.length).toFixed(2)} ` +
          `(${(((r.cpu['machine'] ?? 0) / (r.seconds * cpus().length)) * 100).toFixed(0)}% of ${cpus().length} cores busy)\n` +
          `       stalls (event-loop delay p99 / max, GC pauses total / longest, ms): ${Object.entries(
            r.stalls,
          )
            .map(
              ([k, v]) =>
                `${k} ${f1(v.loopP99)} / ${f1(v.loopMax)}, GC ${v.gcTotal.toFixed(0)} / ${f1(v.gcMax)}`,
            )
            .join('; ')}\n`,
      );
      return r;
    };

    const results: RunResult[] = [];
    for (let run = 1; run <= RUNS; run++) {
      results.push(
        await measure(`run ${run}`, REQUESTS, `run${run}-${prefix}`, (tag) =>
          drive(producerUrls, REQUESTS, tag),
        ),
      );
    }
    const paced: RunResult[] = [];
    if (RATE > 0) {
      process.stdout.write(
        `\npaced: ${REQUESTS} requests at ${RATE}/s (open loop, up to ${PACED_CONNECTIONS} in flight), latency from each request's scheduled time\n`,
      );
      for (let run = 1; run <= PACED_RUNS; run++) {
        paced.push(
          await measure(
            `paced run ${run} at ${RATE}/s`,
            REQUESTS,
            `paced${run}-${prefix}`,
            (tag) => drivePaced(producerUrls, REQUESTS, tag, RATE),
          ),
        );
      }
    }
    const producerMetrics = await (producers[0] as Service).ask<string>('metrics');
    const consumerMetrics = await consumer.ask<string>('metrics');
    const summary = (
      pick: (r: RunResult) => number,
      of: RunResult[] = results,
    ): string => {
      const xs = sortNum(of.map(pick));
      return `median ${f1(pct(xs, 50))} (min ${f1(xs[0] ?? NaN)}, max ${f1(xs[xs.length - 1] ?? NaN)})`;
    };
    process.stdout.write(
      `\nsummary on ${cpus().length} cores; closed loop (capacity) at concurrency ${CONCURRENCY} over ${results.length} runs:\n` +
        `  events/s        ${summary((r) => r.eventsPerSec)}\n` +
        `  p50 latency ms  ${summary((r) => r.e2e.p50)}\n` +
        `  p95 latency ms  ${summary((r) => r.e2e.p95)}\n` +
        `  p99 latency ms  ${summary((r) => r.e2e.p99)}\n` +
        `  max latency ms  ${summary((r) => r.e2e.max)}\n` +
        `  Prometheus means: HTTP request ${f1(histogramMean(producerMetrics, 'hub_http_request_duration_seconds'))} ms, ` +
        `consumer handler ${f1(histogramMean(consumerMetrics, 'hub_message_handler_duration_seconds'))} ms\n` +
        (paced.length > 0
          ? `paced at ${RATE}/s over ${paced.length} runs:\n` +
            `  events/s        ${summary((r) => r.eventsPerSec, paced)}\n` +
            `  p50 latency ms  ${summary((r) => r.e2e.p50, paced)}\n` +
            `  p99 latency ms  ${summary((r) => r.e2e.p99, paced)}\n` +
            `  max latency ms  ${summary((r) => r.e2e.max, paced)}\n` +
            `  not delivered   ${summary((r) => r.missing + r.errors, paced)}\n`
          : '') +
        `  target ≥ 2000 events/s sustained with p99 < 100 ms: ${
          paced.length > 0 &&
          RATE >= 2000 &&
          // Kept up: the paced rate delivered (within 2 %, the run's tail) and nothing lost.
          pct(sortNum(paced.map((r) => r.eventsPerSec)), 50) >= RATE * 0.98 &&
          pct(sortNum(paced.map((r) => r.e2e.p99)), 50) < 100 &&
          paced.every((r) => r.missing + r.errors === 0)
            ? 'MET'
            : 'NOT MET'
        } (medians of the paced runs)\n`,
    );
  } finally {
    loadStalls.stop();
    await reader?.close().catch(() => undefined);
    await Promise.allSettled(services.map((s) => s.stop()));
    await dropStreams(prefix).catch(() => undefined);
    await dropSchema(producerSchema).catch(() => undefined);
    await dropSchema(consumerSchema).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bus bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
