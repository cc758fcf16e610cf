/** What a file really is, judged by its first bytes (a declared content type is only a hint). */
export type SniffedType = 'xml' | 'pdf' | 'png' | 'jpeg' | 'unknown';

export const CONTENT_TYPES: Readonly<Record<Exclude<SniffedType, 'unknown'>, string>> = {
  xml: 'application/xml',
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffContent(bytes: Buffer): SniffedType {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  // PDF readers accept the header anywhere in the first KiB; so do we.
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (looksLikeXml(bytes)) return 'xml';
  return 'unknown';
}

function looksLikeXml(bytes: Buffer): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))) {
    // UTF-16 with a BOM: the next non-blank character must be '<'.
    const text = bytes.subarray(2, 200).toString(bytes[0] === 0xff ? 'utf16le' : 'latin1').replace(/\0/g, '');
    return text.trimStart().startsWith('<');
  }
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && i < 4096 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c;
}

/** A readable label for messages: "XML", "PDF", "PNG", "JPEG". */
export function describeSniffed(type: SniffedType): string {
  return type === 'unknown' ? 'an unsupported type' : type.toUpperCase();
}
