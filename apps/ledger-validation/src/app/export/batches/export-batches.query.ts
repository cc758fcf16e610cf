import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EntryExportRepository } from './entry-export.repository';
import { ExportBatch } from './export-batch.entity';
import { ExportItem } from './export-item.entity';
import type { EntryExportView, ExportBatchView, ExportItemView } from './export-views.dto';

/** Read side of the export: batches with their results, and each entry's journals per target. */
@Injectable()
export class ExportBatchesQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly entryExports: EntryExportRepository,
  ) {}

  async list(companyId: string, limit = 50): Promise<ExportBatchView[]> {
    const rows = await this.dataSource.getRepository(ExportBatch).find({ where: { companyId }, order: { createdAt: 'DESC' }, take: limit });
    return rows.map(batchView);
  }

  async get(companyId: string, batchId: string): Promise<ExportBatchView> {
    const batch = await this.dataSource.getRepository(ExportBatch).findOneBy({ companyId, id: batchId });
    if (!batch) throw new NotFoundException(`Company ${companyId} has no export batch ${batchId}`);
    const items = await this.dataSource.getRepository(ExportItem).find({ where: { batchId }, order: { position: 'ASC' } });
    return { ...batchView(batch), items: items.map(itemView) };
  }

  async forEntry(companyId: string, entryId: string): Promise<EntryExportView[]> {
    const rows = await this.entryExports.list(companyId, entryId);
    return rows.map((r) => ({
      target: r.target,
      entryId: r.entryId,
      entryNumber: r.entryNumber,
      state: r.state,
      idempotencyKey: r.idempotencyKey,
      ...(r.externalId ? { externalId: r.externalId } : {}),
      ...(r.externalNumber ? { externalNumber: r.externalNumber } : {}),
      ...(r.lastError ? { lastError: r.lastError } : {}),
      ...(r.exportedAt ? { exportedAt: r.exportedAt.toISOString() } : {}),
    }));
  }
}

function batchView(b: ExportBatch): ExportBatchView {
  return {
    id: b.id,
    target: b.target,
    scope: b.scope,
    status: b.status,
    total: b.total,
    exported: b.exported,
    failed: b.failed,
    skipped: b.skipped,
    ...(b.note ? { note: b.note } : {}),
    ...(b.resumeAt ? { resumeAt: b.resumeAt.toISOString() } : {}),
    createdAt: b.createdAt.toISOString(),
    ...(b.startedAt ? { startedAt: b.startedAt.toISOString() } : {}),
    ...(b.finishedAt ? { finishedAt: b.finishedAt.toISOString() } : {}),
  };
}

function itemView(i: ExportItem): ExportItemView {
  return {
    entryId: i.entryId,
    ...(i.entryNumber ? { entryNumber: i.entryNumber } : {}),
    status: i.status,
    attempts: i.attempts,
    ...(i.externalId ? { externalId: i.externalId } : {}),
    ...(i.externalNumber ? { externalNumber: i.externalNumber } : {}),
    ...(i.errorClass ? { errorClass: i.errorClass } : {}),
    ...(i.errorMessage ? { errorMessage: i.errorMessage } : {}),
    ...(i.errorDetails && Object.keys(i.errorDetails).length ? { errorDetails: i.errorDetails } : {}),
    warnings: i.warnings,
    updatedAt: i.updatedAt.toISOString(),
  };
}
