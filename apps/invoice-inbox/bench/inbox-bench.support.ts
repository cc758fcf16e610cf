/** Helpers of the inbox benchmark: the service process, the bus, HTTP load and statistics. */
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, type MsgRequest } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { streamOfSubject } from '@hub/contracts';
import { MessagingNamespace } from '@hub/messaging';
import { TEST_NATS_URL } from '@hub/testing';

export interface ServiceProcess {
  url: string;
  stop(): Promise<void>;
}

/** Forks the service (own process, own event loop) and waits until it listens. */
export function startServiceProcess(prefix: string, schema: string, fresh = true): Promise<ServiceProcess> {
  const child = fork(join(__dirname, 'inbox-bench-service.main.ts'), [], {
    execArgv: [
      '-r',
      join(__dirname, '../../../tools/ts-register.cjs'),
      // BENCH_PROFILE=dir writes a V8 CPU profile of the service there ("where the time goes").
      ...(process.env['BENCH_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_PROFILE']}`] : []),
    ],
    env: { ...process.env, BENCH_PREFIX: prefix, BENCH_SCHEMA: schema, BENCH_FRESH: fresh ? '1' : '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`service exited with ${code}`)));
    child.once('message', (m: { type: string; url: string }) => {
      resolve({
        url: m.url,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.send({ type: 'stop' });
            setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
          }),
      });
    });
  });
}

export interface StoredEvent<T> {
  payload: T;
  msgId: string;
  /** When JetStream stored it (ms since epoch, sub-ms precision). */
  storedAtMs: number;
}

export class BenchBus {
  private constructor(
    private readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    readonly ns: MessagingNamespace,
  ) {}

  static async open(prefix: string): Promise<BenchBus> {
    const nc = await connect({ servers: TEST_NATS_URL });
    return new BenchBus(nc, jetstream(nc), await jetstreamManager(nc), new MessagingNamespace(prefix));
  }

  publish(subject: string, companyId: string, body: string, msgId: string): Promise<unknown> {
    const h = headers();
    h.set('Hub-Company-Id', companyId);
    return this.js.publish(this.ns.subject(subject), body, { msgID: msgId, headers: h, timeout: 30_000 });
  }

  /** Every stored message of one subject, oldest first, with the time JetStream stored it. */
  async read<T>(subject: string): Promise<StoredEvent<T>[]> {
    const stream = this.ns.stream(streamOfSubject(subject));
    const out: StoredEvent<T>[] = [];
    let seq = 1;
    for (;;) {
      // STREAM.MSG.GET with `next_by_subj` (NATS 2.9); the client's type lists only seq / last_by_subj.
      const query = { seq, next_by_subj: this.ns.subject(subject) } as unknown as MsgRequest;
      const m = await this.jsm.streams.getMessage(stream, query).catch(() => null);
      if (!m) break;
      out.push({ payload: m.json<T>(), msgId: m.header.get('Nats-Msg-Id'), storedAtMs: isoToMs(m.timestamp) });
      seq = m.seq + 1;
    }
    return out;
  }

  close(): Promise<void> {
    return this.nc.close();
  }
}

/** RFC 3339 with nanoseconds → ms since epoch with the sub-millisecond part kept. */
export function isoToMs(iso: string): number {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  if (!match) return Date.parse(iso);
  const fraction = (match[2] ?? '0').padEnd(9, '0');
  return Date.parse(`${match[1]}Z`) + Number(fraction) / 1e6;
}

export const nowMs = (): number => performance.timeOrigin + performance.now();

/** Closed-loop HTTP POSTs with `concurrency` workers over keep-alive; loopback only. */
export async function postAll(
  base: string,
  paths: string[],
  token: string,
  concurrency: number,
): Promise<{ ms: number[]; statuses: Map<number, number>; bodies: string[] }> {
  const target = new URL(base);
  if (target.hostname !== '127.0.0.1') throw new Error(`refusing to load a non-loopback target: ${target.host}`);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const ms: number[] = [];
  const bodies: string[] = new Array<string>(paths.length);
  const statuses = new Map<number, number>();
  let next = 0;
  const one = (i: number): Promise<void> =>
    new Promise((resolve) => {
      const started = nowMs();
      const req = request(
        { host: '127.0.0.1', port: target.port, path: paths[i], method: 'POST', agent, headers: { authorization: `Bearer ${token}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            bodies[i] = Buffer.concat(chunks).toString('utf8');
            ms.push(nowMs() - started);
            resolve();
          });
        },
      );
      req.on('error', () => {
        statuses.set(-1, (statuses.get(-1) ?? 0) + 1);
        resolve();
      });
      req.end();
    });
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < paths.length) await one(next++);
  }));
  agent.destroy();
  return { ms, statuses, bodies };
}

export function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** `median (min–max)` over runs. */
export function spread(values: number[], digits = 0): string {
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '-');
  return `${f(pct(values, 50))} (${f(Math.min(...values))}–${f(Math.max(...values))})`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Service-side time per message of one subject, from the service's Prometheus histogram
 * (`hub_message_handler_duration_seconds`): the mean, and the bucket bound holding the p99.
 * Separates processing time from the time a message waited in the backlog.
 */
export async function handlerTime(url: string, subject: string): Promise<{ meanMs: number; p99BoundMs: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const lines = text.split('\n').filter((l) => l.startsWith('hub_message_handler_duration_seconds') && l.includes(`subject="${subject}"`));
  const value = (suffix: string): number => Number(lines.find((l) => l.startsWith(`hub_message_handler_duration_seconds_${suffix}`))?.split(' ').pop());
  const buckets = lines
    .filter((l) => l.startsWith('hub_message_handler_duration_seconds_bucket'))
    .map((l) => ({ le: Number(/le="([^"]+)"/.exec(l)?.[1]?.replace('+Inf', 'Infinity')), n: Number(l.split(' ').pop()) }));
  const count = value('count');
  const p99 = buckets.find((b) => b.n >= count * 0.99)?.le ?? NaN;
  return { meanMs: (value('sum') / count) * 1000, p99BoundMs: p99 * 1000 };
}
