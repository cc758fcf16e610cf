import type { DocumentFile } from '../documents/document-file.entity';

/** What a person downloads to read a document. */
export type Readable = { kind: 'file'; file: DocumentFile } | { kind: 'rendering' } | { kind: 'none' };

/**
 * The original PDF when there is one, else an image (a photographed receipt), else a
 * rendering of the structured invoice (an XML-only e-invoice), else the first file.
 */
export function chooseReadable(files: readonly DocumentFile[], hasModel: boolean): Readable {
  const pdf = files.find((f) => f.contentType === 'application/pdf');
  if (pdf) return { kind: 'file', file: pdf };
  const image = files.find((f) => f.contentType.startsWith('image/'));
  if (image) return { kind: 'file', file: image };
  if (hasModel) return { kind: 'rendering' };
  const [first] = files;
  return first ? { kind: 'file', file: first } : { kind: 'none' };
}

/** API paths of the ERP register's downloads (served by ErpRegisterController). */
export function registerPaths(companyId: string, documentId: string): { readable: string; file: (fileId: string) => string } {
  const base = `/companies/${encodeURIComponent(companyId)}/erp/incoming-invoices/${documentId}`;
  return { readable: `${base}/original`, file: (fileId) => `${base}/files/${fileId}` };
}
