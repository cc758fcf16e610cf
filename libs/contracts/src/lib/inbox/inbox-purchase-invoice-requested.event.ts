import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';

export const PURCHASE_INVOICE_KINDS = ['purchase-invoice', 'prepayment'] as const;
export type PurchaseInvoiceKind = (typeof PURCHASE_INVOICE_KINDS)[number];

export const PURCHASE_INVOICE_TRIGGERS = ['automatic', 'api'] as const;
export type PurchaseInvoiceTrigger = (typeof PURCHASE_INVOICE_TRIGGERS)[number];

/**
 * The ERP should create a purchase invoice (or a prepayment) from a recorded incoming
 * e-invoice: emitted on its own when the company set "create purchase invoice automatically
 * from the e-invoice record", or when asked through the API. At most once per document and kind.
 */
@EventContract({
  subject: 'inbox.purchase-invoice.requested.v1',
  summary: 'Create a purchase invoice or prepayment in the ERP from a recorded incoming e-invoice (once per document and kind)',
})
export class InboxPurchaseInvoiceRequested extends CompanyEvent {
  /** Also the idempotency key for the ERP, with `kind`. */
  @IsUUID()
  documentId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  erpRecordId!: string;

  @IsIn(PURCHASE_INVOICE_KINDS)
  kind!: PurchaseInvoiceKind;

  @IsIn(PURCHASE_INVOICE_TRIGGERS)
  trigger!: PurchaseInvoiceTrigger;

  /** The API token id that asked, for `api`. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  requestedBy?: string;

  /** For a prepayment: the amount to prepay (decimal text); else the invoice's amount due. */
  @IsOptional()
  @Matches(/^-?\d{1,15}(\.\d{1,6})?$/)
  amount?: string;

  @IsISO8601({ strict: true })
  requestedAt!: string;
}
