/**
 * `npm run bench:ledger`: 1,000,000 journal rows (100,000 entries × 10 rows) of one company,
 * 1,000 rules (500 addresses, 350 account rules, 150 exclusions over 300 accounts and 40
 * project groups), against the real Postgres (TEST_DATABASE_URL, own schema, dropped after).
 * Times: the engine in memory (compiled vs the naive baseline, same rows), the validation
 * run end to end from Postgres (read, judge, write statuses / failures / audit / outbox
 * events), and the three CSV reports streamed from Postgres. Prints medians, spread and peak memory.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { availableParallelism, loadavg } from 'node:os';
import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { OutboxWriter, type MessagingOptions } from '@hub/messaging';
import { runMigrations } from '@hub/persistence';
import { loadEnv } from '@hub/platform';
import { serviceDataSourceConfig } from '@hub/service-kit';
import {
  TEST_API_TOKENS,
  TEST_CREDENTIALS_KEY,
  TEST_DATABASE_URL,
  uniqueName,
} from '@hub/testing';
import { randomLedger } from '../test/random-ledger';
import { CompiledRuleSet } from '../src/app/engine/compiled-rule-set';
import { NaiveRuleSet } from '../src/app/engine/naive-rule-set';
import type {
  RowFailure,
  RowValidator,
} from '../src/app/engine/rule-set.model';
import {
  LedgerValidationEnv,
  ledgerValidation,
} from '../src/app/ledger-validation.service';
import {
  entriesReport,
  type LineSink,
  missingGroupsReport,
  summaryReport,
} from '../src/app/reports/reports';
import { RuleSetStore } from '../src/app/rules/rule-set.store';
import { SettingsStore } from '../src/app/settings/settings.store';
import { FailureMailer } from '../src/app/validation/failure-mailer';
import { ValidationResultsWriter } from '../src/app/validation/validation-results.writer';
import { type RunPhases, ValidationRunUseCase } from '../src/app/validation/validation-run.usecase';
import { loadBenchLedger } from './bench-loader';

const ENTRIES = Number(process.env['BENCH_ENTRIES'] ?? 100_000);
const ROWS_PER_ENTRY = 10;
const REPEATS = Number(process.env['BENCH_REPEATS'] ?? 3);
const COMPANY = 'bench';
const SHAPE = {
  accounts: 300,
  groups: 40,
  addresses: 500,
  accountRules: 350,
  exclusions: 150,
};

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Samples RSS and heap while a phase runs. */
class MemoryWatch {
  peakRss = 0;
  peakHeap = 0;
  private timer?: NodeJS.Timeout;
  start(): void {
    gc();
    this.peakRss = 0;
    this.peakHeap = 0;
    const sample = (): void => {
      const m = process.memoryUsage();
      this.peakRss = Math.max(this.peakRss, m.rss);
      this.peakHeap = Math.max(this.peakHeap, m.heapUsed);
    };
    sample();
    this.timer = setInterval(sample, 20);
  }
  stop(): string {
    clearInterval(this.timer);
    return `peak RSS ${mb(this.peakRss)}, peak heap ${mb(this.peakHeap)}`;
  }
}

/**
 * CPU seconds used so far by the Postgres backends serving this bench (found by application
 * name, read from /proc): with other work on the machine, wall time alone says little.
 * Undefined where /proc cannot be read.
 */
