import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DeadLetterReason = 'invalid-payload' | 'rejected' | 'max-deliveries' | 'no-handler';

/** A message that can never succeed, or ran out of deliveries: kept with why, replayable. */
@Entity({ name: 'dead_letter' })
@Index('dead_letter_open', ['createdAt'], { where: 'replayed_at IS NULL' })
export class DeadLetter {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  consumer!: string;

  @Column('text')
  subject!: string;

  @Column('text')
  messageId!: string;

  @Column('text', { nullable: true })
  companyId!: string | null;

  @Column({ type: 'bigint', nullable: true })
  streamSequence!: string | null;

  /** Raw message bytes as UTF-8 text, exactly as received (may not be valid JSON). */
  @Column('text')
  payload!: string;

  @Column('jsonb')
  headers!: Record<string, string>;

  @Column('text')
  reason!: DeadLetterReason;

  @Column('text')
  error!: string;

  @Column('int')
  deliveries!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  replayedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  replayAttempts!: number;
}
