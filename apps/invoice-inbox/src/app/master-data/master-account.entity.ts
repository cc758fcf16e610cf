import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The inbox's copy of an ERP account (from `erp.account.changed.v1`), newest `changedAt` wins. */
@Entity({ name: 'master_account' })
export class MasterAccount {
  @PrimaryColumn('text') companyId!: string;
  @PrimaryColumn('text') number!: string;
  @Column('text') name!: string;
  @Column('text') type!: string;
  @Column('boolean') active!: boolean;
  @Column('boolean') deleted!: boolean;
  @Column('timestamptz') changedAt!: Date;
}
