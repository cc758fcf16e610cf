import { Column, Entity, PrimaryColumn } from 'typeorm';

export const BATCH_STATUSES = ['queued', 'running', 'waiting', 'done'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/**
 * One export request: a single entry or all confirmed entries of a company, to one
 * target. A worker holds it by lease (`lease_until`), so any replica can take over a
 * batch whose worker died; `waiting` is a batch paused by a rate limit until `resume_at`.
 */
@Entity({ name: 'export_batch' })
export class ExportBatch {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  companyId!: string;

  @Column('text')
  target!: string;

  @Column('text')
  scope!: 'entry' | 'all-confirmed';

  @Column('text')
  status!: BatchStatus;

  @Column('text', { nullable: true })
  requestedBy!: string | null;

  @Column('int')
  total!: number;

  @Column('int')
  exported!: number;

  @Column('int')
  failed!: number;

  @Column('int')
  skipped!: number;

  /** Why the batch is waiting (the rate-limit message), or null. */
  @Column('text', { nullable: true })
  note!: string | null;

  @Column('timestamptz', { nullable: true })
  resumeAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;
}
