import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A company's credentials for one external ledger, AES-256-GCM encrypted (bound to company and target). */
@Entity({ name: 'export_credential' })
export class ExportCredential {
  @PrimaryColumn('text')
  companyId!: string;

  @PrimaryColumn('text')
  target!: string;

  /** The whole credentials object as sealed JSON; decrypted only for an adapter call. */
  @Column('text')
  encryptedCredentials!: string;

  /** The masked read-back (secrets reduced to their last four characters), kept so reads never decrypt. */
  @Column('jsonb')
  masked!: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
