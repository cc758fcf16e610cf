import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';

/**
 * The ERP booked a published inbox document into its register of incoming e-invoices
 * (the answer to `inbox.document.published.v1`).
 */
@EventContract({
  subject: 'erp.incoming-invoice.recorded.v1',
  summary: "The ERP recorded a published inbox document in its incoming e-invoice register",
})
export class ErpIncomingInvoiceRecorded extends CompanyEvent {
  /** The inbox document (`documentId` of `inbox.document.published.v1`). */
  @IsUUID()
  documentId!: string;

  /** The ERP's id of the register record. */
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  erpRecordId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  erpRecordNumber?: string;

  @IsISO8601({ strict: true })
  recordedAt!: string;
}
