import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per (consumer, message id) handled. Inserted in the handler's own transaction,
 * so a redelivered message finds its row and is acknowledged without running again.
 */
@Entity({ name: 'inbox_message' })
export class InboxMessage {
  @PrimaryColumn('text')
  consumer!: string;

  @PrimaryColumn('text')
  messageId!: string;

  @Column('text')
  subject!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
