import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';

/** Kinds of accounts in an ERP's chart of accounts. */
export const ERP_ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense', 'other'] as const;
export type ErpAccountType = (typeof ERP_ACCOUNT_TYPES)[number];

/**
 * An account of the company's chart of accounts was created, changed, deactivated or deleted
 * in the ERP. Consumers keep the newest version per (company, number) by `changedAt`.
 */
@EventContract({
  subject: 'erp.account.changed.v1',
  summary: 'An account of the chart of accounts was created, changed, deactivated or deleted in the ERP',
})
export class ErpAccountChanged extends CompanyEvent {
  /** The account number as the ERP shows it (e.g. `4000`). */
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  number!: string;

  @IsString()
  @MaxLength(200)
  name!: string;

  @IsIn(ERP_ACCOUNT_TYPES)
  type!: ErpAccountType;

  /** An inactive account stays known (old documents keep it) but may not be used for new coding. */
  @IsBoolean()
  active!: boolean;

  /** The account was removed from the chart; treated like inactive, and hidden from lists. */
  @IsOptional()
  @IsBoolean()
  deleted?: boolean;

  /** When the ERP changed it; an older change arriving late is ignored. */
  @IsISO8601({ strict: true })
  changedAt!: string;
}
