import { IsBoolean, IsIn, IsISO8601, IsUUID } from 'class-validator';
import { CompanyEvent } from '../company-event';
import { EventContract } from '../event-contract';

/** Channels a purchase document can arrive by. */
export const INBOX_CHANNELS = ['einvoice', 'upload', 'email', 'mobile'] as const;
export type InboxChannel = (typeof INBOX_CHANNELS)[number];

/** States of an inbox document (see the invoice-inbox README). */
export const INBOX_DOCUMENT_STATES = ['received', 'needs-attention', 'ready', 'approved', 'published', 'in-erp', 'rejected'] as const;
export type InboxDocumentState = (typeof INBOX_DOCUMENT_STATES)[number];

/**
 * A delivery reached the inbox: a new document, or (`duplicate`) one more receipt of a
 * document the company already had (same invoice by another channel or again).
 */
@EventContract({
  subject: 'inbox.document.received.v1',
  summary: 'A purchase document arrived in the inbox (new, or a duplicate delivery recorded as a receipt)',
})
export class InboxDocumentReceived extends CompanyEvent {
  @IsUUID()
  documentId!: string;

  @IsUUID()
  receiptId!: string;

  @IsIn(INBOX_CHANNELS)
  channel!: InboxChannel;

  @IsBoolean()
  duplicate!: boolean;

  @IsIn(INBOX_DOCUMENT_STATES)
  state!: InboxDocumentState;

  @IsISO8601({ strict: true })
  receivedAt!: string;
}
