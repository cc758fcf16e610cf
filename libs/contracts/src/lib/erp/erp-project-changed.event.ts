import { IsBoolean, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';
import { LEDGER_CODE_PATTERN } from './journal-constraints';

/** A project (a value of a project group, e.g. department `TLN` of group `DEPT`) was created, renamed or deleted. */
@EventContract({
  subject: 'erp.project.changed.v1',
  summary: 'A project (a value of a project group) was created, changed or deleted in the ERP',
})
export class ErpProjectChanged extends CompanyEvent {
  @Matches(LEDGER_CODE_PATTERN, { message: 'group must be a code of 1-64 characters without surrounding spaces' })
  group!: string;

  @Matches(LEDGER_CODE_PATTERN, { message: 'code must be a code of 1-64 characters without surrounding spaces' })
  code!: string;

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
