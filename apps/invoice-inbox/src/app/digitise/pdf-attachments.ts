import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFObjectStreamParser,
  PDFRawStream,
  PDFString,
  PDFXRefStreamParser,
} from 'pdf-lib';

/** A file embedded in a PDF (Factur-X / ZUGFeRD / XRechnung put their XML there). */
export interface PdfAttachment {
  filename: string;
  bytes: Buffer;
}

/** What was read out of a PDF, and why any embedded file was left out. */
export interface PdfAttachments {
  attachments: PdfAttachment[];
  /** One line per embedded file (or name tree) not read, saying why. */
  skipped: string[];
}

/** Bounds for reading attachments of untrusted PDFs. */
export interface PdfLimits {
  maxAttachments: number;
  maxAttachmentBytes: number;
  /** Name-tree nesting followed at most this deep (a hostile PDF may loop). */
  maxTreeDepth: number;
  /** Name-tree nodes visited at most, all together (a hostile tree may fan out). */
  maxTreeNodes: number;
  /** Larger PDFs are not opened at all (the upload cap). */
  maxPdfBytes: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxAttachments: 20,
  maxAttachmentBytes: 10 * 1024 * 1024,
  maxTreeDepth: 8,
  maxTreeNodes: 256,
  maxPdfBytes: 20 * 1024 * 1024,
};

/** Decoded size of the object and cross-reference streams, all together, that loading one PDF may inflate. */
export const OBJECT_STREAMS_MAX_BYTES = 32 * 1024 * 1024;

/** The PDF is not opened: too big, or built to blow up when loaded. */
export class PdfRefusedError extends Error {}

/**
 * Reads the embedded files of a PDF: the catalog's `/Names /EmbeddedFiles` name tree and
 * the PDF/A-3 `/AF` array (where Factur-X declares its XML). Throws when the PDF cannot be
 * (or is not) read at all; skips single broken or unsupported entries, saying why.
 */
