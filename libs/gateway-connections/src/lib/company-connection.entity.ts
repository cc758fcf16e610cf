import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A service's own copy of a company's operator connections (from
 * `gateway.connection.registered.v1`): which operators it works through (receiver-registry: whose receiver lists to poll;
 * master-data-sync: which platforms get the master data). Each service keeps it in its own schema.
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
