import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A company's key for one operator, AES-256-GCM encrypted (bound to company and operator). */
@Entity({ name: 'operator_credential' })
export class OperatorCredential {
  @PrimaryColumn('text')
  companyId!: string;

  @PrimaryColumn('text')
  operator!: string;

  @Column('text')
  encryptedKey!: string;

  /** Last four characters, for the masked read-back without decrypting; only for keys of KEY_HINT_MIN_LENGTH or more. */
  @Column('text', { nullable: true })
  keyHint!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
