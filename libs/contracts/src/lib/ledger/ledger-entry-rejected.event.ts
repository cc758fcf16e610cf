import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsISO8601, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';
import { LedgerEntryFailureReason } from './ledger-entry-reason';

/** At most this many reasons ride in one event; `reasonCount` says how many there were. */
export const LEDGER_MAX_EVENT_REASONS = 100;

/** A journal entry failed validation; it stays unconfirmed. Every reason names row, account, group and rule. */
@EventContract({
  subject: 'ledger.entry.rejected.v1',
  summary: 'A journal entry failed validation; the reasons name row, account, missing project group and rule',
})
export class LedgerEntryRejected extends CompanyEvent {
  @IsUUID()
  entryId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  number!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date!: string;

  @IsIn(['nightly', 'manual', 'arrival'])
  trigger!: 'nightly' | 'manual' | 'arrival';

  @IsInt()
  @Min(1)
  ruleSetVersion!: number;

  @ArrayMinSize(1)
  @ArrayMaxSize(LEDGER_MAX_EVENT_REASONS)
  @ValidateNested({ each: true })
  @Type(() => LedgerEntryFailureReason)
  reasons!: LedgerEntryFailureReason[];

  @IsInt()
  @Min(1)
  reasonCount!: number;

  @IsISO8601({ strict: true })
  rejectedAt!: string;
}
