import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@hub/messaging';
import type { EntityManager } from 'typeorm';
import {
  LEDGER_MAX_EVENT_REASONS,
  LedgerEntryConfirmed,
  LedgerEntryFailureReason,
  LedgerEntryRejected,
} from '@hub/contracts';
import { describeFailure, type RowFailure } from '../engine/rule-set.model';
import { returning } from '../shared/sql';

export type RunTrigger = 'nightly' | 'manual' | 'arrival';

/** The verdict on one entry: no failures = valid. */
export interface EntryVerdict {
  entryId: string;
  number: string;
  date: string;
  version: number;
  failures: RowFailure[];
  /**
   * The entry's `updated_at` as it was when its rows were read, when they were read outside
   * the writing transaction (a run's snapshot): the verdict is applied only if the entry has
   * not changed since (an ERP update in the meantime waits for the next run).
   */
  readUpdatedAt?: string;
}

/**
 * Applies verdicts in the caller's transaction, in bulk: valid entries that are still
 * unconfirmed become confirmed (audited, `ledger.entry.confirmed.v1`); invalid ones keep
 * their status, their failures replace the previous ones, and `ledger.entry.rejected.v1`
 * carries the reasons. An entry whose status changed meanwhile (a person locked it), or that
 * changed after a run read it (`readUpdatedAt`), is left alone.
 */
@Injectable()
export class ValidationResultsWriter {
  constructor(private readonly outbox: OutboxWriter) {}

  async apply(manager: EntityManager, companyId: string, verdicts: readonly EntryVerdict[], trigger: RunTrigger, runId: string | null): Promise<{ confirmed: number; rejected: number }> {
    const now = new Date().toISOString();
    const valid = verdicts.filter((v) => v.failures.length === 0);
    const invalid = verdicts.filter((v) => v.failures.length > 0);
    const events: object[] = [];
    let confirmed: { id: string }[] = [];
    if (valid.length > 0) {
      // One statement: confirm what is still unconfirmed, clear its old failures, audit it.
      confirmed = await returning<{ id: string }>(
        manager,
        `WITH v AS (SELECT * FROM unnest($1::uuid[], $3::int[], $6::timestamptz[]) AS v(id, version, read_updated_at)),
         done AS (
           UPDATE journal_entry e SET status = 'confirmed', validated_at = $2, validated_version = v.version, failure_count = 0, updated_at = $2
           FROM v WHERE e.id = v.id AND e.status = 'unconfirmed' AND (v.read_updated_at IS NULL OR e.updated_at = v.read_updated_at)
           RETURNING e.id),
         cleared AS (DELETE FROM entry_failure f USING done WHERE f.entry_id = done.id),
         audited AS (
           INSERT INTO status_change (company_id, entry_id, from_status, to_status, actor, reason, changed_at)
           SELECT $4, id, 'unconfirmed', 'confirmed', 'system:validation', $5, $2 FROM done)
         SELECT id FROM done`,
        [valid.map((v) => v.entryId), now, valid.map((v) => v.version), companyId, `passed validation (${trigger}${runId ? ` run ${runId}` : ''})`, valid.map((v) => v.readUpdatedAt ?? null)],
      );
      const ids = confirmed.map((r) => r.id);
      const done = new Set(ids);
      for (const v of valid) {
        if (!done.has(v.entryId)) continue;
        events.push(
          event(LedgerEntryConfirmed, {
            companyId,
            entryId: v.entryId,
            number: v.number,
            date: v.date,
            by: 'validation',
            ruleSetVersion: v.version,
            confirmedAt: now,
          }),
        );
      }
    }
    let rejected = 0;
    if (invalid.length > 0) {
      const still = await returning<{ id: string }>(
        manager,
        `UPDATE journal_entry e SET validated_at = $2, validated_version = v.version, failure_count = v.count
         FROM unnest($1::uuid[], $3::int[], $4::int[], $5::timestamptz[]) AS v(id, version, count, read_updated_at)
         WHERE e.id = v.id AND e.status = 'unconfirmed' AND (v.read_updated_at IS NULL OR e.updated_at = v.read_updated_at)
         RETURNING e.id`,
        [invalid.map((v) => v.entryId), now, invalid.map((v) => v.version), invalid.map((v) => v.failures.length), invalid.map((v) => v.readUpdatedAt ?? null)],
      );
      const kept = new Set(still.map((r) => r.id));
      const judged = invalid.filter((v) => kept.has(v.entryId));
      rejected = judged.length;
      await manager.query(`DELETE FROM entry_failure WHERE entry_id = ANY($1::uuid[])`, [judged.map((v) => v.entryId)]);
      const cols: unknown[][] = [[], [], [], [], [], [], [], []];
      for (const v of judged) {
        v.failures.forEach((f, i) => {
          [v.entryId, i + 1, f.row, f.accountNumber, f.missingGroup, f.ruleKind, f.ruleNumber, f.ruleSetVersion].forEach((x, c) => cols[c]?.push(x));
        });
        events.push(
          event(LedgerEntryRejected, {
            companyId,
            entryId: v.entryId,
            number: v.number,
            date: v.date,
            trigger,
            ruleSetVersion: v.version,
            reasons: v.failures.slice(0, LEDGER_MAX_EVENT_REASONS).map((f) => event(LedgerEntryFailureReason, reason(f))),
            reasonCount: v.failures.length,
            rejectedAt: now,
          }),
        );
      }
      await manager.query(
        `INSERT INTO entry_failure (entry_id, seq, company_id, row_no, account_number, missing_group, rule_kind, rule_number, rule_set_version, run_id)
         SELECT f.entry_id, f.seq, $9, f.row_no, f.acc, f.grp, f.kind, f.rule, f.version, $10
         FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[])
           AS f(entry_id, seq, row_no, acc, grp, kind, rule, version)`,
        [...cols, companyId, runId],
      );
    }
    await this.outbox.publishMany(manager, events as (object & { companyId: string })[]);
    return { confirmed: confirmed.length, rejected };
  }
}

/**
 * An instance of a contract class from already typed fields. What `plainToInstance` gives
 * for these flat values (the nested reasons are built as instances too), without its
 * per-object reflection, which on a nightly run of 100,000 entries cost seconds.
 */
export function event<T extends object>(type: new () => T, fields: Partial<T>): T {
  return Object.assign(new type(), fields);
}

function reason(f: RowFailure): Partial<LedgerEntryFailureReason> {
  const r: Partial<LedgerEntryFailureReason> = {
    row: f.row,
    accountNumber: f.accountNumber,
    ruleKind: f.ruleKind,
    ruleSetVersion: f.ruleSetVersion,
    message: describeFailure(f),
  };
  if (f.missingGroup !== null) r.missingGroup = f.missingGroup;
  if (f.ruleNumber !== null) r.ruleNumber = f.ruleNumber;
  return r;
}
