/**
 * `npm run bench:inbox` — node -r ./tools/ts-register.cjs apps/invoice-inbox/bench/inbox.bench.ts
 *
 * The invoice-inbox service runs in its own process against the real Postgres and NATS.
 * Per run (fresh schema and stream prefix):
 *  1. ingest, flood: BENCH_DOCS (10,000) distinct UBL invoices delivered as
 *     `gateway.document.received.v1` as fast as JetStream takes them, plus 5 % redeliveries
 *     of the same invoices under new message ids → parsed, validated, deduplicated, stored.
 *     Throughput = deliveries / (last `inbox.document.received.v1` stored − first send).
 *  2. ingest, paced: BENCH_DOCS more at BENCH_RATE (500) per second, for latency without a
 *     backlog: latency = when JetStream stored the inbox's `inbox.document.received.v1`
 *     (after the ingest transaction committed and the outbox relay published) − send time.
 *  3. publish: the flood's documents are approved (bulk SQL: setup, not measured) and
 *     published over HTTP (BENCH_CONCURRENCY workers) → `inbox.document.published.v1`; then
 *     1,000 publishes are repeated and must add nothing.
 * Lost / duplicated are counted from the database and from the events on the bus.
 * Options (env): BENCH_DOCS, BENCH_RATE, BENCH_RUNS (3), BENCH_PUBLISH (1; 0 skips phase 3), BENCH_CONCURRENCY (16), BENCH_REPLICAS (1: service
 * processes sharing the consumers, as replicas in production), BENCH_DATABASE_URL (e.g. the Unix socket
 * `postgresql://hub:hub@/hub_test?host=/var/run/postgresql`), BENCH_PROFILE (CPU profile directory).
 */
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { dropSchema, dropStreams, queryTest, TEST_TOKENS, uniqueName } from '@hub/testing';
import { ublInvoice } from '../test/workflow-fixtures';
import { BenchBus, handlerTime, nowMs, pct, postAll, type ServiceProcess, sleep, spread, startServiceProcess, type StoredEvent } from './inbox-bench.support';

const DOCS = Number(process.env['BENCH_DOCS'] ?? 10_000);
const RATE = Number(process.env['BENCH_RATE'] ?? 500);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const REPLICAS = Number(process.env['BENCH_REPLICAS'] ?? 1);
const PUBLISH = process.env['BENCH_PUBLISH'] !== '0';
const REDELIVERED = Math.floor(DOCS / 20);
const WINDOW = 512;

interface Received {
  companyId: string;
  documentId: string;
  duplicate: boolean;
  receivedAt: string;
}

interface RunResult {
  ingestPerSec: number;
  ingestP50: number;
  ingestP99: number;
  floodP99: number;
  handlerMeanMs: number;
  handlerP99BoundMs: number;
  ingestLost: number;
  ingestDuplicated: number;
  receiptsMissing: number;
  publishPerSec: number;
  publishHttpP50: number;
  publishHttpP99: number;
  publishToBusP99: number;
  publishLost: number;
  publishDuplicated: number;
}

/** One delivery: a UBL invoice of `company`, numbered `number`, under message id `msgId`. */
function delivery(company: string, number: string, xmlBase64: string, size: number, sentMs: number): string {
  return JSON.stringify({
    companyId: company,
    receiverEndpointId: '9931:EE200000002',
    operator: 'sandbox',
    operatorDocumentId: number,
    receivedAt: new Date(sentMs).toISOString(),
    files: [{ filename: `${number}.xml`, contentType: 'application/xml', contentBase64: xmlBase64, sizeBytes: size }],
  });
}

function invoices(tag: string): { number: string; xml: string; size: number }[] {
  return Array.from({ length: DOCS }, (_, i) => {
    const number = `${tag}-${i}`;
    const xml = Buffer.from(ublInvoice({ number, lines: 2 + (i % 4), supplierVat: `EE1${String(i % 500).padStart(8, '0')}` }));
    return { number, xml: xml.toString('base64'), size: xml.length };
  });
}

