import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RowFailure } from '../engine/rule-set.model';
import { RuleSetStore } from '../rules/rule-set.store';
import { SettingsStore } from '../settings/settings.store';
import { returning } from '../shared/sql';
import { LedgerSnapshot } from '../shared/ledger-snapshot';
import { JUDGED_COLUMNS, judgeRows } from './entry-judging';
import { FailureMailer, type MailedFailure } from './failure-mailer';
import { type EntryVerdict, type RunTrigger, ValidationResultsWriter } from './validation-results.writer';

/** Batches written at once, each in its own transaction and connection. */
const WRITERS = 2;
/** Failures listed in the mail; the rest are counted and left to the missing-groups report. */
export const MAIL_FAILURE_LIMIT = 1_000;

/**
 * Where a run's time went, in milliseconds, for the benchmark and for tuning: the next batch
 * is read and judged while the current one is written, so `readAndJudge` and `write` overlap;
 * `waitForRead` is how long the run stood waiting for a batch to be read.
 */
export interface RunPhases {
  readAndJudge: number;
  waitForRead: number;
  write: number;
  batches: number;
}

export interface RunSummary {
  runId: string;
  companyId: string;
  trigger: RunTrigger;
  startedAt: string;
  finishedAt: string;
  checked: number;
  confirmed: number;
  rejected: number;
  failures: number;
  mailStatus: string;
}

/**
 * Validates every unconfirmed entry of a company: keyset batches of entries (constant
 * memory), each judged by the rules of its date and written back in one transaction per
 * batch. One run per company at a time (advisory lock); when entries fail, the company's
 * recipients get one mail listing the failures.
 */
@Injectable()
export class ValidationRunUseCase {
  private readonly logger = new Logger('ValidationRun');

  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RuleSetStore,
    private readonly settings: SettingsStore,
    private readonly writer: ValidationResultsWriter,
    private readonly mailer: FailureMailer,
  ) {}

  async run(companyId: string, trigger: RunTrigger, options: { notify?: boolean; phases?: RunPhases } = {}): Promise<RunSummary> {
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      const [{ locked }] = (await lock.query(`SELECT pg_try_advisory_lock(hashtext(current_schema() || ':run:' || $1)) AS locked`, [
        companyId,
      ])) as [{ locked: boolean }];
      if (!locked) throw new ConflictException(`a validation run for ${companyId} is already in progress`);
      try {
        return await this.runLocked(companyId, trigger, options.notify ?? true, options.phases);
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtext(current_schema() || ':run:' || $1))`, [companyId]);
      }
    } finally {
      await lock.release();
    }
  }

  private async runLocked(companyId: string, trigger: RunTrigger, notify: boolean, phases: RunPhases = { readAndJudge: 0, waitForRead: 0, write: 0, batches: 0 }): Promise<RunSummary> {
    const runId = randomUUID();
    const startedAt = new Date();
    await this.dataSource.query(`INSERT INTO validation_run (id, company_id, trigger, started_at) VALUES ($1, $2, $3, $4)`, [
      runId,
      companyId,
      trigger,
      startedAt,
    ]);
    const totals = { checked: 0, confirmed: 0, rejected: 0, failures: 0 };
    const mailed: MailedFailure[] = [];
    try {
      const judge = await this.rules.judge(companyId);
      // The unconfirmed entries are read from one snapshot, their rows sorted once by
      // Postgres behind a cursor (as the reports read them: one pass over the table rather
      // than an index lookup per entry), the next batch fetched while this one is judged.
      // Up to WRITERS batches are written at once, each in its own transaction (Postgres then
      // works on more than one core); a batch's writes touch only its own entries, and skip an
      // entry that changed after the snapshot (it waits for the next run).
      const writing = new Set<Promise<void>>();
      let failed: { error: unknown } | undefined;
      const write = (verdicts: EntryVerdict[]): void => {
        // Mailed failures are taken here, in reading order, whichever batch commits first.
        for (const v of verdicts) for (const f of v.failures) if (mailed.length < MAIL_FAILURE_LIMIT) mailed.push(mailedFailure(v, f));
        const started = performance.now();
        const done = this.dataSource
          .transaction((manager) => this.writer.apply(manager, companyId, verdicts, trigger, runId))
          .then(
            (applied) => {
              phases.write += performance.now() - started;
              phases.batches++;
              totals.checked += verdicts.length;
              totals.confirmed += applied.confirmed;
              totals.rejected += applied.rejected;
              for (const v of verdicts) totals.failures += v.failures.length;
            },
            (error: unknown) => {
              failed ??= { error };
            },
          )
          .finally(() => writing.delete(done));
        writing.add(done);
      };
      try {
        await LedgerSnapshot.run(this.dataSource, async (snapshot) => {
          const batches = snapshot.batches(companyId, { statuses: ['unconfirmed'] }, JUDGED_COLUMNS);
          for (;;) {
            const waited = performance.now();
            const next = await batches.next();
            const read = performance.now();
            phases.waitForRead += read - waited;
            if (next.done) return;
            const verdicts = await judgeRows(next.value.entries, next.value.rows, judge);
            phases.readAndJudge += performance.now() - waited;
            write(verdicts);
            while (writing.size >= WRITERS) await Promise.race(writing);
            if (failed) {
              await batches.return(undefined);
              throw failed.error;
            }
          }
        });
      } finally {
        // Batches already being written finish (or fail) before the run is recorded.
        await Promise.all(writing);
      }
      if (failed) throw failed.error;
    } catch (error) {
      await this.finish(runId, totals, 'not sent: the run failed', error instanceof Error ? error.message : String(error));
      throw error;
    }
    let mailStatus = 'not needed: no failures';
    if (totals.rejected > 0 && trigger !== 'arrival') {
      mailStatus = notify ? await this.mail(companyId, runId, trigger, totals, mailed) : 'not requested';
    }
    const finishedAt = await this.finish(runId, totals, mailStatus, null);
    this.logger.log({ runId, companyId, trigger, ...totals, mailStatus }, 'validation run finished');
    return { runId, companyId, trigger, startedAt: startedAt.toISOString(), finishedAt, ...totals, mailStatus };
  }

  private async mail(companyId: string, runId: string, trigger: RunTrigger, totals: { rejected: number; failures: number }, failures: MailedFailure[]): Promise<string> {
    const { notifyEmails } = await this.settings.get(companyId);
    if (notifyEmails.length === 0) return 'not sent: the company has no notification addresses';
    try {
      return await this.mailer.send({ companyId, runId, trigger, to: notifyEmails, rejectedEntries: totals.rejected, totalFailures: totals.failures, failures });
    } catch (error) {
      // The run's results stand; the failed mail is recorded and logged, not retried here.
      this.logger.error({ err: error, companyId, runId }, 'failure mail could not be sent');
      return `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
    }
  }

  private async finish(runId: string, totals: { checked: number; confirmed: number; rejected: number; failures: number }, mailStatus: string, error: string | null): Promise<string> {
    const [row] = await returning<{ finishedAt: Date }>(
      this.dataSource.manager,
      `UPDATE validation_run SET finished_at = now(), checked = $2, confirmed = $3, rejected = $4, failures = $5, mail_status = $6, error = $7
       WHERE id = $1 RETURNING finished_at AS "finishedAt"`,
      [runId, totals.checked, totals.confirmed, totals.rejected, totals.failures, mailStatus, error],
    );
    return (row ? new Date(row.finishedAt) : new Date()).toISOString();
  }
}

function mailedFailure(entry: { number: string; date: string }, f: RowFailure): MailedFailure {
  return { entryNumber: entry.number, entryDate: entry.date, ...f };
}
