import type { LedgerRuleKind } from '@hub/contracts';

/** "A row on this account (or any account) must carry a project in each of these groups." */
export interface ValidationAddress {
  account?: string;
  groups: string[];
  label?: string;
}

/** "If the account is X, project group A must be present." */
export interface AccountRule {
  account: string;
  group: string;
  label?: string;
}

/** "For account X (or accounts starting with X), do not add project group A." Exactly one of account / accountPrefix. */
export interface Exclusion {
  account?: string;
  accountPrefix?: string;
  group: string;
  label?: string;
}

/** The rules of one company, as configured through the API. */
export interface Rules {
  addresses: ValidationAddress[];
  accountRules: AccountRule[];
  exclusions: Exclusion[];
}

/** One immutable version of a company's rules and the date from which it is in force. */
export interface RuleSetVersion {
  version: number;
  /** YYYY-MM-DD: entries dated on or after this day (until the next version's date) are judged by it. */
  effectiveFrom: string;
  rules: Rules;
}

/** One reason a row is invalid. `ruleNumber` is 1-based within its list; null = no address covers the account. */
export interface RowFailure {
  row: number;
  accountNumber: string;
  missingGroup: string | null;
  ruleKind: LedgerRuleKind;
  ruleNumber: number | null;
  ruleSetVersion: number;
}

/** What the compiled engine and the naive baseline both implement (the property test compares them). */
export interface RowValidator {
  readonly version: number;
  /**
   * Validates one row. Appends its failures (if any) to `out` and returns true when valid.
   * `groups` are the project groups the row carries a project in.
   */
  validateRow(accountNumber: string, groups: readonly string[], row: number, out: RowFailure[]): boolean;
}

/** Human-readable failure text, the same in events, mails and reports. */
export function describeFailure(f: RowFailure): string {
  const where = `row ${f.row}, account ${f.accountNumber}`;
  if (f.missingGroup === null) return `${where}: no validation address covers this account (rules v${f.ruleSetVersion})`;
  const rule = f.ruleKind === 'address' ? `address ${f.ruleNumber}` : `account rule ${f.ruleNumber}`;
  return `${where}: project group ${f.missingGroup} missing (${rule}, rules v${f.ruleSetVersion})`;
}
