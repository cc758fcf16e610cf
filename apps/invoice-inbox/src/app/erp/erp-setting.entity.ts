import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A company's settings for the ERP integration. */
@Entity({ name: 'erp_setting' })
export class ErpSetting {
  @PrimaryColumn('text') companyId!: string;
  /** "Create purchase invoice automatically from the e-invoice record". */
  @Column('boolean') autoCreatePurchaseInvoice!: boolean;
  @Column('text') updatedBy!: string;
  @Column('timestamptz') updatedAt!: Date;
}
