/**
 * node -r ./tools/ts-register.cjs libs/messaging-it/bench/consumer-drain.bench.ts
 *
 * The consumer side alone, at full speed: a backlog of probe events is put on the stream
 * first, then the bench consumer (inbox + business row per event) drains it. Prints CPU per
 * event of this process (the consumer) and of its Postgres backends, and events/s.
 * Options (env): DRAIN_EVENTS (10000), DRAIN_WARMUP (2000), DRAIN_RUNS (2).
 */
import 'reflect-metadata';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dropSchema, dropStreams, queryTest, startTestService, TEST_NATS_URL, uniqueName, type TestService } from '@hub/testing';
import { HEADER, MessagingNamespace } from '@hub/messaging';
import { PROBE_SUBJECT } from '../test/probe/probe.service';
import { benchConsumer, consumerTimings, type BenchEnv } from './bench-services';

const EVENTS = Number(process.env['DRAIN_EVENTS'] ?? 10_000);
const WARMUP = Number(process.env['DRAIN_WARMUP'] ?? 2_000);
const RUNS = Number(process.env['DRAIN_RUNS'] ?? 2);

function ticks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function backendSeconds(): Promise<Map<number, number>> {
  const rows = await queryTest<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [benchConsumer.name]);
  return new Map(rows.map((r) => [r.pid, ticks(r.pid)]));
}

async function publish(ns: MessagingNamespace, count: number, tag: string): Promise<void> {
  const nc = await connect({ servers: TEST_NATS_URL });
  const js = jetstream(nc);
  const sent = Date.now();
  for (let i = 0; i < count; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, count - i) }, (_, j) => {
        const h = natsHeaders();
        h.set(HEADER.companyId, 'company-a');
        const payload = { companyId: 'company-a', probeId: `${tag}-${i + j}`, sentAt: new Date(sent).toISOString(), note: String(sent) };
        return js.publish(ns.subject(PROBE_SUBJECT), JSON.stringify(payload), { msgID: randomUUID(), headers: h });
      }),
    );
  }
  await nc.close();
}

async function waitFor(count: number): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (consumerTimings.committedAt.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${consumerTimings.committedAt.length} of ${count} committed`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function main(): Promise<void> {
  const prefix = uniqueName('drain');
  const schema = uniqueName('drain_in');
  const ns = new MessagingNamespace(prefix);
  let svc: TestService<BenchEnv> | undefined;
  try {
    svc = await startTestService(benchConsumer, { prefix, schema });
    process.stdout.write(`consumer drain: load avg ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${RUNS} runs × ${EVENTS} events\n`);
    for (let run = 0; run <= RUNS; run++) {
      const count = run === 0 ? WARMUP : EVENTS;
      await svc.close();
      consumerTimings.reset();
      await publish(ns, count, `r${run}-${prefix}`);
      svc = await startTestService(benchConsumer, { prefix, schema, fresh: false });
      if (run === 0) {
        await waitFor(count);
        continue;
      }
      // Measured from the first commit to the last (the backlog is already on the stream).
      await waitFor(1);
      const cpu0 = process.cpuUsage();
      const pg0 = await backendSeconds();
      const t0 = performance.now();
      const first = consumerTimings.committedAt.length;
      await waitFor(count);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      let pg = 0;
      for (const [pid, s] of await backendSeconds()) pg += s - (pg0.get(pid) ?? 0);
      const n = count - first;
      const commits = new Set(consumerTimings.committedAt).size;
      process.stdout.write(
        `run ${run}: ${(n / seconds).toFixed(0)} events/s, ${(count / commits).toFixed(1)} events per transaction; CPU per event (ms): ` +
          `consumer ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)}, postgres ${((pg * 1000) / n).toFixed(3)}; load avg ${loadavg()[0]?.toFixed(2)}\n`,
      );
    }
  } finally {
    await svc?.close();
    await dropStreams(prefix).catch(() => undefined);
    await dropSchema(schema).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`drain bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
