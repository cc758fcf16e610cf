import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ChangeStatusUseCase } from '../../entries/change-status.usecase';
import type { EntryLocker, LockOutcome, LockReason } from '../ports/entry-locker.port';

/**
 * Locks an exported entry through the entries feature's status use case (audit row and
 * `ledger.entry.locked.v1` through the outbox), inside the export's transaction. Only a
 * confirmed entry is locked: the status use case allows any change, but a person or an
 * ERP update that moved the entry during the export must be told, not overruled.
 */
@Injectable()
export class ChangeStatusEntryLocker implements EntryLocker {
  constructor(private readonly changeStatus: ChangeStatusUseCase) {}

  async lock(manager: EntityManager, companyId: string, entryId: string, reason: LockReason): Promise<LockOutcome> {
    const [current] = (await manager.query(`SELECT status FROM journal_entry WHERE company_id = $1 AND id = $2 FOR UPDATE`, [companyId, entryId])) as {
      status: string;
    }[];
    if (current?.status === 'locked') return 'already-locked';
    if (current?.status !== 'confirmed') return 'not-confirmed';
    const journal = reason.externalNumber ? `${reason.externalNumber} (${reason.externalId})` : reason.externalId;
    await this.changeStatus.execute(
      {
        companyId,
        entryId,
        to: 'locked',
        actor: 'system:export',
        by: 'export',
        reason: `exported to ${reason.target} as ${journal} in batch ${reason.batchId}`,
      },
      manager,
    );
    return 'locked';
  }
}
