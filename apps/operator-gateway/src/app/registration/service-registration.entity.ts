import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest registration answer per company, operator and service. */
@Entity({ name: 'service_registration' })
export class ServiceRegistration {
  @PrimaryColumn('text')
  companyId!: string;

  @PrimaryColumn('text')
  operator!: string;

  @PrimaryColumn('text')
  service!: string;

  @Column('uuid')
  registrationId!: string;

  @Column('boolean')
  active!: boolean;

  @Column('text')
  systemMessage!: string;

  @Column('timestamptz')
  requestedAt!: Date;
}
