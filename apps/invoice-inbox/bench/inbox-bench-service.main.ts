/**
 * The invoice-inbox service in its own process for `npm run bench:inbox` (forked by
 * inbox.bench.ts), so the load generator does not share its event loop. Migrations and
 * provisioning are applied here; IPC: `ready` with the URL, then `stop`.
 */
import 'reflect-metadata';
import { startTestService } from '@hub/testing';
import { invoiceInbox } from '../src/app/invoice-inbox.service';

/** BENCH_COUNT_QUERIES=1: counts SQL statements by their first words, printed at stop. */
function countQueries(): Map<string, number> {
  const counts = new Map<string, number>();
  if (!process.env['BENCH_COUNT_QUERIES']) return counts;
  const pg = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '?');
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 60);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return original.apply(this, args);
  };
  return counts;
}

const TUNING = ['MESSAGING_CONCURRENCY', 'MESSAGING_BATCH_SIZE', 'MESSAGING_GROUP_SIZE', 'MESSAGING_BATCH_BUDGET_MS', 'OUTBOX_RELAY_BATCH_SIZE'] as const;

async function main(): Promise<void> {
  const counts = countQueries();
  const prefix = process.env['BENCH_PREFIX'] ?? '';
  const schema = process.env['BENCH_SCHEMA'] ?? '';
  const svc = await startTestService(invoiceInbox, {
    prefix,
    schema,
    // Only the first replica migrates and provisions; the others join the same schema and consumers.
    fresh: process.env['BENCH_FRESH'] !== '0',
    env: {
      LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn',
      DATABASE_POOL_SIZE: process.env['BENCH_POOL_SIZE'] ?? '20',
      ...(process.env['BENCH_DATABASE_URL'] ? { DATABASE_URL: process.env['BENCH_DATABASE_URL'] } : {}),
      // Consumer / relay tuning as in production (see ServiceEnv), when set for the bench.
      ...Object.fromEntries(TUNING.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : []))),
    },
  });
  const startup = process.cpuUsage();
  process.on('message', (command: { type: string }) => {
    if (command.type !== 'stop') return;
    for (const [k, v] of [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) process.stdout.write(`${String(v).padStart(8)} ${k}\n`);
    // CPU time of the service itself (independent of how busy the machine was).
    const cpu = process.cpuUsage(startup);
    process.stdout.write(`  service CPU after start-up: user ${(cpu.user / 1e6).toFixed(1)} s, system ${(cpu.system / 1e6).toFixed(1)} s\n`);
    void svc.close().then(() => process.exit(0));
  });
  process.send?.({ type: 'ready', url: svc.url });
}

main().catch((error: unknown) => {
  process.stderr.write(`inbox bench service failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
