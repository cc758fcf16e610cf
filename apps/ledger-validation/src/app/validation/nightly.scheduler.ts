import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_ENV } from '@hub/platform';
import type { LedgerValidationEnv } from '../ledger-validation.env';
import { SettingsStore } from '../settings/settings.store';
import { CLOCK, type Clock, nightlyDue } from './clock';
import { ValidationRunUseCase } from './validation-run.usecase';

export type TickResult = { lock: 'busy' } | { lock: 'acquired'; ran: string[]; failed: string[] };

/**
 * Every minute, in every replica: try the scheduler's advisory lock (per schema, so test
 * schemas do not contend); the replica that holds it runs the companies whose nightly run
 * is due, one after another, and marks each done only after its run finished (a run that
 * crashed is retried at the next tick). The others skip the tick.
 */
@Injectable()
export class NightlyScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NightlyScheduler');
  private timer?: NodeJS.Timeout;
  private current?: Promise<TickResult>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsStore,
    private readonly runs: ValidationRunUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_ENV) private readonly env: LedgerValidationEnv,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.LEDGER_SCHEDULER_ENABLED) return;
    this.timer = setInterval(() => {
      if (this.current) return;
      this.current = this.tick().finally(() => (this.current = undefined));
      this.current.catch((error: unknown) => this.logger.error({ err: error }, 'nightly scheduler tick failed'));
    }, this.env.LEDGER_SCHEDULER_TICK_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.current?.catch(() => undefined);
  }

  /** One scheduler pass at `now` (tests pass their own instant). */
  async tick(now: Date = this.clock.now()): Promise<TickResult> {
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      const [{ locked }] = (await lock.query(`SELECT pg_try_advisory_lock(hashtext(current_schema() || ':nightly-scheduler')) AS locked`)) as [
        { locked: boolean },
      ];
      if (!locked) return { lock: 'busy' };
      try {
        const ran: string[] = [];
        const failed: string[] = [];
        for (const company of await this.settings.nightlyCompanies()) {
          const localDate = nightlyDue(now, company);
          if (!localDate) continue;
          try {
            await this.runs.run(company.companyId, 'nightly');
            await this.settings.markNightlyDone(company.companyId, localDate);
            ran.push(company.companyId);
          } catch (error) {
            failed.push(company.companyId);
            this.logger.error({ err: error, companyId: company.companyId }, 'nightly validation run failed; retried at the next tick');
          }
        }
        return { lock: 'acquired', ran, failed };
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtext(current_schema() || ':nightly-scheduler'))`);
      }
    } finally {
      await lock.release();
    }
  }
}
