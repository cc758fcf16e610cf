import type { EntityManager } from 'typeorm';
import type { RowFailure } from '../engine/rule-set.model';
import { splitList } from '../shared/sql';
import type { RuleSetJudge } from '../rules/rule-set.store';
import type { EntryVerdict } from './validation-results.writer';

export interface EntryRef {
  id: string;
  number: string;
  date: string;
}

/**
 * Loads the rows of a batch of entries (account and project groups only) and judges each
 * entry by the rule set in force on its date.
 */
export async function judgeEntries(manager: EntityManager, entries: readonly EntryRef[], judge: RuleSetJudge): Promise<EntryVerdict[]> {
  if (entries.length === 0) return [];
  const rows = (await manager.query(
    `SELECT entry_id AS "entryId", account_number AS "accountNumber", array_to_string(project_groups, E'\\x1f') AS "groups"
     FROM journal_row WHERE entry_id = ANY($1::uuid[]) ORDER BY entry_id, row_no`,
    [entries.map((e) => e.id)],
  )) as { entryId: string; accountNumber: string; groups: string }[];
  const byEntry = new Map<string, { accountNumber: string; groups: string[] }[]>();
  for (const r of rows) {
    const row = { accountNumber: r.accountNumber, groups: splitList(r.groups) };
    const list = byEntry.get(r.entryId);
    if (list) list.push(row);
    else byEntry.set(r.entryId, [row]);
  }
  const verdicts: EntryVerdict[] = [];
  for (const e of entries) {
    const validator = await judge.validatorFor(e.date);
    const failures: RowFailure[] = [];
    (byEntry.get(e.id) ?? []).forEach((r, i) => validator.validateRow(r.accountNumber, r.groups, i + 1, failures));
    verdicts.push({ entryId: e.id, number: e.number, date: e.date, version: validator.version, failures });
  }
  return verdicts;
}
