import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DocumentState } from './document-state';

/** One recorded state change: from, to, who and why. `from` is null for the creation. */
@Entity({ name: 'document_transition' })
export class DocumentTransition {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid')
  documentId!: string;

  @Column('text')
  companyId!: string;

  @Column({ type: 'text', nullable: true })
  fromState!: DocumentState | null;

  @Column('text')
  toState!: DocumentState;

  /** `system`, `token:<id>`, `user:<id>`, `erp` … */
  @Column('text')
  actor!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
