import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ExportError } from '../adapters/export-error';
import {
  type CredentialStore,
  type ExportTarget,
  type ExternalRef,
  LEDGER_EXPORT_ADAPTERS,
  type LedgerExportAdapter,
  type TargetCredentials,
} from '../adapters/ledger-export-adapter.port';
import { ExportCredentialsService } from '../credentials/export-credentials.service';
import { ExportMetrics } from '../export-metrics';
import { EXPORT_SETTINGS, type ExportSettings } from '../export-settings';
import { entryContentHash, exportIdempotencyKey } from '../export-key';
import { ENTRY_LOCKER, type EntryLocker } from '../ports/entry-locker.port';
import { EXPORTABLE_ENTRY_SOURCE, type ExportableEntrySource } from '../ports/exportable-entry-source.port';
import type { ExportableEntry } from '../ports/exportable-entry';
import { EntryExportRepository, type ExportClaim } from './entry-export.repository';
import { ExportItemRepository } from './export-item.repository';

/** What the batch should do after one entry. */
export type EntryOutcome = { kind: 'done'; pauseMs?: number } | { kind: 'wait'; ms: number; note: string };

/** Lets the batch interrupt waits on shutdown. */
export interface ExportPacer {
  sleep(ms: number): Promise<void>;
  readonly stopping: boolean;
}

const MAX_RATE_LIMIT_WAITS = 5;

/**
 * Exports one entry of a batch: only a confirmed entry; the key comes from the entry (or
 * from an earlier attempt with no answer); retryable failures are retried with backoff
 * under the same key; a success records the external id and locks the entry in one
 * transaction; a failure leaves the entry confirmed and records the classified error.
 */
@Injectable()
export class ExportEntryUseCase {
  private readonly logger = new Logger('LedgerExport');

  constructor(
    private readonly dataSource: DataSource,
    private readonly credentials: ExportCredentialsService,
    private readonly exports: EntryExportRepository,
    private readonly items: ExportItemRepository,
    private readonly metrics: ExportMetrics,
    @Inject(EXPORTABLE_ENTRY_SOURCE) private readonly source: ExportableEntrySource,
    @Inject(ENTRY_LOCKER) private readonly locker: EntryLocker,
    @Inject(LEDGER_EXPORT_ADAPTERS) private readonly adapters: ReadonlyMap<ExportTarget, LedgerExportAdapter>,
    @Inject(EXPORT_SETTINGS) private readonly settings: ExportSettings,
  ) {}

  async execute(batch: { id: string; companyId: string; target: ExportTarget }, entryId: string, pacer: ExportPacer): Promise<EntryOutcome> {
    const entry = await this.source.load(batch.companyId, entryId);
    if (!entry) return this.skip(batch, entryId, 'The entry no longer exists');
    if (entry.status !== 'confirmed') {
      return this.skip(batch, entryId, `The entry is ${entry.status}; only confirmed entries are exported`, entry.number);
    }
    await this.items.noteNumber(batch.id, entryId, entry.number);
    const adapter = this.adapters.get(batch.target);
    if (!adapter) return this.fail(batch, entryId, 0, new ExportError('terminal', `No adapter for ${batch.target}`));
    if (entry.rows.length === 0) return this.fail(batch, entryId, 0, new ExportError('terminal', 'The entry has no rows'));
    const credentials = await this.credentials.reveal(batch.companyId, batch.target);
    if (!credentials) {
      return this.fail(batch, entryId, 0, new ExportError('needs-a-person', `No ${batch.target} credentials are stored for the company; store them and export again`));
    }
    const hash = entryContentHash(entry);
    const claim = await this.exports.claim(
      { companyId: batch.companyId, target: batch.target, entryId, entryNumber: entry.number, contentHash: hash, idempotencyKey: exportIdempotencyKey(batch.companyId, entry.number, hash), batchId: batch.id },
      this.leaseMs(),
    );
    if (!claim) return this.skip(batch, entryId, 'Another export of this entry to the same target is running; it will lock the entry', entry.number);
    return this.call(batch, entry, adapter, credentials, claim, pacer);
  }