async function countRows(schema: string, company: string): Promise<{ documents: number; distinct: number; receipts: number }> {
  const [row] = await queryTest<{ documents: string; distinct: string; receipts: string }>(
    `SELECT (SELECT count(*) FROM "${schema}".document WHERE company_id = $1) AS documents,
            (SELECT count(DISTINCT invoice_number) FROM "${schema}".document WHERE company_id = $1) AS distinct,
            (SELECT count(*) FROM "${schema}".document_receipt WHERE company_id = $1) AS receipts`,
    [company],
  );
  return { documents: Number(row?.documents), distinct: Number(row?.distinct), receipts: Number(row?.receipts) };
}

/**
 * Waits on a cheap count in the database (the relay marks an outbox row published once
 * JetStream acknowledged it), then reads the events once: polling the stream itself would
 * compete with the service for the CPU it is being measured on.
 */
async function waitForRelayed(schema: string, subject: string, company: string, expected: number, stallMs: number): Promise<void> {
  let last = -1;
  let progressAt = Date.now();
  for (;;) {
    const [row] = await queryTest<{ n: string }>(
      `SELECT count(*) AS n FROM "${schema}".outbox_message WHERE subject = $1 AND company_id = $2 AND published_at IS NOT NULL`,
      [subject, company],
    );
    const n = Number(row?.n);
    if (n >= expected) return;
    // Slow is not lost: give up only when nothing moved for `stallMs`.
    if (n !== last) progressAt = Date.now();
    else if (Date.now() - progressAt > stallMs) return;
    last = n;
    await sleep(250);
  }
}

async function readEvents<T extends { companyId: string }>(bus: BenchBus, subject: string, company: string): Promise<StoredEvent<T>[]> {
  return (await bus.read<T>(subject)).filter((e) => e.payload.companyId === company);
}

async function flood(bus: BenchBus, tag: string): Promise<number> {
  const docs = invoices(tag);
  const inflight = new Set<Promise<unknown>>();
  const send = async (company: string, d: (typeof docs)[number], msgId: string): Promise<void> => {
    const p = bus.publish('gateway.document.received.v1', company, delivery(company, d.number, d.xml, d.size, nowMs()), msgId);
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    if (inflight.size >= WINDOW) await Promise.race(inflight);
  };
  const first = nowMs();
  for (const d of docs) await send('company-a', d, `${tag}-${d.number}`);
  // The operator delivers 5 % again under new message ids: the inbox must recognise them.
  for (const d of docs.slice(0, REDELIVERED)) await send('company-a', d, `${tag}-again-${d.number}`);
  await Promise.all(inflight);
  return first;
}

async function paced(bus: BenchBus, tag: string): Promise<void> {
  const docs = invoices(tag);
  const start = nowMs();
  const pending: Promise<unknown>[] = [];
  let i = 0;
  while (i < docs.length) {
    const due = Math.min(docs.length, Math.floor(((nowMs() - start) / 1000) * RATE) + 1);
    for (; i < due; i++) {
      const d = docs[i] as (typeof docs)[number];
      pending.push(bus.publish('gateway.document.received.v1', 'company-b', delivery('company-b', d.number, d.xml, d.size, nowMs()), `${tag}-${d.number}`));
    }
    await sleep(5);
  }
  await Promise.all(pending);
}

/** Spreads the publish requests over the replicas, as a load balancer would. */
async function publishAcross(urls: string[], paths: string[]): Promise<{ ms: number[]; statuses: Map<number, number>; bodies: string[] }> {
  const parts = await Promise.all(
    urls.map((url, r) => postAll(url, paths.filter((_, i) => i % urls.length === r), TEST_TOKENS.companyA, Math.max(1, Math.floor(CONCURRENCY / urls.length)))),
  );
  const statuses = new Map<number, number>();
  for (const p of parts) for (const [k, v] of p.statuses) statuses.set(k, (statuses.get(k) ?? 0) + v);
  return { ms: parts.flatMap((p) => p.ms), statuses, bodies: parts.flatMap((p) => p.bodies) };
}

type PublishResult = Pick<RunResult, 'publishPerSec' | 'publishHttpP50' | 'publishHttpP99' | 'publishToBusP99' | 'publishLost' | 'publishDuplicated'>;

