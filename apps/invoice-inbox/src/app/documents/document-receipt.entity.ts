import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DocumentChannel } from './document-channel';

/** How a receipt was matched to its document. */
export type ReceiptMatch = 'new' | 'fingerprint' | 'sha256';

/**
 * One arrival of a document: which channel, when, and the channel's details (`source`:
 * operator and its document id, the mail's sender and Message-ID, the device and user of
 * a mobile upload, …). A duplicate delivery adds a receipt, never a document.
 */
@Entity({ name: 'document_receipt' })
export class DocumentReceipt {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  documentId!: string;

  @Column('text')
  companyId!: string;

  @Column('text')
  channel!: DocumentChannel;

  @Column('timestamptz')
  receivedAt!: Date;

  @Column('text')
  matchedBy!: ReceiptMatch;

  /** The channel's own id of the delivery (operator document id, Message-ID). */
  @Column({ type: 'text', nullable: true })
  externalRef!: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  source!: Record<string, string>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
