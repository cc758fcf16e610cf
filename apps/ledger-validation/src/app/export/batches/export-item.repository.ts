import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ExportError } from '../adapters/export-error';
import { ExportItem } from './export-item.entity';

/** Writes the outcome of one entry in one batch, and keeps the batch's counters in step. */
@Injectable()
export class ExportItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  async exported(
    manager: EntityManager,
    batchId: string,
    entryId: string,
    values: { attempts: number; externalId: string; externalNumber?: string; warnings: string[]; problem?: string },
  ): Promise<void> {
    await manager.getRepository(ExportItem).update(
      { batchId, entryId },
      {
        status: 'exported',
        attempts: values.attempts,
        externalId: values.externalId,
        externalNumber: values.externalNumber ?? null,
        warnings: values.warnings,
        errorClass: values.problem ? 'needs-a-person' : null,
        errorMessage: values.problem ?? null,
        errorDetails: null,
        updatedAt: new Date(),
      },
    );
    await this.recount(manager, batchId);
  }

  async failed(batchId: string, entryId: string, attempts: number, error: ExportError): Promise<void> {
    const { httpStatus, code, problems } = error.details;
    await this.finish(batchId, entryId, {
      status: 'failed',
      attempts,
      errorClass: error.errorClass,
      errorMessage: error.message.slice(0, 4000),
      errorDetails: { ...(httpStatus ? { httpStatus } : {}), ...(code ? { code } : {}), ...(problems?.length ? { problems } : {}) },
    });
  }

  async skipped(batchId: string, entryId: string, reason: string, entryNumber?: string): Promise<void> {
    await this.finish(batchId, entryId, { status: 'skipped', errorMessage: reason, ...(entryNumber ? { entryNumber } : {}) });
  }

  async noteNumber(batchId: string, entryId: string, entryNumber: string): Promise<void> {
    await this.dataSource.getRepository(ExportItem).update({ batchId, entryId }, { entryNumber });
  }

  private async finish(batchId: string, entryId: string, values: Partial<ExportItem>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(ExportItem).update({ batchId, entryId }, { ...values, updatedAt: new Date() });
      await this.recount(manager, batchId);
    });
  }

  private async recount(manager: EntityManager, batchId: string): Promise<void> {
    await manager.query(
      `UPDATE export_batch b SET
         exported = c.exported, failed = c.failed, skipped = c.skipped
       FROM (SELECT count(*) FILTER (WHERE status = 'exported')::int AS exported,
                    count(*) FILTER (WHERE status = 'failed')::int AS failed,
                    count(*) FILTER (WHERE status = 'skipped')::int AS skipped
             FROM export_item WHERE batch_id = $1) c
       WHERE b.id = $1`,
      [batchId],
    );
  }
}