  private async call(
    batch: { id: string; companyId: string; target: ExportTarget },
    entry: ExportableEntry,
    adapter: LedgerExportAdapter,
    revealed: TargetCredentials,
    claim: ExportClaim,
    pacer: ExportPacer,
  ): Promise<EntryOutcome> {
    // Renewed tokens are stored by the adapter and used by the next attempt.
    let latest = revealed;
    const store: CredentialStore = {
      update: async (change) => {
        const stored = await this.credentials.update(batch.companyId, batch.target, change);
        if (stored) latest = stored;
        return stored;
      },
    };
    let attempts = 0;
    let rateLimitWaits = 0;
    let outcomeUnknown = claim.previousOutcomeUnknown;
    for (;;) {
      attempts++;
      try {
        const ref = await adapter.export(entry, latest, claim.idempotencyKey, store);
        if (claim.reusedOlderKey) {
          ref.warnings.push('An earlier export of this entry got no answer; its key was reused so no second journal is made, and the journal holds the entry as it was then');
        }
        await this.succeed(batch, entry, ref, attempts);
        return { kind: 'done', ...(ref.pauseMs ? { pauseMs: ref.pauseMs } : {}) };
      } catch (thrown) {
        const error = thrown instanceof ExportError ? thrown : new ExportError('retryable', `Unexpected error: ${String(thrown)}`, { outcomeUnknown: true });
        if (error.details.outcomeUnknown) outcomeUnknown = true;
        // The target answered this very key with a refusal: nothing exists under it.
        if (error.errorClass === 'needs-a-person' && [400, 409, 422].includes(error.details.httpStatus ?? 0)) outcomeUnknown = false;
        if (error.rateLimited) {
          const ms = error.details.retryAfterMs ?? 0;
          if (ms <= this.settings.rateLimitMaxWaitMs && rateLimitWaits < MAX_RATE_LIMIT_WAITS && !pacer.stopping) {
            rateLimitWaits++;
            attempts--;
            this.metrics.outcomes.inc({ target: batch.target, outcome: 'rate_limited' });
            await pacer.sleep(ms);
            continue;
          }
          await this.exports.release(batch.companyId, batch.target, entry.entryId, outcomeUnknown ? 'uncertain' : 'not-created', error.message);
          this.metrics.outcomes.inc({ target: batch.target, outcome: 'rate_limited' });
          return { kind: 'wait', ms, note: error.message };
        }
        if (error.errorClass === 'retryable' && attempts < this.settings.maxAttempts && !pacer.stopping) {
          this.logger.warn(`${batch.target} export of entry ${entry.number} failed (attempt ${attempts}), retrying with the same key: ${error.message}`);
          await pacer.sleep(this.settings.backoffMs * 2 ** (attempts - 1));
          continue;
        }
        await this.exports.release(batch.companyId, batch.target, entry.entryId, outcomeUnknown ? 'uncertain' : 'not-created', error.message);
        return this.fail(batch, entry.entryId, attempts, error, entry.number);
      }
    }
  }

  private async succeed(batch: { id: string; companyId: string; target: ExportTarget }, entry: ExportableEntry, ref: ExternalRef, attempts: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.exports.markExported(manager, batch.companyId, batch.target, entry.entryId, ref);
      const locked = await this.locker.lock(manager, batch.companyId, entry.entryId, {
        target: batch.target,
        externalId: ref.externalId,
        ...(ref.externalNumber ? { externalNumber: ref.externalNumber } : {}),
        batchId: batch.id,
      });
      await this.items.exported(manager, batch.id, entry.entryId, {
        attempts,
        externalId: ref.externalId,
        ...(ref.externalNumber ? { externalNumber: ref.externalNumber } : {}),
        warnings: ref.warnings,
        ...(locked === 'not-confirmed'
          ? { problem: `Exported as ${batch.target} journal ${ref.externalId}, but the entry's status changed during the export so it was not locked; check the entry` }
          : {}),
      });
    });
    this.metrics.outcomes.inc({ target: batch.target, outcome: 'exported' });
    this.logger.log(`entry ${entry.number} exported to ${batch.target} as ${ref.externalId}${ref.replayed ? ' (already there)' : ''}`);
  }

  private async fail(batch: { id: string; target: ExportTarget }, entryId: string, attempts: number, error: ExportError, number?: string): Promise<EntryOutcome> {
    await this.items.failed(batch.id, entryId, attempts, error);
    this.metrics.outcomes.inc({ target: batch.target, outcome: error.errorClass });
    this.logger.warn(`${batch.target} export of entry ${number ?? entryId} failed (${error.errorClass}): ${error.message}`);
    return { kind: 'done' };
  }

  private async skip(batch: { id: string }, entryId: string, reason: string, entryNumber?: string): Promise<EntryOutcome> {
    await this.items.skipped(batch.id, entryId, reason, entryNumber);
    return { kind: 'done' };
  }

  /** Long enough for every attempt, its backoff and the rate-limit waits; a dead worker's claim then expires. */
  private leaseMs(): number {
    const s = this.settings;
    return s.maxAttempts * (3 * s.timeoutMs + s.backoffMs * 2 ** s.maxAttempts) + MAX_RATE_LIMIT_WAITS * s.rateLimitMaxWaitMs + 60_000;
  }
}
