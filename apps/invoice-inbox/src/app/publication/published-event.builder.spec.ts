import { checkEvent } from '@hub/contracts';
import { parseXml, readInvoice } from '@hub/einvoice';
import { PDFDocument } from 'pdf-lib';
import { ublInvoice } from '../../../test/workflow-fixtures';
import type { DocumentApproval } from '../approval/document-approval.entity';
import type { DocumentCoding } from '../coding/document-coding.entity';
import type { DocumentFile } from '../documents/document-file.entity';
import type { Document } from '../documents/document.entity';
import { renderInvoicePdf } from './invoice-pdf.renderer';
import { buildPublishedEvent } from './published-event.builder';

function documentFromUbl(xml: string): Document {
  const [invoice] = readInvoice(parseXml(xml).root);
  return {
    id: '3f1c1a7e-3d7b-4b8e-9d55-1b2c3d4e5f60',
    companyId: 'company-a',
    state: 'approved',
    channel: 'einvoice',
    receivedAt: new Date('2026-01-16T08:00:00Z'),
    kind: 'invoice',
    typeCode: '380',
    syntax: 'ubl',
    profile: null,
    supplierName: 'Põhja Puit OÜ',
    supplierIdentifier: 'EE100000001',
    supplierVatId: 'EE100000001',
    supplierRegistrationCode: '10000001',
    invoiceNumber: 'INV-1',
    issueDate: '2026-01-15',
    dueDate: '2026-02-14',
    currency: 'EUR',
    totalNet: '72.5000',
    totalVat: '15.9500',
    totalGross: '88.4500',
    amountDue: '88.4500',
    buyerReference: 'PO-77',
    orderReference: null,
    contractReference: 'C-2026-1',
    invoice: JSON.parse(JSON.stringify(invoice)) as Record<string, unknown>,
    findings: [],
    fingerprint: null,
    receiptCount: 1,
    version: 3,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}

const coding: DocumentCoding = {
  documentId: '3f1c1a7e-3d7b-4b8e-9d55-1b2c3d4e5f60',
  companyId: 'company-a',
  supplierContactId: 'SUP-1',
  supplierMatchedBy: 'registration-code',
  account: '4000',
  dimensions: [{ type: 'DEPT', code: 'TLN' }],
  lines: [{ lineId: '2', account: '4100', dimensions: [{ type: 'PROJECT', code: 'P-1' }], comment: 'services' }],
  updatedBy: 'token:abc',
  updatedAt: new Date(),
};
const approval: DocumentApproval = {
  documentId: coding.documentId,
  companyId: 'company-a',
  decision: 'approved',
  decidedBy: 'token:abc',
  decidedAt: new Date('2026-01-17T10:00:00Z'),
  reason: null,
};
const xmlFile: DocumentFile = {
  id: '9a1c1a7e-3d7b-4b8e-9d55-1b2c3d4e5f61',
  documentId: coding.documentId,
  receiptId: '8a1c1a7e-3d7b-4b8e-9d55-1b2c3d4e5f62',
  companyId: 'company-a',
  role: 'invoice-xml',
  filename: 'INV-1.xml',
  contentType: 'application/xml',
  sizeBytes: 4000,
  sha256: 'a'.repeat(64),
  createdAt: new Date(),
};

describe('inbox.document.published.v1 from a document', () => {
  const doc = documentFromUbl(ublInvoice({ number: 'INV-1', lines: 2 }));

  it('carries the document, its coding per line, the approval and a rendering for an XML-only invoice, and satisfies the contract', () => {
    const event = buildPublishedEvent({
      doc,
      coding,
      comments: [],
      approval,
      files: [xmlFile],
      publishedBy: 'token:abc',
      publishedAt: new Date('2026-01-17T11:00:00Z'),
    });
    const payload = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
    expect(checkEvent('inbox.document.published.v1', payload)).toMatchObject({ ok: true });
    expect(payload).toMatchObject({
      invoiceNumber: 'INV-1',
      supplier: { name: 'Põhja Puit OÜ', contactId: 'SUP-1', vatId: 'EE100000001', iban: 'EE382200221020145685', countryCode: 'EE' },
      totals: { net: '72.50', vat: '15.95', gross: '88.45' },
      coding: { account: '4000', dimensions: [{ type: 'DEPT', code: 'TLN' }], contractReference: 'C-2026-1' },
      paymentReference: 'RF18 5390 0754 7034',
      approval: { approvedBy: 'token:abc', approvedAt: '2026-01-17T10:00:00.000Z' },
      readable: { rendered: true, contentType: 'application/pdf', downloadPath: `/companies/company-a/erp/incoming-invoices/${doc.id}/original` },
      originals: [{ filename: 'INV-1.xml', sha256: 'a'.repeat(64), rendered: false }],
    });
    expect(payload['lines']).toEqual([
      expect.objectContaining({ lineId: '1', quantity: '2', netAmount: '25.00', vatRate: '22', dimensions: [] }),
      expect.objectContaining({ lineId: '2', account: '4100', dimensions: [{ type: 'PROJECT', code: 'P-1' }], comment: 'services' }),
    ]);
  });

  it('points at the original PDF when the document has one', () => {
    const pdf: DocumentFile = { ...xmlFile, id: '7a1c1a7e-3d7b-4b8e-9d55-1b2c3d4e5f63', role: 'rendering', filename: 'INV-1.pdf', contentType: 'application/pdf' };
    const event = buildPublishedEvent({ doc, coding: null, comments: [], approval, files: [xmlFile, pdf], publishedBy: 'x', publishedAt: new Date() });
    expect(event.readable).toMatchObject({ rendered: false, filename: 'INV-1.pdf', sha256: pdf.sha256 });
  });

  it('renders a readable, deterministic PDF of an XML-only invoice, whatever its alphabet', async () => {
    const special = { ...doc, supplierName: 'Łódź Žagars Ā SIA' };
    const first = await renderInvoicePdf(special);
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await renderInvoicePdf(special)).equals(first)).toBe(true);
    const loaded = await PDFDocument.load(first);
    expect(loaded.getTitle()).toBe('Invoice INV-1');
    expect(loaded.getPageCount()).toBe(1);
    const many = await renderInvoicePdf(documentFromUbl(ublInvoice({ number: 'INV-2', lines: 120 })));
    expect((await PDFDocument.load(many)).getPageCount()).toBeGreaterThan(1);
  });
});
