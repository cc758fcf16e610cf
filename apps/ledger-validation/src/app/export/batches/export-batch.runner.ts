import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ExportTarget } from '../adapters/ledger-export-adapter.port';
import { EXPORT_SETTINGS, type ExportSettings } from '../export-settings';
import { ExportEntryUseCase, type ExportPacer } from './export-entry.usecase';

interface ClaimedBatch {
  id: string;
  company_id: string;
  target: ExportTarget;
}

/**
 * Works through export batches. A batch is claimed with a lease (`FOR UPDATE SKIP LOCKED`),
 * so replicas share the work and a batch whose worker died is taken over once its lease
 * ends. A rate limit longer than the bounded wait parks the batch (`waiting` until
 * `resume_at`); the poll picks it up again then, with the entries not yet done.
 */
@Injectable()
export class ExportBatchRunner implements OnApplicationBootstrap, OnApplicationShutdown, ExportPacer {
  private readonly logger = new Logger('LedgerExportRunner');
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly exportEntry: ExportEntryUseCase,
    @Inject(EXPORT_SETTINGS) private readonly settings: ExportSettings,
  ) {}

  get stopping(): boolean {
    return this.stopped;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.settings.pollMs);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const wake of this.sleepers) wake();
    await this.draining;
  }

  /** Look for work now (after a new batch, and on every poll). */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.logger.error(`export worker failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** A wait that ends early when the service stops. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const batch = await this.claim();
      if (!batch) return;
      await this.process(batch);
    }
  }

  private async claim(): Promise<ClaimedBatch | undefined> {
    const rows = (await this.dataSource.query(
      `WITH c AS (
         UPDATE export_batch b SET status = 'running', lease_until = now() + make_interval(secs => $1),
           started_at = coalesce(b.started_at, now()), resume_at = NULL, note = NULL
         WHERE b.id = (
           SELECT id FROM export_batch
           WHERE status = 'queued' OR (status = 'waiting' AND resume_at <= now()) OR (status = 'running' AND lease_until < now())
           ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING b.id, b.company_id, b.target
       ) SELECT * FROM c`,
      [this.leaseSeconds()],
    )) as ClaimedBatch[];
    return rows[0];
  }

  private async process(batch: ClaimedBatch): Promise<void> {
    const pending = (await this.dataSource.query(
      `SELECT entry_id FROM export_item WHERE batch_id = $1 AND status = 'pending' ORDER BY position`,
      [batch.id],
    )) as { entry_id: string }[];
    const ref = { id: batch.id, companyId: batch.company_id, target: batch.target };
    for (const { entry_id } of pending) {
      if (this.stopped) return this.release(batch.id);
      await this.dataSource.query(`UPDATE export_batch SET lease_until = now() + make_interval(secs => $2) WHERE id = $1`, [batch.id, this.leaseSeconds()]);
      const outcome = await this.exportEntry.execute(ref, entry_id, this);
      if (outcome.kind === 'wait') return this.park(batch.id, outcome.ms, outcome.note);
      const pause = outcome.pauseMs ?? 0;
      if (pause > this.settings.rateLimitMaxWaitMs) return this.park(batch.id, pause, `${batch.target} quota for now is used up`);
      if (pause > 0) await this.sleep(pause);
    }
    await this.dataSource.query(
      `UPDATE export_batch SET status = 'done', finished_at = now(), lease_until = NULL, note = NULL WHERE id = $1`,
      [batch.id],
    );
  }

  /** Rate limited beyond the bounded wait: the batch continues at `resume_at`, on any replica. */
  private async park(batchId: string, ms: number, note: string): Promise<void> {
    this.logger.warn(`export batch ${batchId} waits ${Math.ceil(ms / 1000)} s: ${note}`);
    await this.dataSource.query(
      `UPDATE export_batch SET status = 'waiting', resume_at = now() + make_interval(secs => $2), note = $3, lease_until = NULL WHERE id = $1`,
      [batchId, ms / 1000, note.slice(0, 1000)],
    );
  }

  /** Shutdown between entries: the batch goes back to the queue for the next worker. */
  private async release(batchId: string): Promise<void> {
    await this.dataSource.query(`UPDATE export_batch SET status = 'queued', lease_until = NULL WHERE id = $1`, [batchId]);
  }

  private leaseSeconds(): number {
    const s = this.settings;
    return (s.maxAttempts * (3 * s.timeoutMs + s.backoffMs * 2 ** s.maxAttempts) + 5 * s.rateLimitMaxWaitMs + 60_000) / 1000;
  }
}