const NO_PUBLISH: PublishResult = { publishPerSec: NaN, publishHttpP50: NaN, publishHttpP99: NaN, publishToBusP99: NaN, publishLost: NaN, publishDuplicated: NaN };

/** Approves the flood's documents in bulk (setup), publishes them over HTTP, then repeats 1,000 publishes. */
async function publishPhase(schema: string, replicas: ServiceProcess[], bus: BenchBus): Promise<PublishResult> {
  await queryTest(`
    WITH ready AS (SELECT id, company_id FROM "${schema}".document WHERE company_id = 'company-a' AND state = 'ready'),
    coding AS (INSERT INTO "${schema}".document_coding (document_id, company_id, account, updated_by, updated_at)
               SELECT id, company_id, '4000', 'bench', now() FROM ready),
    approval AS (INSERT INTO "${schema}".document_approval (document_id, company_id, decision, decided_by, decided_at)
                 SELECT id, company_id, 'approved', 'bench', now() FROM ready),
    moved AS (INSERT INTO "${schema}".document_transition (document_id, company_id, from_state, to_state, actor, reason)
              SELECT id, company_id, 'ready', 'approved', 'bench', 'bench setup' FROM ready)
    UPDATE "${schema}".document d SET state = 'approved' FROM ready WHERE d.id = ready.id`);
  const ids = (await queryTest<{ id: string }>(`SELECT id FROM "${schema}".document WHERE company_id = 'company-a' AND state = 'approved'`)).map((r) => r.id);
  const paths = ids.map((id) => `/companies/company-a/documents/${id}/publish`);
  const publishStart = nowMs();
  const http = await publishAcross(replicas.map((r) => r.url), paths);
  await waitForRelayed(schema, 'inbox.document.published.v1', 'company-a', ids.length, 30_000);
  const published = await readEvents<{ companyId: string; documentId: string; publishedAt: string }>(bus, 'inbox.document.published.v1', 'company-a');
  const lastPublished = Math.max(...published.map((e) => e.storedAtMs));
  const repeat = await publishAcross(replicas.map((r) => r.url), paths.slice(0, 1000));
  const repeatedNew = repeat.bodies.filter((b) => b.includes('"newlyPublished":true')).length;
  await sleep(2000);
  const afterRepeat = await readEvents<{ companyId: string; documentId: string }>(bus, 'inbox.document.published.v1', 'company-a');
  const distinctPublished = new Set(afterRepeat.map((e) => e.payload.documentId)).size;
  if (http.statuses.size !== 1 || !http.statuses.has(200)) console.log(`  publish statuses: ${JSON.stringify([...http.statuses])}`);

  return {
    publishPerSec: ids.length / ((lastPublished - publishStart) / 1000),
    publishHttpP50: pct(http.ms, 50),
    publishHttpP99: pct(http.ms, 99),
    publishToBusP99: pct(published.map((e) => e.storedAtMs - Date.parse(e.payload.publishedAt)), 99),
    publishLost: ids.length - distinctPublished,
    publishDuplicated: afterRepeat.length - distinctPublished + repeatedNew,
  };
}

