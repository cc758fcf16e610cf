import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DimensionRef, LineCoding } from './coding.model';

/** How a document is coded: supplier contact, header account and objects, per-line coding. */
@Entity({ name: 'document_coding' })
export class DocumentCoding {
  @PrimaryColumn('uuid') documentId!: string;
  @Column('text') companyId!: string;
  @Column({ type: 'text', nullable: true }) supplierContactId!: string | null;
  /** `registration-code`, `vat-id`, `name` (matched automatically) or `manual`. */
  @Column({ type: 'text', nullable: true }) supplierMatchedBy!: string | null;
  @Column({ type: 'text', nullable: true }) account!: string | null;
  @Column('jsonb') dimensions!: DimensionRef[];
  @Column('jsonb') lines!: LineCoding[];
  @Column('text') updatedBy!: string;
  @Column('timestamptz') updatedAt!: Date;
}