export async function readPdfAttachments(bytes: Buffer, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<PdfAttachments> {
  if (bytes.length > limits.maxPdfBytes) throw new PdfRefusedError(`it is larger than ${limits.maxPdfBytes} bytes`);
  const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  const refused = objectStreamRefusals.get(pdf.context);
  if (refused) throw new PdfRefusedError(refused);
  const specs: PDFDict[] = [];
  const skipped: string[] = [];
  const names = pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  if (tree) {
    const walk: TreeWalk = { visited: new Set(), nodes: 0, cut: undefined };
    collectNameTree(tree, specs, 0, limits, walk);
    if (walk.cut) skipped.push(`the embedded-files name tree was not read to the end: ${walk.cut}`);
  }
  const af = pdf.catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  if (af) {
    for (let i = 0; i < af.size() && specs.length < limits.maxAttachments; i++) {
      const spec = af.lookupMaybe(i, PDFDict);
      if (spec && !specs.includes(spec)) specs.push(spec);
    }
  }
  const attachments: PdfAttachment[] = [];
  const seen = new Set<string>();
  for (const spec of specs.slice(0, limits.maxAttachments)) {
    const attachment = readFileSpec(spec, limits);
    if (typeof attachment === 'string') {
      skipped.push(attachment);
      continue;
    }
    if (!attachment) continue;
    const key = `${attachment.filename}:${attachment.bytes.length}`;
    if (seen.has(key)) continue;
    seen.add(key);
    attachments.push(attachment);
  }
  return { attachments, skipped };
}

interface TreeWalk {
  /** Nodes already walked: a node reached again (a loop, or shared kids) is not walked twice. */
  visited: Set<PDFDict>;
  nodes: number;
  /** Why the walk stopped early, if it did. */
  cut: string | undefined;
}

function collectNameTree(node: PDFDict, specs: PDFDict[], depth: number, limits: PdfLimits, walk: TreeWalk): void {
  if (walk.cut || specs.length >= limits.maxAttachments) return;
  if (walk.visited.has(node)) {
    walk.cut = 'a node is reached twice (the tree loops)';
    return;
  }
  if (depth > limits.maxTreeDepth) {
    walk.cut = `it is nested deeper than ${limits.maxTreeDepth} levels`;
    return;
  }
  if (++walk.nodes > limits.maxTreeNodes) {
    walk.cut = `it has more than ${limits.maxTreeNodes} nodes`;
    return;
  }
  // pdf-lib resolves a reference to the same object every time, so the dictionary stands for its reference.
  walk.visited.add(node);
  const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (pairs) {
    for (let i = 1; i < pairs.size() && specs.length < limits.maxAttachments; i += 2) {
      const spec = pairs.lookupMaybe(i, PDFDict);
      if (spec) specs.push(spec);
    }
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  if (kids) {
    for (let i = 0; i < kids.size() && !walk.cut && specs.length < limits.maxAttachments; i++) {
      const kid = kids.lookupMaybe(i, PDFDict);
      if (kid) collectNameTree(kid, specs, depth + 1, limits, walk);
    }
  }
}

/** The embedded file, nothing (no embedded stream at all), or why it was not read. */
function readFileSpec(spec: PDFDict, limits: PdfLimits): PdfAttachment | string | undefined {
  const filename = textOf(spec.lookup(PDFName.of('UF'))) ?? textOf(spec.lookup(PDFName.of('F'))) ?? 'attachment';
  const ef = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
  const stream = ef?.lookup(PDFName.of('F')) ?? ef?.lookup(PDFName.of('UF'));
  if (!(stream instanceof PDFRawStream)) return undefined;
  if (stream.contents.length > limits.maxAttachmentBytes) return `embedded file ${filename} not read: it is larger than ${limits.maxAttachmentBytes} bytes`;
  const decoded = decodeBounded(stream, limits.maxAttachmentBytes);
  return typeof decoded === 'string' ? `embedded file ${filename} not read: it ${decoded}` : { filename, bytes: decoded };
}

/**
 * Only what hybrid invoices use is decoded: no filter, or a single FlateDecode without
 * DecodeParms, inflated by zlib with an output cap so a deflate bomb stops at the limit.
 * Filter chains, parameters and other filters would be decoded in full, so they are refused.
 * Returns the bytes or why they were not read.
 */
function decodeBounded(stream: PDFRawStream, maxBytes: number): Buffer | string {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  if (filter === undefined) return Buffer.from(stream.contents);
  if (!isSingleFlate(filter)) return `is encoded with ${describeFilter(filter)}; only a single FlateDecode is read`;
  if (stream.dict.has(PDFName.of('DecodeParms'))) return 'has FlateDecode parameters (DecodeParms), which are not read';
  try {
    return inflateSync(stream.contents, { maxOutputLength: maxBytes });
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? `decodes to more than ${maxBytes} bytes` : 'is not valid FlateDecode data';
  }
}

function describeFilter(filter: PDFObject): string {
  return (filter instanceof PDFArray ? filter.asArray() : [filter]).map((f) => f.toString()).join(' ').slice(0, 200);
}

function textOf(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

/**
 * pdf-lib inflates every object stream (`/Type /ObjStm`) and cross-reference stream
 * (`/Type /XRef`) while loading, in full, and has no option to cap it. So its two entry
 * points for them are wrapped (once, for the process): before pdf-lib decodes such a stream,
 * zlib inflates it against a budget per document; a stream past the budget, or with another
 * filter than FlateDecode, is refused. pdf-lib catches the refusal and skips the object, so
 * the refusal is also remembered per document and {@link readPdfAttachments} throws it.
 * Relies on pdf-lib calling `PDFObjectStreamParser.forStream` / `PDFXRefStreamParser.forStream`
 * (1.17); the bomb test in pdf-attachments.spec.ts fails if that changes.
 */
const OBJECT_STREAMS_GUARDED = Symbol.for('hub.invoice-inbox.pdf-object-stream-guard');
const objectStreamBudgets = new WeakMap<PDFContext, number>();
const objectStreamRefusals = new WeakMap<PDFContext, string>();

function guardObjectStreams(): void {
  const marks = PDFObjectStreamParser as unknown as Record<symbol, boolean | undefined>;
  if (marks[OBJECT_STREAMS_GUARDED]) return;
  marks[OBJECT_STREAMS_GUARDED] = true;
  const objStm = PDFObjectStreamParser.forStream;
  PDFObjectStreamParser.forStream = (rawStream, shouldWaitForTick) => {
    admitObjectStream(rawStream);
    return objStm(rawStream, shouldWaitForTick);
  };
  const xref = PDFXRefStreamParser.forStream;
  PDFXRefStreamParser.forStream = (rawStream) => {
    admitObjectStream(rawStream);
    return xref(rawStream);
  };
}
guardObjectStreams();

function admitObjectStream(stream: PDFRawStream): void {
  const context = stream.dict.context;
  const earlier = objectStreamRefusals.get(context);
  if (earlier) throw new PdfRefusedError(earlier);
  const remaining = objectStreamBudgets.get(context) ?? OBJECT_STREAMS_MAX_BYTES;
  const refuse = (reason: string): never => {
    objectStreamRefusals.set(context, reason);
    throw new PdfRefusedError(reason);
  };
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  let decoded = stream.contents.length;
  if (filter !== undefined) {
    // Predictors (DecodeParms, usual on XRef streams) do not grow the data; pdf-lib ignores them here.
    if (!isSingleFlate(filter)) refuse(`an object stream is encoded with ${describeFilter(filter)}`);
    try {
      decoded = inflateSync(stream.contents, { maxOutputLength: Math.max(1, remaining) }).length;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') refuse('an object stream is not valid FlateDecode data');
      decoded = Number.POSITIVE_INFINITY;
    }
  }
  if (decoded > remaining) refuse(`its object streams decode to more than ${OBJECT_STREAMS_MAX_BYTES} bytes`);
  objectStreamBudgets.set(context, remaining - decoded);
}

function isSingleFlate(filter: PDFObject): boolean {
  const flate = PDFName.of('FlateDecode');
  return filter === flate || (filter instanceof PDFArray && filter.size() === 1 && filter.lookup(0) === flate);
}

/** File names the hybrid-invoice standards use for their XML (Factur-X, ZUGFeRD 1/2, XRechnung). */
export function isInvoiceXmlName(filename: string): boolean {
  return /^(factur-x|zugferd-invoice|zugferd|xrechnung|order-x)\.xml$/i.test(filename) || /\.xml$/i.test(filename);
}
