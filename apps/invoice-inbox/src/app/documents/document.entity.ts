import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DocumentFinding } from './document-finding';
import type { DocumentChannel, DocumentKind } from './document-channel';
import type { DocumentState } from './document-state';

/**
 * One purchase document of one company, however many times and by whichever channels it
 * arrived (each arrival is a {@link DocumentReceipt}). Header fields come from the
 * structured data when there is some, and are completed by a person otherwise. Money is
 * kept as decimal strings (Postgres numeric), never as floats.
 */
@Entity({ name: 'document' })
export class Document {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  companyId!: string;

  @Column('text')
  state!: DocumentState;

  /** Channel of the first receipt. */
  @Column('text')
  channel!: DocumentChannel;

  /** Time of the first receipt. */
  @Column('timestamptz')
  receivedAt!: Date;

  @Column('text')
  kind!: DocumentKind;

  /** BT-3 invoice type code (UNTDID 1001), e.g. 380 invoice, 381 credit note. */
  @Column({ type: 'text', nullable: true })
  typeCode!: string | null;

  /** `ubl-invoice`, `cii`, `ee`, … when the document had structured data. */
  @Column({ type: 'text', nullable: true })
  syntax!: string | null;

  @Column({ type: 'text', nullable: true })
  profile!: string | null;

  @Column({ type: 'text', nullable: true })
  supplierName!: string | null;

  /** The seller identifier used for duplicate detection (VAT id, else registration code, else BT-29, else BT-34). */
  @Column({ type: 'text', nullable: true })
  supplierIdentifier!: string | null;

  @Column({ type: 'text', nullable: true })
  supplierVatId!: string | null;

  @Column({ type: 'text', nullable: true })
  supplierRegistrationCode!: string | null;

  @Column({ type: 'text', nullable: true })
  invoiceNumber!: string | null;

  /** `YYYY-MM-DD`. */
  @Column({ type: 'date', nullable: true })
  issueDate!: string | null;

  @Column({ type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'text', nullable: true })
  currency!: string | null;

  @Column({ type: 'numeric', precision: 19, scale: 4, nullable: true })
  totalNet!: string | null;

  @Column({ type: 'numeric', precision: 19, scale: 4, nullable: true })
  totalVat!: string | null;

  /** BT-112 invoice total with VAT. */
  @Column({ type: 'numeric', precision: 19, scale: 4, nullable: true })
  totalGross!: string | null;

  @Column({ type: 'numeric', precision: 19, scale: 4, nullable: true })
  amountDue!: string | null;

  @Column({ type: 'text', nullable: true })
  buyerReference!: string | null;

  @Column({ type: 'text', nullable: true })
  orderReference!: string | null;

  @Column({ type: 'text', nullable: true })
  contractReference!: string | null;

  /** The EN 16931 model as read from the XML (amounts as exact decimal strings). */
  @Column({ type: 'jsonb', nullable: true })
  invoice!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` })
  findings!: DocumentFinding[];

  /** sha256 of the normalised (seller, number, issue date, gross total, type); null while a field is missing. */
  @Column({ type: 'text', nullable: true })
  fingerprint!: string | null;

  @Column({ type: 'integer', default: 1 })
  receiptCount!: number;

  /** Bumped by every change; lets a writer detect that someone else changed the document. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
