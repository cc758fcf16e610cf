import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An event written in the same transaction as the business change that caused it. */
@Entity({ name: 'outbox_message' })
@Index('outbox_message_unpublished', ['seq'], { where: 'published_at IS NULL' })
export class OutboxMessage {
  /** Also the `Nats-Msg-Id`: JetStream drops a second publish of the same row. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', generated: 'increment', insert: false })
  seq!: string;

  @Column('text')
  subject!: string;

  @Column('text')
  companyId!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('jsonb')
  headers!: Record<string, string>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** After a failed publish: claims leave the row until then (backoff, so failing rows hold back no others). */
  @Column({ type: 'timestamptz', nullable: true })
  retryAt!: Date | null;
}
