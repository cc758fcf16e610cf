import { Inject, Injectable } from '@nestjs/common';
import {
  type Invoice,
  parseXml,
  readInvoice,
  validateDocument,
  XmlParseError,
  type XmlElement,
  type XmlLimits,
} from '@hub/einvoice';
import type { DocumentKind, FileRole } from '../documents/document-channel';
import type { DocumentFinding } from '../documents/document-finding';
import { EXTRACTOR, type Extractor } from './extractor.port';
import { fingerprintOf, sha256Hex } from './fingerprint';
import { emptyHeader, headerFromInvoice, type HeaderFields } from './header-fields';
import { DEFAULT_PDF_LIMITS, isInvoiceXmlName, PdfRefusedError, readPdfAttachments } from './pdf-attachments';
import { CONTENT_TYPES, type SniffedType, sniffContent } from './sniff-content';

/** A file as a channel hands it over. */
export interface IncomingFile {
  filename: string;
  /** What the sender claimed; kept only as a hint, the bytes decide. */
  contentType?: string;
  bytes: Buffer;
}

/** A file ready to store: its real type, role and hash. `derived` files were extracted from another one. */
export interface PreparedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
  role: FileRole;
  derived: boolean;
}

/** One document as digitised: its header, the EN 16931 model when there was XML, findings, files. */
export interface DigitisedDocument {
  header: HeaderFields;
  invoice: Invoice | null;
  syntax: string | null;
  profile: string | null;
  findings: DocumentFinding[];
  files: PreparedFile[];
  fingerprint: string | null;
  /** Position of the invoice in a file holding several (an Estonian E_Invoice batch). */
  part: { index: number; of: number } | null;
}

interface XmlSource {
  file: PreparedFile;
  root: XmlElement;
}

/** Header fields a person must see before a document can be "ready". */
const REQUIRED: readonly (keyof HeaderFields)[] = ['supplierName', 'invoiceNumber', 'issueDate', 'totalGross'];

/**
 * Turns the files of one delivery into documents: XML (UBL, CII, Estonian) and the XML
 * inside a Factur-X/ZUGFeRD/XRechnung PDF are read into the EN 16931 model and validated;
 * plain PDFs and images go to the {@link Extractor}. Never throws on bad input: every
 * problem becomes a finding, and a fatal finding puts the document in needs-attention.
 */
@Injectable()
export class DigitiseService {
  constructor(@Inject(EXTRACTOR) private readonly extractor: Extractor) {}

  async digitise(incoming: IncomingFile[], options: { declaredKind?: DocumentKind; xmlLimits?: Partial<XmlLimits> } = {}): Promise<DigitisedDocument[]> {
    const findings: DocumentFinding[] = [];
    const files: PreparedFile[] = [];
    const xmlSources: XmlSource[] = [];
    for (const file of incoming) {
      const type = sniffContent(file.bytes);
      const prepared = prepare(file, type, type === 'xml' ? 'invoice-xml' : type === 'pdf' ? 'rendering' : type === 'unknown' ? 'attachment' : 'image');
      files.push(prepared);
      if (type === 'unknown') {
        findings.push(fatal('digitise', 'INBOX-FILE-TYPE', `${file.filename} is not XML, PDF, JPEG or PNG; it is kept but cannot be read`, file.filename));
      } else if (type === 'xml') {
        const root = this.parse(prepared, findings, options.xmlLimits);
        if (root) xmlSources.push({ file: prepared, root });
        else prepared.role = 'attachment';
      } else if (type === 'pdf') {
        await this.embeddedXml(prepared, files, xmlSources, findings, options.xmlLimits);
      }
    }

    const structured = this.readStructured(xmlSources, findings);
    if (structured.length === 0) {
      return [await this.unstructured(files, findings, options.declaredKind)];
    }
    return structured.map(({ invoice, validation }, index) => {
      const header = headerFromInvoice(invoice);
      if (options.declaredKind === 'receipt') header.kind = 'receipt';
      const own = [...findings, ...validation.findings, ...missingFields(header)];
      return {
        header,
        invoice,
        syntax: validation.syntax,
        profile: validation.profile,
        findings: own,
        files,
        fingerprint: fingerprintOf(header),
        part: structured.length > 1 ? { index, of: structured.length } : null,
      };
    });
  }

  private parse(file: PreparedFile, findings: DocumentFinding[], limits?: Partial<XmlLimits>): XmlElement | undefined {
    try {
      return parseXml(file.bytes, limits).root;
    } catch (error) {
      const reason = error instanceof XmlParseError ? `${error.code}: ${error.message}` : String(error);
      findings.push(fatal('digitise', 'INBOX-XML-UNREADABLE', `${file.filename} is not acceptable XML (${reason})`, file.filename));
      return undefined;
    }
  }

