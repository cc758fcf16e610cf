import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A platform-issued sales invoice in the ERP's sales-invoice register; one row however often delivered. */
@Entity({ name: 'sales_invoice_register' })
export class SalesInvoiceRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') companyId!: string;
  @Column('text') platform!: string;
  @Column('text') platformId!: string;
  @Column('text') platformInvoiceId!: string;
  @Column('text') invoiceNumber!: string;
  @Column('date') issueDate!: string;
  @Column('text') currency!: string;
  @Column({ type: 'numeric', precision: 19, scale: 4 }) grossAmount!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  @Column('integer') deliveries!: number;
  @Column('timestamptz') firstReceivedAt!: Date;
  @Column('timestamptz') lastReceivedAt!: Date;
  @Column('timestamptz') registeredAt!: Date;
}