async function run(index: number): Promise<RunResult> {
  const prefix = uniqueName('ibench');
  const schema = uniqueName('ibench');
  const replicas = [await startServiceProcess(prefix, schema)];
  while (replicas.length < REPLICAS) replicas.push(await startServiceProcess(prefix, schema, false));
  const bus = await BenchBus.open(prefix);
  try {
    // 1. Flood.
    const firstSend = await flood(bus, `R${index}F`);
    await waitForRelayed(schema, 'inbox.document.received.v1', 'company-a', DOCS + REDELIVERED, 30_000);
    const received = await readEvents<Received>(bus, 'inbox.document.received.v1', 'company-a');
    const lastStored = Math.max(...received.map((e) => e.storedAtMs));
    const flooded = await countRows(schema, 'company-a');
    const floodLatency = received.map((e) => e.storedAtMs - Date.parse(e.payload.receivedAt));
    const handler = await handlerTime(replicas[0]?.url ?? '', 'gateway.document.received.v1');

    // 2. Paced.
    await paced(bus, `R${index}P`);
    await waitForRelayed(schema, 'inbox.document.received.v1', 'company-b', DOCS, 30_000);
    const pacedEvents = await readEvents<Received>(bus, 'inbox.document.received.v1', 'company-b');
    const pacedLatency = pacedEvents.map((e) => e.storedAtMs - Date.parse(e.payload.receivedAt));
    const pacedRows = await countRows(schema, 'company-b');

    // 3. Publish.
    const pub = PUBLISH ? await publishPhase(schema, replicas, bus) : NO_PUBLISH;

    const result: RunResult = {
      ingestPerSec: (DOCS + REDELIVERED) / ((lastStored - firstSend) / 1000),
      ingestP50: pct(pacedLatency, 50),
      ingestP99: pct(pacedLatency, 99),
      floodP99: pct(floodLatency, 99),
      handlerMeanMs: handler.meanMs,
      handlerP99BoundMs: handler.p99BoundMs,
      ingestLost: DOCS - flooded.distinct + (DOCS - pacedRows.distinct),
      ingestDuplicated: flooded.documents - flooded.distinct + (pacedRows.documents - pacedRows.distinct),
      receiptsMissing: DOCS + REDELIVERED - flooded.receipts,
      ...pub,
    };
    console.log(
      `run ${index + 1}: ingest ${result.ingestPerSec.toFixed(0)} deliveries/s (flood p99 ${result.floodP99.toFixed(0)} ms; ` +
        `in the handler mean ${result.handlerMeanMs.toFixed(1)} ms, p99 <= ${result.handlerP99BoundMs} ms), ` +
        `paced ${RATE}/s p50 ${result.ingestP50.toFixed(0)} ms p99 ${result.ingestP99.toFixed(0)} ms, ` +
        `lost ${result.ingestLost} dup ${result.ingestDuplicated} receipts missing ${result.receiptsMissing}; ` +
        `publish ${result.publishPerSec.toFixed(0)} docs/s (HTTP p50 ${result.publishHttpP50.toFixed(0)} p99 ${result.publishHttpP99.toFixed(0)} ms, ` +
        `commit→bus p99 ${result.publishToBusP99.toFixed(0)} ms) lost ${result.publishLost} dup ${result.publishDuplicated}`,
    );
    return result;
  } finally {
    await bus.close();
    for (const r of replicas) await r.stop();
    await dropSchema(schema);
    await dropStreams(prefix);
  }
}

async function main(): Promise<void> {
  console.log(`inbox bench: ${DOCS} documents per phase, ${RUNS} runs, ${REPLICAS} service process(es), ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const results: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) results.push(await run(i));
  const col = (k: keyof RunResult, d = 0): string => spread(results.map((r) => r[k]), d);
  console.log('\nmedian (min–max) over runs');
  console.log(`  ingest throughput (flood)      ${col('ingestPerSec')} deliveries/s   target >= 500`);
  console.log(`  ingest latency at ${RATE}/s      p50 ${col('ingestP50')} ms, p99 ${col('ingestP99')} ms   target p99 < 500`);
  console.log(`  ingest latency under the flood p99 ${col('floodP99')} ms (queueing behind the backlog)`);
  console.log(`  ingest time in the handler     mean ${col('handlerMeanMs', 1)} ms, p99 <= ${col('handlerP99BoundMs')} ms (histogram bucket)`);
  console.log(`  ingest lost / duplicated       ${col('ingestLost')} / ${col('ingestDuplicated')} (receipts missing ${col('receiptsMissing')})`);
  console.log(`  publish throughput             ${col('publishPerSec')} docs/s (HTTP p50 ${col('publishHttpP50')} ms, p99 ${col('publishHttpP99')} ms)`);
  console.log(`  publish commit → bus p99       ${col('publishToBusP99')} ms`);
  console.log(`  publish lost / duplicated      ${col('publishLost')} / ${col('publishDuplicated')}`);
  console.log(`  cores ${cpus().length}, load after ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
