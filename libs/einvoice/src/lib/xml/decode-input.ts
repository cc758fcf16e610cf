import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { XmlParseError } from './xml-parse-error';

/**
 * Turns raw input bytes into a JS string, honouring a byte-order mark and the XML
 * declaration's `encoding`. Only the encodings e-invoices actually use are accepted;
 * anything else is refused rather than guessed, because a wrong guess silently changes
 * names and amounts.
 */

const UTF16LE_FATAL = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const UTF16BE_FATAL = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });

/** windows-1252 differs from ISO-8859-1 only in 0x80..0x9F (Node's TextDecoder gets this wrong). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d,
  0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d,
  0x017e, 0x0178,
];

type Enc = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1' | 'cp1252';

const ENCODING_DECL = /^<\?xml[\s\S]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]*)["']/;

function declaredEncoding(head: string): string | undefined {
  if (!head.startsWith('<?xml')) return undefined;
  const end = head.indexOf('?>');
  const decl = end >= 0 ? head.slice(0, end) : head;
  const m = ENCODING_DECL.exec(decl);
  return m?.[1]?.toLowerCase();
}

function classify(label: string): Enc | 'utf-16' | undefined {
  switch (label) {
    case 'utf-8':
    case 'utf8':
    case 'us-ascii':
    case 'ascii':
      return 'utf-8';
    case 'iso-8859-1':
    case 'iso8859-1':
    case 'iso_8859-1':
    case 'latin1':
    case 'latin-1':
    case 'l1':
      return 'latin1';
    case 'windows-1252':
    case 'cp1252':
    case 'x-cp1252':
      return 'cp1252';
    case 'utf-16':
    case 'utf16':
      return 'utf-16';
    case 'utf-16le':
      return 'utf-16le';
    case 'utf-16be':
      return 'utf-16be';
    default:
      return undefined;
  }
}

function decodeCp1252(buf: Buffer): string {
  const latin = buf.toString('latin1');
  // Fast path: no byte in 0x80..0x9F means latin1 and cp1252 agree.
  if (!/[\u0080-\u009f]/.test(latin)) return latin;
  return latin.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? 0xfffd));
}

/** Decodes `buf` (already size-checked) into a string without BOM. */
export function decodeXmlBytes(buf: Buffer): string {
  let enc: Enc | undefined;
  let start = 0;
  const b0 = buf[0];
  const b1 = buf[1];
  if (b0 === 0xef && b1 === 0xbb && buf[2] === 0xbf) {
    enc = 'utf-8';
    start = 3;
  } else if (b0 === 0xfe && b1 === 0xff) {
    enc = 'utf-16be';
    start = 2;
  } else if (b0 === 0xff && b1 === 0xfe) {
    enc = 'utf-16le';
    start = 2;
  } else if (b0 === 0x00 && b1 === 0x3c) {
    enc = 'utf-16be';
  } else if (b0 === 0x3c && b1 === 0x00) {
    enc = 'utf-16le';
  }
  const bomless = start > 0 ? buf.subarray(start) : buf;

  if (enc === 'utf-16le' || enc === 'utf-16be') {
    const text = decodeWith(enc === 'utf-16le' ? UTF16LE_FATAL : UTF16BE_FATAL, bomless, enc);
    const declared = declaredEncoding(text.slice(0, 256));
    if (declared !== undefined) {
      const c = classify(declared);
      if (c !== 'utf-16' && c !== enc) {
        throw new XmlParseError('ENCODING', `Document is UTF-16 but declares encoding "${declared}"`);
      }
    }
    return text;
  }

  const head = bomless.subarray(0, 256).toString('latin1');
  const declared = declaredEncoding(head);
  if (declared !== undefined) {
    const c = classify(declared);
    if (c === undefined) throw new XmlParseError('ENCODING', `Unsupported encoding "${declared}"`);
    if (c === 'utf-16' || c === 'utf-16le' || c === 'utf-16be') {
      throw new XmlParseError('ENCODING', `Encoding "${declared}" declared but the document has no UTF-16 byte layout`);
    }
    if (enc === 'utf-8' && c !== 'utf-8') {
      throw new XmlParseError('ENCODING', `UTF-8 byte-order mark contradicts declared encoding "${declared}"`);
    }
    enc = c;
  }
  if (enc === 'latin1') return bomless.toString('latin1');
  if (enc === 'cp1252') return decodeCp1252(bomless);
  // isUtf8 + toString is several times faster than a fatal TextDecoder on large inputs.
  if (!isUtf8(bomless)) throw new XmlParseError('ENCODING', 'Input is not valid utf-8');
  return bomless.toString('utf8');
}

function decodeWith(decoder: TextDecoder, bytes: Buffer, label: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new XmlParseError('ENCODING', `Input is not valid ${label}`);
  }
}
