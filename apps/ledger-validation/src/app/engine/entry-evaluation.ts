import type { RowFailure, RowValidator } from './rule-set.model';

/** A row as the evaluators need it: its account and the project groups it carries a project in. */
export interface EvaluableRow {
  accountNumber: string;
  groups: readonly string[];
}

/** An entry is valid when every row is valid; failures are listed row by row. */
export function evaluateEntry(validator: RowValidator, rows: readonly EvaluableRow[]): RowFailure[] {
  const failures: RowFailure[] = [];
  rows.forEach((r, i) => validator.validateRow(r.accountNumber, r.groups, i + 1, failures));
  return failures;
}
