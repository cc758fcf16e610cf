import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ExportTarget } from '../adapters/ledger-export-adapter.port';
import { ExportCredential } from '../credentials/export-credential.entity';
import { EXPORT_SETTINGS, type ExportSettings } from '../export-settings';
import { EXPORTABLE_ENTRY_SOURCE, type ExportableEntrySource } from '../ports/exportable-entry-source.port';
import { ExportBatch } from './export-batch.entity';
import { ExportBatchRunner } from './export-batch.runner';
import { ExportItem } from './export-item.entity';
import { ExportBatchesQuery } from './export-batches.query';
import type { ExportBatchView } from './export-views.dto';

export interface StartExportCommand {
  companyId: string;
  target: ExportTarget;
  /** One entry; without it every confirmed entry of the company (up to the batch limit). */
  entryId?: string;
  requestedBy?: string;
}

/**
 * Creates an export batch and hands it to the workers. Problems a person can fix before
 * anything is sent (no credentials, an entry that is not confirmed) are refused at once
 * (409); everything else is recorded per entry in the batch.
 */
@Injectable()
export class StartExportUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: ExportBatchRunner,
    private readonly batches: ExportBatchesQuery,
    @Inject(EXPORTABLE_ENTRY_SOURCE) private readonly source: ExportableEntrySource,
    @Inject(EXPORT_SETTINGS) private readonly settings: ExportSettings,
  ) {}

  async execute(command: StartExportCommand): Promise<ExportBatchView> {
    const { companyId, target } = command;
    const hasCredentials = await this.dataSource.getRepository(ExportCredential).existsBy({ companyId, target });
    if (!hasCredentials) throw new ConflictException(`No ${target} credentials are stored for company ${companyId}; store them first`);
    let entryIds: string[];
    if (command.entryId) {
      const entry = await this.source.load(companyId, command.entryId);
      if (!entry) throw new NotFoundException(`Company ${companyId} has no journal entry ${command.entryId}`);
      if (entry.status !== 'confirmed') {
        throw new ConflictException(`Entry ${entry.number} is ${entry.status}; only confirmed entries are exported`);
      }
      entryIds = [entry.entryId];
    } else {
      entryIds = await this.source.listConfirmedIds(companyId, this.settings.batchMaxEntries);
    }
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(ExportBatch).insert({
        id,
        companyId,
        target,
        scope: command.entryId ? 'entry' : 'all-confirmed',
        status: entryIds.length ? 'queued' : 'done',
        requestedBy: command.requestedBy ?? null,
        total: entryIds.length,
        exported: 0,
        failed: 0,
        skipped: 0,
        ...(entryIds.length ? {} : { finishedAt: new Date() }),
      });
      const rows = entryIds.map((entryId, position) => ({ batchId: id, entryId, companyId, position, status: 'pending' as const, attempts: 0, warnings: [] }));
      for (let i = 0; i < rows.length; i += 1000) await manager.getRepository(ExportItem).insert(rows.slice(i, i + 1000));
    });
    if (entryIds.length) this.runner.kick();
    return this.batches.get(companyId, id);
  }
}
