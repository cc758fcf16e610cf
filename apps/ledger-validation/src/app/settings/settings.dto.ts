import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
  registerDecorator,
} from 'class-validator';
import { LEDGER_CODE_PATTERN } from '@hub/contracts';
import { SUMMARY_COLUMN_TYPES, type SummaryColumnType } from './summary-columns';

export class SummaryColumnDto {
  @ApiProperty({ enum: SUMMARY_COLUMN_TYPES })
  @IsIn(SUMMARY_COLUMN_TYPES)
  type!: SummaryColumnType;

  @ApiPropertyOptional({ description: 'Required for (and only for) a project-group column', example: 'DEPT' })
  @ValidateIf((o: SummaryColumnDto) => o.type === 'project-group' || o.group !== undefined)
  @Matches(LEDGER_CODE_PATTERN, { message: 'group is required for a project-group column (a project group code)' })
  @OnlyFor('project-group')
  group?: string;

  @ApiPropertyOptional({ description: 'Header text' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  title?: string;
}

/** Partial update: fields left out keep their value. */
export class UpdateSettingsDto {
  @ApiPropertyOptional({ description: 'IANA time zone of the nightly run', example: 'Europe/Tallinn' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ description: 'Local time of the nightly run, HH:MM', example: '02:00' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'nightlyTime must be HH:MM (24-hour)' })
  nightlyTime?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  nightlyEnabled?: boolean;

  @ApiPropertyOptional({ description: 'Validate entries as they arrive; null = the service default', nullable: true, type: Boolean })
  @ValidateIf((o: UpdateSettingsDto) => o.validateOnArrival !== null && o.validateOnArrival !== undefined)
  @IsBoolean()
  validateOnArrival?: boolean | null;

  @ApiPropertyOptional({ description: 'Who gets the failure mail', example: ['books@example.com'] })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true, message: 'each of notifyEmails must be an e-mail address' })
  notifyEmails?: string[];

  @ApiPropertyOptional({ type: SummaryColumnDto, isArray: true, description: 'Ordered columns of the summary ("koond") report' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => SummaryColumnDto)
  summaryColumns?: SummaryColumnDto[];
}

export class SettingsView {
  @ApiProperty() companyId!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty() nightlyTime!: string;
  @ApiProperty() nightlyEnabled!: boolean;
  @ApiProperty({ nullable: true, type: Boolean }) validateOnArrival!: boolean | null;
  @ApiProperty({ description: 'What applies: the company setting or the service default' }) validateOnArrivalEffective!: boolean;
  @ApiProperty() notifyEmails!: string[];
  @ApiProperty({ type: SummaryColumnDto, isArray: true }) summaryColumns!: SummaryColumnDto[];
  @ApiProperty({ nullable: true, type: String }) lastNightlyDate!: string | null;
}

function IsTimeZone(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isTimeZone(value),
        defaultMessage: () => 'timeZone must be an IANA time zone such as Europe/Tallinn',
      },
    });
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function OnlyFor(type: SummaryColumnType): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'onlyFor',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args) => value === undefined || (args?.object as SummaryColumnDto).type === type,
        defaultMessage: () => `group is only allowed on a ${type} column`,
      },
    });
}
