import { IsBoolean, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';

/**
 * A dimension value (an "object" of an object type, e.g. cost centre `TLN` of type `DEPT`)
 * was created, changed, deactivated or deleted in the ERP.
 */
@EventContract({
  subject: 'erp.dimension.changed.v1',
  summary: 'A dimension (object of an object type) was created, changed, deactivated or deleted in the ERP',
})
export class ErpDimensionChanged extends CompanyEvent {
  /** The object type (dimension group) code, e.g. `DEPT`, `PROJECT`. */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, { message: 'dimensionType must be 1-32 letters, digits, _ . or -' })
  dimensionType!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  dimensionTypeName?: string;

  /** The object code within its type. */
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  code!: string;

  @IsString()
  @MaxLength(200)
  name!: string;

  @IsBoolean()
  active!: boolean;

  @IsOptional()
  @IsBoolean()
  deleted?: boolean;

  @IsISO8601({ strict: true })
  changedAt!: string;
}
