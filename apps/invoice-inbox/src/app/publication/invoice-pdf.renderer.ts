import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { documentLines, isObject, text } from '../coding/document-lines';

/** What the rendering needs of a document: its header fields and the EN 16931 model JSON. */
export interface RenderableDocument {
  id: string;
  receivedAt: Date;
  kind: string;
  invoiceNumber: string | null;
  issueDate: string | null;
  dueDate: string | null;
  currency: string | null;
  supplierName: string | null;
  supplierVatId: string | null;
  supplierRegistrationCode: string | null;
  totalNet: string | null;
  totalVat: string | null;
  totalGross: string | null;
  amountDue: string | null;
  invoice: Record<string, unknown> | null;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;

/**
 * Renders an XML-only invoice as a readable A4 PDF (header, parties, lines, VAT breakdown,
 * totals, payment details, notes), so a person always has something to read. Deterministic:
 * the same document gives the same bytes (dates in the PDF info are the receipt time).
 * Standard fonts only (WinAnsi): letters outside it are written without their diacritics.
 */
export async function renderInvoicePdf(doc: RenderableDocument): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const title = `${doc.kind === 'credit-note' ? 'Credit note' : 'Invoice'} ${doc.invoiceNumber ?? ''}`.trim();
  pdf.setTitle(title);
  pdf.setProducer('einvoice-hub invoice-inbox');
  pdf.setCreator('einvoice-hub invoice-inbox');
  pdf.setCreationDate(doc.receivedAt);
  pdf.setModificationDate(doc.receivedAt);
  const w = new Writer(pdf, regular, bold);

  const inv = doc.invoice ?? {};
  const seller = isObject(inv['seller']) ? inv['seller'] : {};
  const buyer = isObject(inv['buyer']) ? inv['buyer'] : {};
  w.line(title, { font: 'bold', size: 16 });
  w.line('Rendered by the hub from the structured e-invoice; the XML original is authoritative.', { size: 8 });
  w.gap(8);
  w.pair('Issue date', doc.issueDate);
  w.pair('Due date', doc.dueDate);
  w.pair('Currency', doc.currency);
  w.pair('Buyer reference', text(inv['buyerReference']));
  w.pair('Order reference', text(inv['purchaseOrderReference']));
  w.pair('Contract reference', text(inv['contractReference']));
  w.gap(8);
  w.line('Seller', { font: 'bold' });
  w.line(doc.supplierName ?? text(seller['name']) ?? '-');
  w.pair('VAT id', doc.supplierVatId);
  w.pair('Registration code', doc.supplierRegistrationCode);
  w.address(seller['postalAddress']);
  w.gap(6);
  w.line('Buyer', { font: 'bold' });
  w.line(text(buyer['name']) ?? '-');
  w.pair('VAT id', text(buyer['vatId']));
  w.address(buyer['postalAddress']);
  w.gap(10);

  w.row(['#', 'Item', 'Qty', 'Unit', 'Price', 'VAT %', 'Net'], true);
  for (const l of documentLines(doc.invoice)) {
    w.row([l.lineId, l.description ?? '', l.quantity ?? '', l.unitCode ?? '', l.unitPrice ?? '', l.vatRate ?? '', l.netAmount ?? '']);
  }
  w.gap(10);
  const breakdown = Array.isArray(inv['vatBreakdown']) ? inv['vatBreakdown'].filter(isObject) : [];
  if (breakdown.length > 0) {
    w.line('VAT breakdown', { font: 'bold' });
    for (const b of breakdown) {
      w.line(`${text(b['categoryCode']) ?? ''} ${text(b['rate']) ?? ''}%: taxable ${text(b['taxableAmount']) ?? '-'}, VAT ${text(b['taxAmount']) ?? '-'}`);
    }
    w.gap(6);
  }
  w.pair('Total without VAT', doc.totalNet);
  w.pair('VAT', doc.totalVat);
  w.pair('Total with VAT', doc.totalGross, true);
  w.pair('Amount due', doc.amountDue, true);
  const payment = isObject(inv['paymentInstructions']) ? inv['paymentInstructions'] : undefined;
  if (payment) {
    w.gap(6);
    const transfers = Array.isArray(payment['creditTransfers']) ? payment['creditTransfers'].filter(isObject) : [];
    for (const t of transfers) w.pair('Pay to account', text(t['accountId']));
    w.pair('Payment reference', text(payment['remittanceInformation']));
  }
  w.pair('Payment terms', text(inv['paymentTerms']));
  const notes = Array.isArray(inv['notes']) ? inv['notes'].filter(isObject) : [];
  for (const n of notes) w.line(text(n['text']) ?? '', { size: 8 });
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** A top-to-bottom text cursor with page breaks and WinAnsi-safe text. */
class Writer {
  private page: PDFPage;
  private y: number;
  private readonly safe = new Map<string, string>();

  constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  line(value: string, opts: { font?: 'bold'; size?: number } = {}): void {
    const size = opts.size ?? 10;
    const font = opts.font === 'bold' ? this.bold : this.regular;
    for (const part of this.wrap(this.clean(value), font, size, A4[0] - 2 * MARGIN)) {
      this.ensure(size + 4);
      this.page.drawText(part, { x: MARGIN, y: this.y, size, font, color: rgb(0, 0, 0) });
      this.y -= size + 4;
    }
  }

  pair(label: string, value: string | null | undefined, strong = false): void {
    if (value === null || value === undefined || value === '') return;
    this.line(`${label}: ${value}`, strong ? { font: 'bold' } : {});
  }

  address(raw: unknown): void {
    if (!isObject(raw)) return;
    const parts = ['line1', 'line2', 'line3', 'postCode', 'city', 'countryCode'].map((k) => text(raw[k])).filter(Boolean);
    if (parts.length > 0) this.line(parts.join(', '));
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** A table row: columns at fixed x positions; the item text is cut to its column. */
  row(cells: string[], header = false): void {
    const xs = [0, 28, 268, 318, 358, 418, 458];
    const widths = [26, 236, 48, 38, 58, 38, 41];
    const font = header ? this.bold : this.regular;
    this.ensure(13);
    cells.forEach((cell, i) => {
      const [first] = this.wrap(this.clean(cell), font, 9, widths[i] ?? 40);
      if (first) this.page.drawText(first, { x: MARGIN + (xs[i] ?? 0), y: this.y, size: 9, font });
    });
    this.y -= 13;
  }

  private ensure(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Replaces what Helvetica (WinAnsi) cannot draw: first without diacritics, else `?`. */
  private clean(value: string): string {
    let out = '';
    for (const ch of value.replace(/[\r\n\t]+/g, ' ')) {
      let safe = this.safe.get(ch);
      if (safe === undefined) {
        safe = this.encodable(ch) ? ch : [...ch.normalize('NFD').replace(/\p{M}/gu, '')].filter((c) => this.encodable(c)).join('') || '?';
        this.safe.set(ch, safe);
      }
      out += safe;
    }
    return out;
  }

  private encodable(ch: string): boolean {
    try {
      this.regular.encodeText(ch);
      return true;
    } catch {
      return false;
    }
  }

  private wrap(value: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    let current = '';
    for (const word of value.split(' ')) {
      const candidate = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !current) {
        current = candidate;
      } else {
        lines.push(current);
        current = word;
      }
    }
    if (current) lines.push(current);
    // A single word wider than the column is cut rather than drawn over the next one.
    return lines.map((l) => {
      let cut = l;
      while (cut.length > 1 && font.widthOfTextAtSize(cut, size) > width) cut = cut.slice(0, -1);
      return cut;
    });
  }
}
