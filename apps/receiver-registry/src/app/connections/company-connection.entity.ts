import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * receiver-registry's copy of a company's operator connection (from
 * `gateway.connection.registered.v1`): which operators it can look receivers up through.
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
