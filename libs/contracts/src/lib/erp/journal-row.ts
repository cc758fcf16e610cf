import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { AMOUNT_PATTERN, LEDGER_CODE_PATTERN, OneProjectPerGroup } from './journal-constraints';

/** A project a journal row carries, and the project group (dimension) it belongs to. */
export class JournalRowProject {
  /** Project group code, e.g. `DEPT` (ERPLY Books "projektigrupp"). */
  @Matches(LEDGER_CODE_PATTERN, { message: 'group must be a code of 1-64 characters without surrounding spaces' })
  group!: string;

  /** Project code within the group, e.g. `TLN`. */
  @Matches(LEDGER_CODE_PATTERN, { message: 'code must be a code of 1-64 characters without surrounding spaces' })
  code!: string;
}

/** The customer or supplier a row is booked against. */
export class JournalRowPartner {
  @IsIn(['customer', 'supplier'])
  kind!: 'customer' | 'supplier';

  @IsOptional()
  @IsString()
  @MaxLength(64)
  code?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  /** Organisation registration code (e.g. the Estonian registry code), shown in reports. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  registrationCode?: string;
}

/** One row (line) of a journal entry. */
export class JournalRow {
  @Matches(LEDGER_CODE_PATTERN, { message: 'accountNumber must be a code of 1-64 characters without surrounding spaces' })
  accountNumber!: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  accountName?: string;

  @Matches(AMOUNT_PATTERN, { message: 'debit must be a decimal string such as 120.50' })
  debit!: string;

  @Matches(AMOUNT_PATTERN, { message: 'credit must be a decimal string such as 120.50' })
  credit!: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  vatCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  vatName?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => JournalRowPartner)
  partner?: JournalRowPartner;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @IsArray()
  @ArrayMaxSize(64)
  @ValidateNested({ each: true })
  @Type(() => JournalRowProject)
  @OneProjectPerGroup()
  projects!: JournalRowProject[];
}
