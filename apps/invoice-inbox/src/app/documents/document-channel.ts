/** How a document reached the inbox. */
export const DOCUMENT_CHANNELS = ['einvoice', 'upload', 'email', 'mobile'] as const;
export type DocumentChannel = (typeof DOCUMENT_CHANNELS)[number];

/**
 * What a document is: decided from the structured data (BT-3) or declared by the person
 * uploading it. A `receipt` (till receipt, check) is never merged with an invoice.
 */
export const DOCUMENT_KINDS = ['invoice', 'credit-note', 'receipt', 'unknown'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Role of a stored file within its document. */
export const FILE_ROLES = ['invoice-xml', 'rendering', 'embedded-xml', 'image', 'attachment'] as const;
export type FileRole = (typeof FILE_ROLES)[number];
