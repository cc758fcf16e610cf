import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** Which kind of rule demanded a project group. */
export const LEDGER_RULE_KINDS = ['account-rule', 'address'] as const;
export type LedgerRuleKind = (typeof LEDGER_RULE_KINDS)[number];

/**
 * One reason an entry failed validation: the row, its account, the project group it
 * lacks, and the rule (with the rule-set version) that demanded it.
 */
export class LedgerEntryFailureReason {
  /** 1-based row number within the entry. */
  @IsInt()
  @Min(1)
  row!: number;

  @IsString()
  @MaxLength(64)
  accountNumber!: string;

  /** The missing project group; absent when no validation address covers the account at all. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  missingGroup?: string;

  @IsIn(LEDGER_RULE_KINDS)
  ruleKind!: LedgerRuleKind;

  /** The rule's number within its list in the rule set (address 3, account rule 12); absent with no covering address. */
  @IsOptional()
  @IsInt()
  @Min(1)
  ruleNumber?: number;

  @IsInt()
  @Min(1)
  ruleSetVersion!: number;

  /** Human-readable, e.g. "row 2, account 6000: project group DEPT missing (account rule 3, rules v4)". */
  @IsString()
  @MaxLength(1000)
  message!: string;
}
