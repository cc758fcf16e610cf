import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A comment a person left on a document; published with it. */
@Entity({ name: 'document_comment' })
export class DocumentComment {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') documentId!: string;
  @Column('text') companyId!: string;
  @Column('text') author!: string;
  @Column('text') text!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
