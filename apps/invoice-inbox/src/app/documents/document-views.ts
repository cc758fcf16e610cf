import Decimal from 'decimal.js';
import type { DocumentFile } from './document-file.entity';
import type { DocumentReceipt } from './document-receipt.entity';
import type { DocumentTransition } from './document-transition.entity';
import type { Document } from './document.entity';
import type { DocumentDetailView, DocumentSummaryView } from './documents.dto';

/** Entity → API view (entities never double as API types). */
export function summaryView(d: Document): DocumentSummaryView {
  return {
    id: d.id,
    companyId: d.companyId,
    state: d.state,
    needsAttention: d.state === 'needs-attention',
    channel: d.channel,
    kind: d.kind,
    typeCode: d.typeCode,
    supplierName: d.supplierName,
    supplierIdentifier: d.supplierIdentifier,
    invoiceNumber: d.invoiceNumber,
    issueDate: d.issueDate,
    dueDate: d.dueDate,
    currency: d.currency,
    totalNet: moneyText(d.totalNet),
    totalVat: moneyText(d.totalVat),
    totalGross: moneyText(d.totalGross),
    receivedAt: d.receivedAt.toISOString(),
    receiptCount: d.receiptCount,
    fatalFindings: d.findings.filter((f) => f.flag === 'fatal').length,
    warnings: d.findings.filter((f) => f.flag === 'warning').length,
  };
}

export function detailView(
  d: Document,
  receipts: DocumentReceipt[],
  files: DocumentFile[],
  transitions: DocumentTransition[],
): DocumentDetailView {
  return {
    ...summaryView(d),
    syntax: d.syntax,
    profile: d.profile,
    supplierVatId: d.supplierVatId,
    supplierRegistrationCode: d.supplierRegistrationCode,
    amountDue: moneyText(d.amountDue),
    buyerReference: d.buyerReference,
    orderReference: d.orderReference,
    contractReference: d.contractReference,
    findings: d.findings,
    receipts: receipts.map((r) => ({
      id: r.id,
      channel: r.channel,
      receivedAt: r.receivedAt.toISOString(),
      matchedBy: r.matchedBy,
      externalRef: r.externalRef,
      source: r.source,
    })),
    files: files.map((f) => ({
      id: f.id,
      role: f.role,
      filename: f.filename,
      contentType: f.contentType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
      receiptId: f.receiptId,
      href: `/companies/${d.companyId}/documents/${d.id}/files/${f.id}`,
    })),
    transitions: transitions.map((t) => ({ from: t.fromState, to: t.toState, actor: t.actor, reason: t.reason, at: t.at.toISOString() })),
    invoice: d.invoice,
  };
}

/** numeric(19,4) text → at least two decimals, no padding beyond what the value needs (`125.0000` → `125.00`, `1.2345` stays). */
export function moneyText(value: string | null): string | null {
  if (value === null) return null;
  const d = new Decimal(value);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}
