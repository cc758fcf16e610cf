import { IsBoolean, IsISO8601, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';

export const ERP_CONTACT_ROLES = ['supplier', 'customer'] as const;
export type ErpContactRole = (typeof ERP_CONTACT_ROLES)[number];

/** A customer or supplier card was created, changed, deactivated or deleted in the ERP. */
@EventContract({
  subject: 'erp.contact.changed.v1',
  summary: 'A contact (customer or supplier) was created, changed, deactivated or deleted in the ERP',
})
export class ErpContactChanged extends CompanyEvent {
  /** The ERP's own code of the contact. */
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  contactId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  /** Organisation registration code (e.g. the Estonian registry code). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  registrationCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  vatId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2)
  countryCode?: string;

  @IsIn(ERP_CONTACT_ROLES, { each: true })
  roles!: ErpContactRole[];

  @IsBoolean()
  active!: boolean;

  @IsOptional()
  @IsBoolean()
  deleted?: boolean;

  @IsISO8601({ strict: true })
  changedAt!: string;
}
