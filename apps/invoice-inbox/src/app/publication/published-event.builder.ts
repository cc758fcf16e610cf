import Decimal from 'decimal.js';
import { plainToInstance } from 'class-transformer';
import { InboxDocumentPublished } from '@hub/contracts';
import type { DocumentApproval } from '../approval/document-approval.entity';
import type { DocumentCoding } from '../coding/document-coding.entity';
import { documentLines, isObject, text } from '../coding/document-lines';
import type { DocumentFile } from '../documents/document-file.entity';
import type { Document } from '../documents/document.entity';
import type { DocumentComment } from '../workspace/document-comment.entity';
import { chooseReadable, registerPaths } from './readable-file';

export interface PublicationInput {
  doc: Document;
  coding: DocumentCoding | null;
  comments: readonly DocumentComment[];
  approval: DocumentApproval;
  files: readonly DocumentFile[];
  publishedBy: string;
  publishedAt: Date;
}

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

/**
 * Builds `inbox.document.published.v1` from the document, its coding, comments, approval and
 * files. Values the contract cannot carry (an over-long text from a supplier's XML, a
 * malformed number) are cut or left out rather than failing the publication.
 */
export function buildPublishedEvent(input: PublicationInput): InboxDocumentPublished {
  const { doc, coding } = input;
  const inv = doc.invoice ?? {};
  const seller = obj(inv['seller']);
  const buyer = obj(inv['buyer']);
  const payment = obj(inv['paymentInstructions']);
  const transfers = Array.isArray(payment['creditTransfers']) ? payment['creditTransfers'].filter(isObject) : [];
  const lineCoding = new Map((coding?.lines ?? []).map((l) => [l.lineId, l]));
  const paths = registerPaths(doc.companyId, doc.id);
  const readable = chooseReadable(input.files, doc.invoice !== null);
  const fileView = (f: DocumentFile): Record<string, unknown> => ({
    downloadPath: paths.file(f.id),
    contentType: clip(f.contentType, 100),
    filename: clip(f.filename, 255),
    rendered: false,
    sha256: f.sha256,
    size: f.sizeBytes,
  });

  return plainToInstance(InboxDocumentPublished, {
    companyId: doc.companyId,
    documentId: doc.id,
    documentType: doc.kind,
    channel: doc.channel,
    syntax: opt(doc.syntax, 16),
    invoiceNumber: opt(doc.invoiceNumber, 64),
    issueDate: doc.issueDate ?? undefined,
    dueDate: doc.dueDate ?? undefined,
    currency: doc.currency ?? undefined,
    paymentReference: opt(text(payment['remittanceInformation']), 200),
    buyerReference: opt(doc.buyerReference, 200),
    purchaseOrderReference: opt(doc.orderReference, 200),
    supplier: {
      name: opt(doc.supplierName, 300),
      contactId: coding?.supplierContactId ?? undefined,
      registrationCode: opt(doc.supplierRegistrationCode, 64),
      vatId: opt(doc.supplierVatId, 64),
      countryCode: opt(text(obj(seller['postalAddress'])['countryCode']), 2),
      iban: opt(text(transfers[0]?.['accountId']), 64),
    },
    buyer: Object.keys(buyer).length
      ? {
          name: opt(text(buyer['name']), 300),
          registrationCode: opt(text(obj(buyer['legalRegistrationId'])['value']), 64),
          vatId: opt(text(buyer['vatId']), 64),
          countryCode: opt(text(obj(buyer['postalAddress'])['countryCode']), 2),
        }
      : undefined,
    totals: { net: money(doc.totalNet), vat: money(doc.totalVat), gross: money(doc.totalGross), amountDue: money(doc.amountDue) },
    vatBreakdown: (Array.isArray(inv['vatBreakdown']) ? inv['vatBreakdown'].filter(isObject) : []).slice(0, 100).map((b) => ({
      category: opt(text(b['categoryCode']), 8),
      rate: dec(text(b['rate'])),
      taxableAmount: dec(text(b['taxableAmount'])),
      taxAmount: dec(text(b['taxAmount'])),
    })),
    coding: {
      account: coding?.account ?? undefined,
      dimensions: coding?.dimensions ?? [],
      contractReference: opt(doc.contractReference, 128),
    },
    lines: documentLines(doc.invoice).map((l) => {
      const c = lineCoding.get(l.lineId);
      return {
        lineId: clip(l.lineId, 64),
        description: opt(l.description, 1000),
        quantity: dec(l.quantity),
        unitCode: opt(l.unitCode, 8),
        unitPrice: dec(l.unitPrice),
        netAmount: dec(l.netAmount),
        vatCategory: opt(l.vatCategory, 8),
        vatRate: dec(l.vatRate),
        account: c?.account ?? undefined,
        dimensions: c?.dimensions ?? [],
        comment: opt(c?.comment, 4000),
      };
    }),
    comments: input.comments.slice(-500).map((c) => ({ author: c.author, text: clip(c.text, 4000), at: c.createdAt.toISOString() })),
    approval: { approvedBy: input.approval.decidedBy, approvedAt: input.approval.decidedAt.toISOString() },
    readable:
      readable.kind === 'file'
        ? { ...fileView(readable.file), downloadPath: paths.readable }
        : {
            downloadPath: paths.readable,
            contentType: 'application/pdf',
            filename: `${safeName(doc.invoiceNumber ?? doc.id)}.pdf`,
            rendered: true,
          },
    originals: input.files.slice(0, 50).map(fileView),
    receivedAt: doc.receivedAt.toISOString(),
    publishedAt: input.publishedAt.toISOString(),
    publishedBy: input.publishedBy,
  });
}

function obj(v: unknown): Record<string, unknown> {
  return isObject(v) ? v : {};
}

function clip(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

function opt(value: string | null | undefined, max: number): string | undefined {
  return value ? clip(value, max) : undefined;
}

function dec(value: string | undefined): string | undefined {
  return value !== undefined && DECIMAL.test(value) ? value : undefined;
}

/** Postgres numeric(19,4) text → at least two decimals, no trailing zeros beyond (`122.5000` → `122.50`). */
function money(value: string | null): string | undefined {
  if (value === null) return undefined;
  const d = new Decimal(value);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

function safeName(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'invoice';
}
