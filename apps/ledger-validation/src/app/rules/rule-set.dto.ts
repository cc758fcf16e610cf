import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { LEDGER_CODE_PATTERN, LEDGER_DATE_PATTERN } from '@hub/contracts';

const CODE = { message: '$property must be a code of 1-64 characters without surrounding spaces' };

export class ValidationAddressDto {
  @ApiPropertyOptional({ description: 'Account number; omit for an address that applies to every account', example: '6000' })
  @IsOptional()
  @Matches(LEDGER_CODE_PATTERN, CODE)
  account?: string;

  @ApiProperty({ description: 'Project groups a row must carry a project in (any number; none = the account needs nothing)', example: ['DEPT', 'PROJ'] })
  @IsArray()
  @ArrayMaxSize(64)
  @ArrayUnique({ message: 'groups must not repeat a project group' })
  @Matches(LEDGER_CODE_PATTERN, { each: true, message: 'each group must be a code of 1-64 characters without surrounding spaces' })
  groups!: string[];

  @ApiPropertyOptional({ description: 'Your name for the rule, shown next to its number' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}

export class AccountRuleDto {
  @ApiProperty({ example: '6000' })
  @Matches(LEDGER_CODE_PATTERN, CODE)
  account!: string;

  @ApiProperty({ description: 'The project group rows on this account must carry', example: 'DEPT' })
  @Matches(LEDGER_CODE_PATTERN, CODE)
  group!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}

export class ExclusionDto {
  @ApiPropertyOptional({ description: 'Exactly this account (give account or accountPrefix, not both)', example: '2610' })
  @ValidateIf((o: ExclusionDto) => o.account !== undefined || o.accountPrefix === undefined)
  @Matches(LEDGER_CODE_PATTERN, { message: 'account or accountPrefix is required: account must be a code of 1-64 characters' })
  @ExactlyOneOf('accountPrefix')
  account?: string;

  @ApiPropertyOptional({ description: 'Every account whose number starts with this', example: '1' })
  @IsOptional()
  @Matches(LEDGER_CODE_PATTERN, CODE)
  accountPrefix?: string;

  @ApiProperty({ description: 'The project group never required for these accounts', example: 'DEPT' })
  @Matches(LEDGER_CODE_PATTERN, CODE)
  group!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}

/** A new version of the company's rules; replaces the previous version from `effectiveFrom` on. */
export class CreateRuleSetDto {
  @ApiProperty({ description: 'Entries dated on or after this day are judged by this version (until a later version)', example: '2026-01-01' })
  @Matches(LEDGER_DATE_PATTERN, { message: 'effectiveFrom must be a calendar date YYYY-MM-DD' })
  effectiveFrom!: string;

  @ApiPropertyOptional({ example: 'DEPT required on expense accounts from 2026' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;

  @ApiProperty({ type: ValidationAddressDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(20_000)
  @ValidateNested({ each: true })
  @Type(() => ValidationAddressDto)
  addresses!: ValidationAddressDto[];

  @ApiProperty({ type: AccountRuleDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(20_000)
  @ValidateNested({ each: true })
  @Type(() => AccountRuleDto)
  @NoDuplicates((r: AccountRuleDto) => `${r.account}\u0000${r.group}`, 'account rule')
  accountRules!: AccountRuleDto[];

  @ApiProperty({ type: ExclusionDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(20_000)
  @ValidateNested({ each: true })
  @Type(() => ExclusionDto)
  @NoDuplicates((x: ExclusionDto) => `${x.account ?? ''}\u0000${x.accountPrefix ?? ''}\u0000${x.group}`, 'exclusion')
  exclusions!: ExclusionDto[];
}

/** `account` and the named sibling are mutually exclusive and one of them is required. */
function ExactlyOneOf(other: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'exactlyOneOf',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          (value === undefined) !== ((args.object as Record<string, unknown>)[other] === undefined),
        defaultMessage: (args: ValidationArguments) => `give exactly one of ${args.property} and ${other}`,
      },
    });
}

/** Names the first repeated item: a duplicate rule is almost always a typo. */
function NoDuplicates<T>(key: (item: T) => string, what: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'noDuplicates',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => firstDuplicate(value, key) === undefined,
        defaultMessage: (args: ValidationArguments) => {
          const dup = firstDuplicate(args.value, key);
          return dup ? `${args.property}[${dup[1]}] repeats ${what} ${dup[0] + 1}` : `${args.property} has duplicates`;
        },
      },
    });
}

function firstDuplicate<T>(value: unknown, key: (item: T) => string): [number, number] | undefined {
  if (!Array.isArray(value)) return undefined;
  const seen = new Map<string, number>();
  for (let i = 0; i < value.length; i++) {
    const item = value[i] as T;
    if (typeof item !== 'object' || item === null) continue;
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) return [first, i];
    seen.set(k, i);
  }
  return undefined;
}
