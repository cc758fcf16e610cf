import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Original bytes, per company and sha256 (see PostgresDocumentStorage). */
@Entity({ name: 'original_blob' })
export class OriginalBlob {
  @PrimaryColumn('text')
  companyId!: string;

  @PrimaryColumn('text')
  sha256!: string;

  @Column('integer')
  sizeBytes!: number;

  @Column('bytea')
  content!: Buffer;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
