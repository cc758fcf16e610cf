import type { DataSource, EntityManager } from 'typeorm';
import type { CompiledRuleSet } from '../engine/compiled-rule-set';
import type { RowFailure } from '../engine/rule-set.model';
import { type ArrayRow, rowsOfEntries } from '../shared/array-rows';
import { splitList } from '../shared/sql';
import type { RuleSetJudge } from '../rules/rule-set.store';
import type { EntryVerdict } from './validation-results.writer';

export interface EntryRef {
  id: string;
  number: string;
  date: string;
}

/** The row columns judging needs (`r.` is `journal_row`): account and project groups. */
export const JUDGED_COLUMNS = ['r.account_number', `array_to_string(r.project_groups, E'\\x1f')`] as const;

/**
 * Loads the rows of a batch of entries (account and project groups only) and judges each
 * entry by the rule set in force on its date.
 */
export async function judgeEntries(source: DataSource | EntityManager, entries: readonly EntryRef[], judge: RuleSetJudge): Promise<EntryVerdict[]> {
  if (entries.length === 0) return [];
  const rows = await rowsOfEntries(
    source,
    entries.map((e) => e.id),
    JUDGED_COLUMNS,
  );
  return judgeRows(entries, rows, judge);
}

/**
 * Judges entries from their rows: each row an array of its entry's index in `entries`, then
 * {@link JUDGED_COLUMNS}, in entry then row order. An entry's `updatedAt`, when given, goes
 * into its verdict (see `EntryVerdict.readUpdatedAt`).
 */
export async function judgeRows(entries: readonly (EntryRef & { updatedAt?: string })[], rows: readonly ArrayRow[], judge: RuleSetJudge): Promise<EntryVerdict[]> {
  const verdicts: EntryVerdict[] = [];
  let validator: CompiledRuleSet | undefined;
  let validatorDate = '';
  let next = 0;
  for (let index = 0; index < entries.length; index++) {
    const e = entries[index] as EntryRef & { updatedAt?: string };
    if (validator === undefined || e.date !== validatorDate) {
      validator = await judge.validatorFor(e.date);
      validatorDate = e.date;
    }
    const failures: RowFailure[] = [];
    for (let rowNo = 1; next < rows.length && rows[next]?.[0] === index; next++, rowNo++) {
      const r = rows[next] as ArrayRow;
      validator.validateRow(r[1] as string, splitList(r[2] as string), rowNo, failures);
    }
    verdicts.push({ entryId: e.id, number: e.number, date: e.date, version: validator.version, failures, ...(e.updatedAt === undefined ? {} : { readUpdatedAt: e.updatedAt }) });
  }
  return verdicts;
}
