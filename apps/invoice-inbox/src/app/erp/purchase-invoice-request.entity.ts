import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A purchase invoice or prepayment asked of the ERP for a recorded document (once per kind). */
@Entity({ name: 'purchase_invoice_request' })
export class PurchaseInvoiceRequest {
  @PrimaryColumn('uuid') documentId!: string;
  @PrimaryColumn('text') kind!: string;
  @Column('text') companyId!: string;
  @Column('text') trigger!: string;
  @Column({ type: 'text', nullable: true }) requestedBy!: string | null;
  @Column({ type: 'numeric', precision: 19, scale: 4, nullable: true }) amount!: string | null;
  @Column('uuid') eventId!: string;
  @Column('timestamptz') requestedAt!: Date;
}
