import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFString,
  decodePDFRawStream,
} from 'pdf-lib';

/** A file embedded in a PDF (Factur-X / ZUGFeRD / XRechnung put their XML there). */
export interface PdfAttachment {
  filename: string;
  bytes: Buffer;
}

/** Bounds for reading attachments of untrusted PDFs. */
export interface PdfLimits {
  maxAttachments: number;
  maxAttachmentBytes: number;
  /** Name-tree nesting followed at most this deep (a hostile PDF may loop). */
  maxTreeDepth: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxAttachments: 20, maxAttachmentBytes: 10 * 1024 * 1024, maxTreeDepth: 8 };

/**
 * Reads the embedded files of a PDF: the catalog's `/Names /EmbeddedFiles` name tree and
 * the PDF/A-3 `/AF` array (where Factur-X declares its XML). Throws when the PDF cannot be
 * read at all; skips single broken entries.
 */
export async function readPdfAttachments(bytes: Buffer, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<PdfAttachment[]> {
  const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  const specs: PDFDict[] = [];
  const names = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  if (tree) collectNameTree(tree, specs, 0, limits);
  const af = pdf.catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  if (af) {
    for (let i = 0; i < af.size(); i++) {
      const spec = af.lookupMaybe(i, PDFDict);
      if (spec && !specs.includes(spec)) specs.push(spec);
    }
  }
  const out: PdfAttachment[] = [];
  const seen = new Set<string>();
  for (const spec of specs.slice(0, limits.maxAttachments)) {
    const attachment = readFileSpec(spec, limits);
    if (!attachment) continue;
    const key = `${attachment.filename}:${attachment.bytes.length}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(attachment);
  }
  return out;
}

function collectNameTree(node: PDFDict, specs: PDFDict[], depth: number, limits: PdfLimits): void {
  if (depth > limits.maxTreeDepth || specs.length >= limits.maxAttachments) return;
  const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (pairs) {
    for (let i = 1; i < pairs.size(); i += 2) {
      const spec = pairs.lookupMaybe(i, PDFDict);
      if (spec) specs.push(spec);
    }
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  if (kids) {
    for (let i = 0; i < kids.size(); i++) {
      const kid = kids.lookupMaybe(i, PDFDict);
      if (kid && kid !== node) collectNameTree(kid, specs, depth + 1, limits);
    }
  }
}

function readFileSpec(spec: PDFDict, limits: PdfLimits): PdfAttachment | undefined {
  const filename = textOf(spec.lookup(PDFName.of('UF'))) ?? textOf(spec.lookup(PDFName.of('F'))) ?? 'attachment';
  const ef = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
  const stream = ef?.lookup(PDFName.of('F')) ?? ef?.lookup(PDFName.of('UF'));
  if (!(stream instanceof PDFRawStream)) return undefined;
  if (stream.contents.length > limits.maxAttachmentBytes) return undefined;
  const decoded = decodeBounded(stream, limits.maxAttachmentBytes);
  return decoded ? { filename, bytes: decoded } : undefined;
}

/**
 * Flate (what every hybrid invoice uses) is inflated by zlib with an output cap, so a
 * deflate bomb stops at the limit instead of filling memory; other filters go through pdf-lib.
 */
function decodeBounded(stream: PDFRawStream, maxBytes: number): Buffer | undefined {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const flateOnly =
    (filter instanceof PDFName && filter === PDFName.of('FlateDecode')) ||
    (filter instanceof PDFArray && filter.size() === 1 && filter.lookup(0) === PDFName.of('FlateDecode'));
  try {
    if (filter === undefined) return Buffer.from(stream.contents);
    if (flateOnly && !stream.dict.has(PDFName.of('DecodeParms'))) {
      return inflateSync(stream.contents, { maxOutputLength: maxBytes });
    }
    const decoded = Buffer.from(decodePDFRawStream(stream).decode());
    return decoded.length > maxBytes ? undefined : decoded;
  } catch {
    return undefined;
  }
}

function textOf(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

/** File names the hybrid-invoice standards use for their XML (Factur-X, ZUGFeRD 1/2, XRechnung). */
export function isInvoiceXmlName(filename: string): boolean {
  return /^(factur-x|zugferd-invoice|zugferd|xrechnung|order-x)\.xml$/i.test(filename) || /\.xml$/i.test(filename);
}
