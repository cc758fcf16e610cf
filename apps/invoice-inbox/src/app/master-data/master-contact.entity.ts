import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The inbox's copy of an ERP contact (from `erp.contact.changed.v1`), with normalised keys
 * for matching a document's supplier (registration code, VAT id, name).
 */
@Entity({ name: 'master_contact' })
export class MasterContact {
  @PrimaryColumn('text') companyId!: string;
  @PrimaryColumn('text') contactId!: string;
  @Column('text') name!: string;
  @Column({ type: 'text', nullable: true }) registrationCode!: string | null;
  @Column({ type: 'text', nullable: true }) vatId!: string | null;
  @Column({ type: 'text', nullable: true }) countryCode!: string | null;
  @Column('text', { array: true }) roles!: string[];
  @Column('boolean') active!: boolean;
  @Column('boolean') deleted!: boolean;
  @Column({ type: 'text', nullable: true }) registrationKey!: string | null;
  @Column({ type: 'text', nullable: true }) vatKey!: string | null;
  @Column('text') nameKey!: string;
  @Column('timestamptz') changedAt!: Date;
}
