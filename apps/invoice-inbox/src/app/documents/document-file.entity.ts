import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FileRole } from './document-channel';

/**
 * A file of a document, as received (bytes in the {@link DocumentStorage} under
 * (company, sha256)), or derived from one (`embedded-xml`: the XML inside a Factur-X PDF).
 */
@Entity({ name: 'document_file' })
export class DocumentFile {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  documentId!: string;

  /** The receipt that brought the file. */
  @Column('uuid')
  receiptId!: string;

  @Column('text')
  companyId!: string;

  @Column('text')
  role!: FileRole;

  @Column('text')
  filename!: string;

  @Column('text')
  contentType!: string;

  @Column('integer')
  sizeBytes!: number;

  @Column('text')
  sha256!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
