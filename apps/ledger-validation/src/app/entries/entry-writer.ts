import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { contentHash, type EntryInput, type EntryStatus, INSERT_ROWS_SQL, rowColumns } from './entry-input';

export type UpsertOutcome = 'created' | 'updated' | 'unchanged' | 'stale' | 'held-locked';

interface Existing {
  id: string;
  status: EntryStatus;
  contentHash: string;
  erpChangedAt: Date | null;
}

/**
 * Stores an entry from the ERP (event or import), keyed by (company, number):
 * - new → stored unconfirmed (audited);
 * - same content again → nothing changes (a confirmed entry stays confirmed);
 * - an older `changedAt` than the stored one → ignored (late delivery);
 * - changed and not locked → replaced, back to unconfirmed (it must be validated again);
 * - changed but locked → kept as it was sent; the ERP's version waits in `pending_update`
 *   and is applied when someone unlocks the entry.
 */
@Injectable()
export class EntryWriter {
  async upsert(manager: EntityManager, companyId: string, input: EntryInput, actor: string): Promise<{ outcome: UpsertOutcome; entryId: string }> {
    const hash = contentHash(input);
    await manager.query(`INSERT INTO company_settings (company_id) VALUES ($1) ON CONFLICT DO NOTHING`, [companyId]);
    const [existing] = (await manager.query(
      `SELECT id, status, content_hash AS "contentHash", erp_changed_at AS "erpChangedAt"
       FROM journal_entry WHERE company_id = $1 AND number = $2 FOR UPDATE`,
      [companyId, input.number],
    )) as Existing[];
    const changedAt = input.changedAt ? new Date(input.changedAt) : null;
    if (!existing) {
      const id = randomUUID();
      await manager.query(
        `INSERT INTO journal_entry (id, company_id, number, entry_date, description, source, content_hash, row_count, total_debit, erp_changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, companyId, input.number, input.date, input.description ?? null, input.source ?? null, hash, input.rows.length, totalDebit(input), changedAt],
      );
      await this.insertRows(manager, id, input);
      await this.audit(manager, companyId, id, null, 'unconfirmed', actor, 'received from the ERP');
      return { outcome: 'created', entryId: id };
    }
    if (changedAt && existing.erpChangedAt && changedAt < existing.erpChangedAt) return { outcome: 'stale', entryId: existing.id };
    if (existing.contentHash === hash) return { outcome: 'unchanged', entryId: existing.id };
    if (existing.status === 'locked') {
      await manager.query(`UPDATE journal_entry SET pending_update = $2, pending_update_at = now() WHERE id = $1`, [existing.id, JSON.stringify(input)]);
      return { outcome: 'held-locked', entryId: existing.id };
    }
    await this.replace(manager, existing.id, input, changedAt);
    if (existing.status !== 'unconfirmed') {
      await this.audit(manager, companyId, existing.id, existing.status, 'unconfirmed', actor, 'changed by the ERP: must be validated again');
    }
    return { outcome: 'updated', entryId: existing.id };
  }

  /** Replaces content and rows; the entry becomes unconfirmed with no failures on record. */
  async replace(manager: EntityManager, entryId: string, input: EntryInput, changedAt: Date | null): Promise<void> {
    await manager.query(
      `UPDATE journal_entry SET entry_date = $2, description = $3, source = $4, content_hash = $5, row_count = $6, total_debit = $7,
         erp_changed_at = COALESCE($8, erp_changed_at), status = 'unconfirmed', failure_count = 0, validated_at = NULL,
         validated_version = NULL, pending_update = NULL, pending_update_at = NULL, updated_at = now()
       WHERE id = $1`,
      [entryId, input.date, input.description ?? null, input.source ?? null, contentHash(input), input.rows.length, totalDebit(input), changedAt],
    );
    await manager.query(`DELETE FROM journal_row WHERE entry_id = $1`, [entryId]);
    await manager.query(`DELETE FROM entry_failure WHERE entry_id = $1`, [entryId]);
    await this.insertRows(manager, entryId, input);
  }

  async audit(manager: EntityManager, companyId: string, entryId: string, from: EntryStatus | null, to: EntryStatus, actor: string, reason: string): Promise<void> {
    await manager.query(
      `INSERT INTO status_change (company_id, entry_id, from_status, to_status, actor, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
      [companyId, entryId, from, to, actor, reason],
    );
  }

  private async insertRows(manager: EntityManager, entryId: string, input: EntryInput): Promise<void> {
    await manager.query(INSERT_ROWS_SQL, [entryId, ...rowColumns(input.rows)]);
  }
}

function totalDebit(input: EntryInput): string {
  return input.rows.reduce((sum, r) => sum.plus(r.debit), new Decimal(0)).toFixed(4);
}
