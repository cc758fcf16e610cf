import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * - `in-flight`: a worker is calling the target now (until `lease_until`).
 * - `uncertain`: the last call got no answer; the journal may exist, so the next attempt
 *   reuses this row's idempotency key whatever the entry looks like now.
 * - `not-created`: the target answered and created nothing; the next attempt derives the key afresh.
 * - `exported`: the journal exists; `external_id` is its id in the target.
 */
export const ENTRY_EXPORT_STATES = ['in-flight', 'uncertain', 'not-created', 'exported'] as const;
export type EntryExportState = (typeof ENTRY_EXPORT_STATES)[number];

/** The external-id map: per company, target and entry, the key sent and the journal it became. */
@Entity({ name: 'entry_export' })
export class EntryExport {
  @PrimaryColumn('text')
  companyId!: string;

  @PrimaryColumn('text')
  target!: string;

  @PrimaryColumn('uuid')
  entryId!: string;

  @Column('text')
  entryNumber!: string;

  @Column('text')
  contentHash!: string;

  @Column('text')
  idempotencyKey!: string;

  @Column('text')
  state!: EntryExportState;

  @Column('text', { nullable: true })
  externalId!: string | null;

  @Column('text', { nullable: true })
  externalNumber!: string | null;

  @Column('uuid', { nullable: true })
  batchId!: string | null;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { nullable: true })
  leaseUntil!: Date | null;

  @Column('timestamptz', { nullable: true })
  exportedAt!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
