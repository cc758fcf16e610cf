import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A document's delivery to the ERP: the one publication (its event id and payload, which the
 * ERP register API serves) and the ERP's confirmation that it recorded it.
 */
@Entity({ name: 'erp_delivery' })
export class ErpDelivery {
  @PrimaryColumn('uuid') documentId!: string;
  @Column('text') companyId!: string;
  @Column('uuid') eventId!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  @Column('text') publishedBy!: string;
  @Column('timestamptz') publishedAt!: Date;
  @Column({ type: 'text', nullable: true }) erpRecordId!: string | null;
  @Column({ type: 'text', nullable: true }) erpRecordNumber!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) recordedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) recordedMessageId!: string | null;
}
