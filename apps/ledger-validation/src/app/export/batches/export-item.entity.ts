import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExportErrorClass, ExportProblem } from '../adapters/export-error';

export const ITEM_STATUSES = ['pending', 'exported', 'failed', 'skipped'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** The result for one entry in one batch: exported with the external id, or the classified error. */
@Entity({ name: 'export_item' })
export class ExportItem {
  @PrimaryColumn('uuid')
  batchId!: string;

  @PrimaryColumn('uuid')
  entryId!: string;

  @Column('text')
  companyId!: string;

  @Column('int')
  position!: number;

  @Column('text', { nullable: true })
  entryNumber!: string | null;

  @Column('text')
  status!: ItemStatus;

  @Column('int')
  attempts!: number;

  @Column('text', { nullable: true })
  externalId!: string | null;

  @Column('text', { nullable: true })
  externalNumber!: string | null;

  @Column('text', { nullable: true })
  errorClass!: ExportErrorClass | null;

  @Column('text', { nullable: true })
  errorMessage!: string | null;

  @Column('jsonb', { nullable: true })
  errorDetails!: { httpStatus?: number; code?: string; problems?: ExportProblem[] } | null;

  @Column('jsonb')
  warnings!: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
