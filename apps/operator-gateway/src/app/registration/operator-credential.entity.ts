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

  /** Last four characters, for the masked read-back without decrypting. */
  @Column('text')
  keyHint!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
