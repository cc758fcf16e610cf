import type { IncomingFile } from '../../digitise/digitise.service';
import { sniffContent } from '../../digitise/sniff-content';

/** An attachment as mailparser gives it, reduced to what grouping needs. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  bytes: Buffer;
  /** Part of the HTML body (a logo, a signature image referenced by cid:). */
  related: boolean;
}

export interface MailDocuments {
  /** Each entry is one document (one or several files). */
  documents: IncomingFile[][];
  /** Attachments that are not documents, with why. */
  ignored: { filename: string; reason: string }[];
}

/**
 * Which attachments of one mail form which documents. Every XML starts a document; a PDF
 * with the same base name as an XML (or the only PDF next to the only XML) is its
 * rendering, so an XML and its PDF are one document. Other PDFs and images are documents
 * of their own; anything else is ignored (and named in the bounce when nothing is left).
 */
export function groupMailAttachments(attachments: MailAttachment[]): MailDocuments {
  const ignored: MailDocuments['ignored'] = [];
  const xml: IncomingFile[] = [];
  const pdf: IncomingFile[] = [];
  const images: IncomingFile[] = [];
  for (const a of attachments) {
    const type = sniffContent(a.bytes);
    const file = { filename: a.filename, contentType: a.contentType, bytes: a.bytes };
    if (type === 'xml') xml.push(file);
    else if (type === 'pdf') pdf.push(file);
    else if ((type === 'png' || type === 'jpeg') && !a.related) images.push(file);
    else if (type === 'png' || type === 'jpeg') ignored.push({ filename: a.filename, reason: 'an image of the message body' });
    else ignored.push({ filename: a.filename, reason: 'not XML, PDF, JPEG or PNG' });
  }
  const groups = xml.map((x) => [x]);
  const loosePdf: IncomingFile[] = [];
  for (const p of pdf) {
    const index = xml.findIndex((x) => baseName(x.filename) === baseName(p.filename));
    const group = index >= 0 ? groups[index] : undefined;
    if (group) group.push(p);
    else loosePdf.push(p);
  }
  const onlyGroup = groups.length === 1 ? groups[0] : undefined;
  if (onlyGroup && onlyGroup.length === 1 && loosePdf.length === 1 && pdf.length === 1) {
    onlyGroup.push(...loosePdf.splice(0));
  }
  return { documents: [...groups, ...loosePdf.map((p) => [p]), ...images.map((i) => [i])], ignored };
}

function baseName(filename: string): string {
  return filename.toLowerCase().replace(/\.[a-z0-9]+$/, '');
}
