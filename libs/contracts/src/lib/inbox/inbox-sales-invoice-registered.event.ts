import { Type } from 'class-transformer';
import { ArrayMaxSize, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';
import { DECIMAL_TEXT, SalesInvoiceCustomer, SalesInvoiceLine } from '../gateway/gateway-sales-invoice-received.event';

/**
 * A sales invoice issued on a platform entered the ERP's sales-invoice register: published
 * once per invoice (platform, platform account, invoice number), however often it was delivered.
 */
@EventContract({
  subject: 'inbox.sales-invoice.registered.v1',
  summary: "A sales invoice issued on a platform was registered for the ERP's sales-invoice register (once per invoice)",
})
export class InboxSalesInvoiceRegistered extends CompanyEvent {
  /** The hub's id of the register entry; also the idempotency key for the ERP. */
  @IsUUID()
  salesInvoiceId!: string;

  @Matches(/^[a-z][a-z0-9-]{1,31}$/)
  platform!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  platformId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  platformInvoiceId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  invoiceNumber!: string;

  @IsISO8601({ strict: true })
  issueDate!: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  dueDate?: string;

  @Matches(/^[A-Z]{3}$/)
  currency!: string;

  @ValidateNested()
  @Type(() => SalesInvoiceCustomer)
  customer!: SalesInvoiceCustomer;

  @Matches(DECIMAL_TEXT)
  netAmount!: string;

  @Matches(DECIMAL_TEXT)
  vatAmount!: string;

  @Matches(DECIMAL_TEXT)
  grossAmount!: string;

  @ValidateNested({ each: true })
  @ArrayMaxSize(10_000)
  @Type(() => SalesInvoiceLine)
  lines!: SalesInvoiceLine[];

  @IsISO8601({ strict: true })
  receivedAt!: string;

  @IsISO8601({ strict: true })
  registeredAt!: string;
}
