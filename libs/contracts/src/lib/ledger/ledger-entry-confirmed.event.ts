import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';

/** Who changes an entry's status: a validation run, a person through the API, or an export. */
export const LEDGER_STATUS_ACTORS = ['validation', 'manual', 'export'] as const;
export type LedgerStatusActor = (typeof LEDGER_STATUS_ACTORS)[number];

/** A journal entry passed validation (or was confirmed by hand): ready to be sent to an external ledger. */
@EventContract({
  subject: 'ledger.entry.confirmed.v1',
  summary: 'A journal entry was confirmed: it passed validation (or a person confirmed it) and may be exported',
})
export class LedgerEntryConfirmed extends CompanyEvent {
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

  /** The rule-set version the entry was judged by (absent for a manual confirmation). */
  @IsOptional()
  @IsInt()
  @Min(0)
  ruleSetVersion?: number;

  @IsISO8601({ strict: true })
  confirmedAt!: string;
}
