import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';
import { IsBalanced } from './journal-constraints';
import { JournalRow } from './journal-row';

/** A calendar date `YYYY-MM-DD` (the entry's booking date, no time zone). */
export const LEDGER_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The ERP created or changed a journal entry (ERPLY Books "kanne"). The whole entry is
 * sent every time: the hub replaces its copy unless the entry is locked (already sent to
 * an external ledger). Debits and credits must balance, or the event is a dead letter.
 */
@EventContract({
  subject: 'erp.journal-entry.upserted.v1',
  summary: 'The ERP created or changed a journal entry (all rows, with accounts, VAT, partner and projects)',
})
export class ErpJournalEntryUpserted extends CompanyEvent {
  /** The entry number, unique per company (the hub's key together with the company). */
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  number!: string;

  @Matches(LEDGER_DATE_PATTERN, { message: 'date must be a calendar date YYYY-MM-DD' })
  date!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  /** Where the entry comes from in the ERP, e.g. `purchase-invoice`, `sales-invoice`, `manual`. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  source?: string;

  /** When the ERP last changed the entry: an older change arriving late does not overwrite a newer one. */
  @IsOptional()
  @IsISO8601({ strict: true })
  changedAt?: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => JournalRow)
  @IsBalanced()
  rows!: JournalRow[];
}