  private async embeddedXml(
    pdf: PreparedFile,
    files: PreparedFile[],
    sources: XmlSource[],
    findings: DocumentFinding[],
    limits?: Partial<XmlLimits>,
  ): Promise<void> {
    let attachments;
    try {
      attachments = await readPdfAttachments(pdf.bytes, DEFAULT_PDF_LIMITS);
    } catch (error) {
      if (error instanceof PdfRefusedError) {
        findings.push(warning('digitise', 'INBOX-PDF-REFUSED', `${pdf.filename} was not searched for an embedded invoice: ${describe(error)}; the original is kept`, pdf.filename));
      } else {
        findings.push(warning('digitise', 'INBOX-PDF-UNREADABLE', `${pdf.filename} could not be opened as a PDF (${describe(error)}); the original is kept`, pdf.filename));
      }
      return;
    }
    for (const reason of attachments.skipped) {
      findings.push(warning('digitise', 'INBOX-PDF-ATTACHMENT-SKIPPED', `${pdf.filename}: ${reason}`.slice(0, 500), pdf.filename));
    }
    for (const a of attachments.attachments.filter((x) => isInvoiceXmlName(x.filename) && sniffContent(x.bytes) === 'xml')) {
      const derived = prepare({ filename: a.filename, bytes: a.bytes }, 'xml', 'embedded-xml', true);
      const root = this.parse(derived, findings, limits);
      if (!root) continue;
      files.push(derived);
      sources.push({ file: derived, root });
    }
  }

  /** Reads every XML source; the first that holds invoices wins, the others are reported. */
  private readStructured(sources: XmlSource[], findings: DocumentFinding[]): { invoice: Invoice; source: XmlSource; validation: Validation }[] {
    for (const source of sources) {
      let invoices: Invoice[];
      try {
        invoices = readInvoice(source.root);
      } catch (error) {
        findings.push(fatal('digitise', 'INBOX-NOT-AN-INVOICE', `${source.file.filename} is XML but not an invoice the inbox reads (${describe(error)})`, source.file.filename));
        source.file.role = 'attachment';
        continue;
      }
      if (invoices.length === 0) continue;
      const validation = validate(source);
      const others = sources.filter((s) => s !== source && s.file.role !== 'attachment');
      for (const other of others) {
        if (other.file.role === 'embedded-xml' && source.file.role === 'invoice-xml') continue;
        findings.push(warning('digitise', 'INBOX-EXTRA-XML', `${other.file.filename} was not read: the document is ${source.file.filename}; deliver other invoices separately`, other.file.filename));
      }
      return invoices.map((invoice) => ({ invoice, source, validation }));
    }
    return [];
  }

  private async unstructured(files: PreparedFile[], findings: DocumentFinding[], declaredKind?: DocumentKind): Promise<DigitisedDocument> {
    const header = emptyHeader(declaredKind ?? 'unknown');
    const readable = files.find((f) => f.role === 'rendering' || f.role === 'image');
    const own = [...findings];
    if (readable) {
      try {
        const extracted = await this.extractor.extract(readable);
        Object.assign(header, extracted.fields);
        own.push(...extracted.findings);
      } catch (error) {
        own.push(warning('digitise', 'INBOX-EXTRACTOR-FAILED', `Field extraction failed (${describe(error)}); enter the fields by hand`, readable.filename));
      }
    }
    if (!files.some((f) => f.role === 'invoice-xml' || f.role === 'embedded-xml')) {
      own.push({ source: 'digitise', flag: 'info', rule: 'INBOX-NO-STRUCTURED-DATA', message: 'No structured invoice data: the fields are entered by a person' });
    }
    own.push(...missingFields(header));
    return { header, invoice: null, syntax: null, profile: null, findings: own, files, fingerprint: fingerprintOf(header), part: null };
  }
}

interface Validation {
  findings: DocumentFinding[];
  syntax: string | null;
  profile: string | null;
}

function validate(source: XmlSource): Validation {
  try {
    const result = validateDocument(source.root);
    return {
      syntax: result.syntax,
      profile: result.profile.id,
      findings: result.findings.map((f) => ({
        source: 'validator' as const,
        flag: f.flag,
        rule: f.rule,
        message: f.message,
        location: f.location,
        file: source.file.filename,
      })),
    };
  } catch (error) {
    return {
      syntax: null,
      profile: null,
      findings: [fatal('validator', 'INBOX-VALIDATOR-FAILED', `Validation could not run (${describe(error)})`, source.file.filename)],
    };
  }
}

function missingFields(header: HeaderFields): DocumentFinding[] {
  const missing = REQUIRED.filter((k) => header[k] === null);
  if (missing.length === 0) return [];
  return [fatal('digitise', 'INBOX-FIELDS-MISSING', `Enter the missing fields: ${missing.join(', ')}`)];
}

function prepare(file: IncomingFile, type: SniffedType, role: FileRole, derived = false): PreparedFile {
  return {
    filename: safeFilename(file.filename),
    contentType: type === 'unknown' ? 'application/octet-stream' : CONTENT_TYPES[type],
    bytes: file.bytes,
    sha256: sha256Hex(file.bytes),
    role,
    derived,
  };
}

/** Keeps a file name printable and path-free (it ends up in Content-Disposition). */
export function safeFilename(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being removed
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base || 'document').slice(0, 200);
}

function fatal(source: DocumentFinding['source'], rule: string, message: string, file?: string): DocumentFinding {
  return { source, flag: 'fatal', rule, message, ...(file ? { file } : {}) };
}

function warning(source: DocumentFinding['source'], rule: string, message: string, file?: string): DocumentFinding {
  return { source, flag: 'warning', rule, message, ...(file ? { file } : {}) };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
