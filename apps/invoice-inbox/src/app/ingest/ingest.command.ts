import type { DocumentChannel, DocumentKind } from '../documents/document-channel';
import type { DocumentFinding } from '../documents/document-finding';
import type { ReceiptMatch } from '../documents/document-receipt.entity';
import type { DocumentState } from '../documents/document-state';
import type { IncomingFile } from '../digitise/digitise.service';

/** One delivery of one document (one or several files) by one channel. */
export interface IngestCommand {
  /** Chosen by the channel: receiver identifier (e-invoice), inbound address (e-mail), route (upload). */
  companyId: string;
  channel: DocumentChannel;
  receivedAt: Date;
  files: IncomingFile[];
  /** The channel's id of the delivery: operator document id, Message-ID. */
  externalRef?: string;
  /** Channel details kept on the receipt (operator, sender, device, user …). */
  source: Record<string, string>;
  /** Who delivered, for the transition log: `system`, `token:<id>`, `mobile:<user>`. */
  actor: string;
  /** What the person uploading says it is (a receipt is never merged with an invoice). */
  declaredKind?: DocumentKind;
  /** Problems the channel found before digitising (e.g. an original that could not be fetched). */
  channelFindings?: DocumentFinding[];
}

/** What became of one document of a delivery. */
export interface IngestedDocument {
  documentId: string;
  receiptId: string;
  /** True when the delivery was recognised as a document the company already has. */
  duplicate: boolean;
  matchedBy: ReceiptMatch;
  state: DocumentState;
}
