import { IsBoolean, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';
import { LEDGER_CODE_PATTERN } from './journal-constraints';

/**
 * An account of the company's chart of accounts was created, renamed or closed. Named
 * `ledger-account` to keep it apart from the inbox's purchase-coding accounts.
 */
@EventContract({
  subject: 'erp.ledger-account.changed.v1',
  summary: 'An account of the chart of accounts was created, changed or deleted in the ERP (names for ledger reports)',
})
export class ErpLedgerAccountChanged extends CompanyEvent {
  @Matches(LEDGER_CODE_PATTERN, { message: 'accountNumber must be a code of 1-64 characters without surrounding spaces' })
  accountNumber!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @IsOptional()
  @IsBoolean()
  deleted?: boolean;

  @IsISO8601({ strict: true })
  changedAt!: string;
}
