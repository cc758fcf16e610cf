import { IsIn, IsISO8601, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';
import { LEDGER_STATUS_ACTORS, type LedgerStatusActor } from './ledger-entry-confirmed.event';

/** A journal entry was locked (sent to an external ledger, or locked by hand): ERP updates no longer change it. */
@EventContract({
  subject: 'ledger.entry.locked.v1',
  summary: 'A journal entry was locked (exported or locked by hand); ERP updates no longer change it until unlocked',
})
export class LedgerEntryLocked extends CompanyEvent {
  @IsUUID()
  entryId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  number!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date!: string;

  @IsIn(LEDGER_STATUS_ACTORS)
  by!: LedgerStatusActor;

  @IsString()
  @MaxLength(1000)
  reason!: string;

  @IsISO8601({ strict: true })
  lockedAt!: string;
}
