import { Type } from 'class-transformer';
import { ArrayMinSize, IsBoolean, IsISO8601, IsIn, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';
import { EINVOICE_SERVICES, type EInvoiceService } from './einvoice-services';

export class RegisteredServiceResult {
  @IsIn(EINVOICE_SERVICES)
  service!: EInvoiceService;

  @IsBoolean()
  active!: boolean;

  /** `Registration was successful!` or the operator's own error text. */
  @IsString()
  @MaxLength(2000)
  message!: string;
}

/**
 * A company registered e-services with an operator (Standard Books "e-services setup":
 * key, "receive supplier e-invoices", chosen operators). Published once per operator.
 */
@EventContract({
  subject: 'gateway.connection.registered.v1',
  summary: 'A company registered e-invoice services with an operator; per service whether it is active',
})
export class GatewayConnectionRegistered extends CompanyEvent {
  @IsUUID()
  registrationId!: string;

  @IsString()
  @MaxLength(64)
  operator!: string;

  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @Type(() => RegisteredServiceResult)
  services!: RegisteredServiceResult[];

  @IsISO8601({ strict: true })
  registeredAt!: string;
}
