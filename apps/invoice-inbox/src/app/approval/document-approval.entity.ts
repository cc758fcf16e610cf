import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest approval decision on a document: who, when and (for a rejection) why. */
@Entity({ name: 'document_approval' })
export class DocumentApproval {
  @PrimaryColumn('uuid') documentId!: string;
  @Column('text') companyId!: string;
  @Column('text') decision!: 'approved' | 'rejected';
  @Column('text') decidedBy!: string;
  @Column('timestamptz') decidedAt!: Date;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
}
