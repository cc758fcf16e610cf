import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One endpoint of a registration: recorded for the company (claimed) or not, and why. */
export interface EndpointClaimResult {
  endpointId: string;
  claimed: boolean;
  message: string;
}

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

  /** What became of each endpoint named in this registration with the operator. */
  @Column('jsonb', { default: () => "'[]'::jsonb" })
  endpointResults!: EndpointClaimResult[];
}
