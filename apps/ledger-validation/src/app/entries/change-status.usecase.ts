import { Injectable, NotFoundException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { DataSource, type EntityManager } from 'typeorm';
import { LedgerEntryConfirmed, LedgerEntryLocked, type LedgerStatusActor } from '@hub/contracts';
import { OutboxWriter } from '@hub/messaging';
import type { EntryInput, EntryStatus } from './entry-input';
import { EntryWriter } from './entry-writer';

export interface StatusChangeCommand {
  companyId: string;
  /** The entry's number (the ERP's key) or its id. */
  number?: string;
  entryId?: string;
  to: EntryStatus;
  /** Audit: `token:<id>` for a person through the API, `system:export` for an export. */
  actor: string;
  by: LedgerStatusActor;
  reason: string;
}

export interface StatusChangeResult {
  entryId: string;
  number: string;
  from: EntryStatus;
  to: EntryStatus;
  changed: boolean;
  /** Unlocking applied the ERP's version that arrived while the entry was locked. */
  appliedPendingErpUpdate: boolean;
}

/**
 * Any status to any status, always possible, always audited (who, when, from, to, why).
 * Confirming publishes `ledger.entry.confirmed.v1`, locking `ledger.entry.locked.v1`.
 * Unlocking an entry the ERP changed meanwhile applies the ERP's version, and the entry
 * is then unconfirmed whatever was asked: its content changed and must be validated again.
 * The export adapters lock through this use case (by: 'export'), in their own transaction if they pass one.
 */
@Injectable()
export class ChangeStatusUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: EntryWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  execute(command: StatusChangeCommand, manager?: EntityManager): Promise<StatusChangeResult> {
    return manager ? this.change(manager, command) : this.dataSource.transaction((m) => this.change(m, command));
  }

  private async change(manager: EntityManager, c: StatusChangeCommand): Promise<StatusChangeResult> {
    const [entry] = (await manager.query(
      `SELECT id, number, entry_date::text AS date, status, pending_update AS "pendingUpdate"
       FROM journal_entry WHERE company_id = $1 AND ${c.entryId ? 'id = $2::uuid' : 'number = $2'} FOR UPDATE`,
      [c.companyId, c.entryId ?? c.number],
    )) as { id: string; number: string; date: string; status: EntryStatus; pendingUpdate: EntryInput | null }[];
    if (!entry) throw new NotFoundException(`no journal entry ${c.number ?? c.entryId} for company ${c.companyId}`);
    const base = { entryId: entry.id, number: entry.number, from: entry.status };
    if (entry.status === c.to) return { ...base, to: c.to, changed: false, appliedPendingErpUpdate: false };

    if (entry.status === 'locked' && entry.pendingUpdate) {
      await this.writer.replace(manager, entry.id, entry.pendingUpdate, entry.pendingUpdate.changedAt ? new Date(entry.pendingUpdate.changedAt) : null);
      await this.writer.audit(manager, c.companyId, entry.id, 'locked', 'unconfirmed', c.actor, `${c.reason} (unlocked; the ERP's newer version was applied)`);
      return { ...base, to: 'unconfirmed', changed: true, appliedPendingErpUpdate: true };
    }

    await manager.query(`UPDATE journal_entry SET status = $2, updated_at = now() WHERE id = $1`, [entry.id, c.to]);
    if (c.to === 'unconfirmed') await manager.query(`UPDATE journal_entry SET validated_at = NULL, validated_version = NULL WHERE id = $1`, [entry.id]);
    if (c.to !== 'unconfirmed') await manager.query(`DELETE FROM entry_failure WHERE entry_id = $1`, [entry.id]);
    await this.writer.audit(manager, c.companyId, entry.id, entry.status, c.to, c.actor, c.reason);
    const at = new Date().toISOString();
    if (c.to === 'confirmed') {
      await this.outbox.publish(
        manager,
        plainToInstance(LedgerEntryConfirmed, { companyId: c.companyId, entryId: entry.id, number: entry.number, date: entry.date, by: c.by, confirmedAt: at }),
      );
    } else if (c.to === 'locked') {
      await this.outbox.publish(
        manager,
        plainToInstance(LedgerEntryLocked, { companyId: c.companyId, entryId: entry.id, number: entry.number, date: entry.date, by: c.by, reason: c.reason, lockedAt: at }),
      );
    }
    return { ...base, to: c.to, changed: true, appliedPendingErpUpdate: false };
  }
}