async function postgresCpu(ds: DataSource): Promise<Map<number, number> | undefined> {
  const rows = (await ds.query(`SELECT pid FROM pg_stat_activity WHERE application_name = current_setting('application_name')`)) as { pid: number }[];
  const cpu = new Map<number, number>();
  try {
    for (const { pid } of rows) {
      // Fields 14 and 15 (utime, stime) in clock ticks (100 per second on Linux), after the command name in parentheses.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    }
  } catch {
    return undefined;
  }
  return cpu;
}

function cpuSince(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | undefined {
  if (!before || !after) return undefined;
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total * 1000;
}

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');
const mb = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const spread = (xs: number[]): string =>
  `min ${(Math.min(...xs) / 1000).toFixed(2)} s, max ${(Math.max(...xs) / 1000).toFixed(2)} s`;

let benchDataSource: DataSource | undefined;

async function timed(
  label: string,
  repeats: number,
  target: number | undefined,
  fn: () => Promise<unknown> | unknown,
  before?: () => Promise<void>,
): Promise<number> {
  const times: number[] = [];
  const cpu: number[] = [];
  const pgCpu: number[] = [];
  const watch = new MemoryWatch();
  let peak = '';
  for (let i = 0; i < repeats; i++) {
    await before?.();
    watch.start();
    const pgBefore = benchDataSource ? await postgresCpu(benchDataSource) : undefined;
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    const pg = cpuSince(pgBefore, benchDataSource ? await postgresCpu(benchDataSource) : undefined);
    if (pg !== undefined) pgCpu.push(pg);
    peak = watch.stop();
  }
  const m = median(times);
  const verdict =
    target === undefined
      ? ''
      : m <= target
        ? `  ✓ target ≤ ${target / 1000} s`
        : `  ✗ target ≤ ${target / 1000} s`;
  process.stdout.write(
    `${label.padEnd(46)} median ${(m / 1000).toFixed(2)} s (${spread(times)}, n=${repeats}); CPU median: this process ${(median(cpu) / 1000).toFixed(2)} s, Postgres ${pgCpu.length > 0 ? `${(median(pgCpu) / 1000).toFixed(2)} s` : 'n/a'}; ${peak}; load average ${load()}${verdict}\n`,
  );
  return m;
}

class CountingSink implements LineSink {
  readonly closed = false;
  bytes = 0;
  lines = 0;
  async line(text: string | Buffer): Promise<void> {
    // Bytes, as the HTTP response would send them.
    const bytes = typeof text === 'string' ? Buffer.from(text) : text;
    this.bytes += bytes.length;
    for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1))
      this.lines++;
  }
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const schema = uniqueName('bench_ledger');
  const env = loadEnv(LedgerValidationEnv, {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    API_TOKENS: TEST_API_TOKENS,
    CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
    LOG_LEVEL: 'warn',
  });
  process.stdout.write(
    `ledger bench: ${ENTRIES * ROWS_PER_ENTRY} rows in ${ENTRIES} entries, ${Object.values(
      SHAPE,
    )
      .slice(2)
      .reduce(
        (a, b) => a + b,
      )} rules; ${availableParallelism()} cores; load average ${load()}; Node ${process.version}; schema ${schema}\n`,
  );
  await runMigrations(serviceDataSourceConfig(ledgerValidation, env));
  // The service's pool (DATABASE_POOL_SIZE), not the 2 connections migrations get: a run reads
  // and writes batches on several connections at once.
  const ds = new DataSource({ ...(serviceDataSourceConfig(ledgerValidation, env) as Extract<DataSourceOptions, { type: 'postgres' }>), poolSize: env.DATABASE_POOL_SIZE });
  await ds.initialize();
  benchDataSource = ds;
  try {
    const ledger = randomLedger(2026, SHAPE);
    const rules = new RuleSetStore(ds);
    await rules.create(
      COMPANY,
      { effectiveFrom: '2020-01-01', rules: ledger.rules },
      'bench',
    );
    const compiledForLoad = new CompiledRuleSet({
      version: 1,
      effectiveFrom: '2020-01-01',
      rules: ledger.rules,
    });

    const t = performance.now();
    await loadBenchLedger(
      ds,
      COMPANY,
      ledger,
      compiledForLoad,
      ENTRIES,
      ROWS_PER_ENTRY,
    );
    process.stdout.write(
      `loaded in ${((performance.now() - t) / 1000).toFixed(1)} s (not part of any figure)\n\n`,
    );

    // Engine in memory: the same rows for both engines (BENCH_ENGINE=0 skips it, e.g. to run the
    // database phases under NODE_OPTIONS=--max-old-space-size=160 and show their memory is bounded).
    const rows =
      process.env['BENCH_ENGINE'] === '0'
        ? []
        : Array.from({ length: ENTRIES * ROWS_PER_ENTRY }, () => ledger.row());
    if (rows.length > 0) {
      const version = {
        version: 1,
        effectiveFrom: '2020-01-01',
        rules: ledger.rules,
      };
      const runEngine = (validator: RowValidator): number => {
        const out: RowFailure[] = [];
        let invalid = 0;
        for (let i = 0; i < rows.length; i++) {
          out.length = 0;
          const r = rows[i]!;
          if (
            !validator.validateRow(
              r.accountNumber,
              r.groups,
              1 + (i % ROWS_PER_ENTRY),
              out,
            )
          )
            invalid++;
        }
        return invalid;
      };
      const compiledMs = await timed(
        'engine in memory, compiled (incl. compile)',
        REPEATS,
        10_000,
        () => runEngine(new CompiledRuleSet(version)),
      );
      const naiveMs = await timed(
        'engine in memory, naive baseline',
        1,
        undefined,
        () => runEngine(new NaiveRuleSet(version)),
      );
      process.stdout.write(
        `naive / compiled ratio: ${(naiveMs / compiledMs).toFixed(1)}x (random rows: ${runEngine(new CompiledRuleSet(version))} of ${rows.length} invalid)\n\n`,
      );
      rows.length = 0;
    }

    // End to end from Postgres.
    const options: MessagingOptions = {
      service: 'ledger-validation',
      natsUrl: env.NATS_URL,
      prefix: '',
    };
    const writer = new ValidationResultsWriter(
      new OutboxWriter(options),
    );
    const runs = new ValidationRunUseCase(
      ds,
      rules,
      new SettingsStore(ds, env),
      writer,
      new FailureMailer(env),
    );
    let last: Awaited<ReturnType<ValidationRunUseCase['run']>> | undefined;
    const phaseRuns: RunPhases[] = [];
    await timed(
      'validation run from Postgres (read+judge+write)',
      REPEATS,
      10_000,
      async () => {
        const phases: RunPhases = { readAndJudge: 0, waitForRead: 0, write: 0, batches: 0 };
        last = await runs.run(COMPANY, 'manual', { notify: false, phases });
        phaseRuns.push(phases);
      },
      async () => {
        await ds.query(
          `UPDATE journal_entry SET status = 'unconfirmed', validated_at = NULL, validated_version = NULL, failure_count = 0 WHERE status <> 'unconfirmed'`,
        );
        await ds.query(
          `TRUNCATE entry_failure, outbox_message, validation_run`,
        );
        await ds.query(
          `DELETE FROM status_change WHERE actor = 'system:validation'`,
        );
        await ds.query(
          `VACUUM ANALYZE journal_entry, journal_row, status_change`,
        );
      },
    );
    process.stdout.write(
      `  last run: checked ${last?.checked}, confirmed ${last?.confirmed}, rejected ${last?.rejected}, failures ${last?.failures}\n`,
    );
    const phase = (key: Exclude<keyof RunPhases, 'batches'>): string => `${(median(phaseRuns.map((p) => p[key])) / 1000).toFixed(2)} s`;
    process.stdout.write(
      `  phases (median over runs; reads and writes overlap): read+judge ${phase('readAndJudge')} in all, writes ${phase('write')} in all (up to 2 at once), waiting for reads ${phase('waitForRead')}, ${phaseRuns[0]?.batches ?? 0} batches\n`,
    );

    const judge = () => rules.judge(COMPANY);
    const columns = [
      { type: 'account-number' as const },
      { type: 'account-name' as const },
      { type: 'project-group' as const, group: 'G1' },
      { type: 'project-group' as const, group: 'G2' },
      { type: 'vat-code' as const },
      { type: 'customer' as const },
    ];
    for (const [name, report] of [
      [
        'report (a) all entries',
        (s: LineSink) => entriesReport(ds, COMPANY, {}, s),
      ],
      [
        'report (b) summary (koond), 6 columns',
        async (s: LineSink) =>
          summaryReport(ds, COMPANY, {}, columns, await judge(), s),
      ],
      [
        'report (c) missing groups, all statuses',
        async (s: LineSink) =>
          missingGroupsReport(ds, COMPANY, {}, await judge(), s),
      ],
    ] as const) {
      let sink = new CountingSink();
      await timed(name, REPEATS, 10_000, async () => {
        sink = new CountingSink();
        await report(sink);
      });
      process.stdout.write(`  ${sink.lines} lines, ${mb(sink.bytes)}\n`);
    }
    process.stdout.write(`peak RSS of the whole bench process: ${mb(process.resourceUsage().maxRSS * 1024)}\n`);
  } finally {
    await ds.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await ds.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
