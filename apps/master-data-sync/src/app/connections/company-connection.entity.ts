import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * master-data-sync's copy of a company's operator connection (from
 * `gateway.connection.registered.v1`): which operator platforms its master data goes to.
 */
@Entity({ name: 'company_connection' })
export class CompanyConnection {
  @PrimaryColumn('text')
  companyId!: string;

  @PrimaryColumn('text')
  operator!: string;

  @Column('boolean')
  connected!: boolean;

  @Column('jsonb')
  services!: { service: string; active: boolean; message: string }[];

  @Column('uuid')
  registrationId!: string;

  @Column('timestamptz')
  registeredAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
