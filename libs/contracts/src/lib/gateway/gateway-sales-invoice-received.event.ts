import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';

/** A decimal amount as text (never a float), e.g. `"1234.50"` or `"-3"`. */
export const DECIMAL_TEXT = /^-?\d{1,15}(\.\d{1,6})?$/;
const DECIMAL_MESSAGE = '$property must be a decimal number written as text, e.g. "12.50"';

/** The customer of a sales invoice issued on a platform. */
export class SalesInvoiceCustomer {
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  registrationCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  vatId?: string;
}

/** A line of a sales invoice issued on a platform (Banqup `invoice_lines[]`). */
export class SalesInvoiceLine {
  @IsString()
  @MaxLength(500)
  description!: string;

  @Matches(DECIMAL_TEXT, { message: DECIMAL_MESSAGE })
  quantity!: string;

  @Matches(DECIMAL_TEXT, { message: DECIMAL_MESSAGE })
  unitPrice!: string;

  /** VAT rate in percent. */
  @Matches(DECIMAL_TEXT, { message: DECIMAL_MESSAGE })
  vatRate!: string;

  @Matches(DECIMAL_TEXT, { message: DECIMAL_MESSAGE })
  netAmount!: string;
}

/**
 * A sales invoice the company issued on an e-invoice platform (Banqup) was delivered to the
 * hub. Platforms deliver at least once: the same invoice may arrive again, under the same or
 * a new message id.
 */
@EventContract({
  subject: 'gateway.sales-invoice.received.v1',
  summary: 'A sales invoice issued on an e-invoice platform (e.g. Banqup) was delivered to the hub',
})
export class GatewaySalesInvoiceReceived extends CompanyEvent {
  /** Platform code, e.g. `banqup`. */
  @Matches(/^[a-z][a-z0-9-]{1,31}$/)
  platform!: string;

  /** The company's account on the platform (Banqup `platform_id`). */
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  platformId!: string;

  /** The platform's id of the invoice (Banqup invoice uuid). */
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

  @Matches(DECIMAL_TEXT, { message: DECIMAL_MESSAGE })
  netAmount!: string;

  @Matches(DECIMAL_TEXT, { message: DECIMAL_MESSAGE })
  vatAmount!: string;

  @Matches(DECIMAL_TEXT, { message: DECIMAL_MESSAGE })
  grossAmount!: string;

  @ValidateNested({ each: true })
  @ArrayMaxSize(10_000)
  @Type(() => SalesInvoiceLine)
  lines!: SalesInvoiceLine[];

  /** Correlates the delivery with the gateway's inbound fetch. */
  @IsOptional()
  @IsUUID()
  deliveryId?: string;

  @IsISO8601({ strict: true })
  receivedAt!: string;
}
