import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A company's generated e-mail address for supplier documents. At most one is active per
 * company; rotating retires the old one (mail to it is refused from then on).
 */
@Entity({ name: 'inbound_address' })
export class InboundAddress {
  /** The full address, lower-case. */
  @PrimaryColumn('text')
  address!: string;

  @Column('text')
  companyId!: string;

  @Column('boolean')
  active!: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
