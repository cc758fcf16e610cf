import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ErpJournalEntryUpserted, LEDGER_DATE_PATTERN } from '@hub/contracts';
import { ENTRY_STATUSES, type EntryStatus } from './entry-input';

/** One entry of a bulk import: the event's fields without companyId (the company is in the path). */
export class ImportedEntryDto extends OmitType(ErpJournalEntryUpserted, ['companyId'] as const) {}

export class ImportEntriesDto {
  @ApiProperty({
    description: 'Journal entries as in erp.journal-entry.upserted.v1 (without companyId); see docs/schemas/ErpJournalEntryUpserted.json',
    isArray: true,
    type: Object,
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(5_000)
  @ValidateNested({ each: true })
  @Type(() => ImportedEntryDto)
  entries!: ImportedEntryDto[];
}

export class ChangeStatusDto {
  @ApiProperty({ enum: ENTRY_STATUSES })
  @IsIn(ENTRY_STATUSES)
  status!: EntryStatus;

  @ApiProperty({ description: 'Why (kept in the audit trail)', example: 'checked with the accountant' })
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason!: string;
}

export class ListEntriesQuery {
  @ApiPropertyOptional({ enum: ENTRY_STATUSES })
  @IsOptional()
  @IsIn(ENTRY_STATUSES)
  status?: EntryStatus;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @Matches(LEDGER_DATE_PATTERN, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @Matches(LEDGER_DATE_PATTERN, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ description: 'Continue after this entry number (keyset paging by number)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  after?: string;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class IngestCountsView {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty({ description: 'Older than the stored version (by changedAt): ignored' }) stale!: number;
  @ApiProperty({ description: 'Locked entries: the new version waits until the entry is unlocked' }) 'held-locked'!: number;
  @ApiProperty({ description: 'Confirmed on arrival (if the company validates on arrival)' }) confirmed!: number;
  @ApiProperty() rejected!: number;
}
