/**
 * Decoding of already-validated source ranges into XPath string values. The parser checked
 * every reference and every markup construct before, so nothing here can fail.
 */

const CR = /\r\n?/g;

/** Resolves the five predefined entities and character references of checked text. */
export function decodeReferences(raw: string): string {
  let out = '';
  let from = 0;
  let amp = raw.indexOf('&');
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0) break;
    out += raw.slice(from, amp);
    const c = raw.charCodeAt(amp + 1);
    if (c === 0x23 /* # */) {
      const hex = raw.charCodeAt(amp + 2) === 0x78;
      out += String.fromCodePoint(parseInt(raw.slice(amp + (hex ? 3 : 2), semi), hex ? 16 : 10));
    } else {
      switch (raw.slice(amp + 1, semi)) {
        case 'lt':
          out += '<';
          break;
        case 'gt':
          out += '>';
          break;
        case 'amp':
          out += '&';
          break;
        case 'quot':
          out += '"';
          break;
        case 'apos':
          out += "'";
          break;
        default:
          out += raw.slice(amp, semi + 1);
      }
    }
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return from === 0 ? raw : out + raw.slice(from);
}

function textRun(raw: string): string {
  // Line ends are normalised before references are expanded, so `&#13;` survives as CR.
  const t = raw.indexOf('\r') >= 0 ? raw.replace(CR, '\n') : raw;
  return t.indexOf('&') >= 0 ? decodeReferences(t) : t;
}

/** Index just after the `>` closing a tag that starts at `lt`, skipping quoted attribute values. */
function skipTag(src: string, lt: number, end: number): number {
  let i = lt + 1;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 0x3e) return i + 1;
    if (c === 0x22 || c === 0x27) {
      const close = src.indexOf(c === 0x22 ? '"' : "'", i + 1);
      i = close < 0 ? end : close + 1;
    } else {
      i++;
    }
  }
  return end;
}

/** All character data in `src[start, end)`: text and CDATA, without tags, comments and PIs. */
export function stringValue(src: string, start: number, end: number): string {
  let lt = src.indexOf('<', start);
  if (lt < 0 || lt >= end) return textRun(src.slice(start, end));
  const parts: string[] = [];
  let i = start;
  while (i < end) {
    if (lt < 0 || lt >= end) {
      parts.push(textRun(src.slice(i, end)));
      break;
    }
    if (lt > i) parts.push(textRun(src.slice(i, lt)));
    if (src.startsWith('<![CDATA[', lt)) {
      const close = src.indexOf(']]>', lt + 9);
      const raw = src.slice(lt + 9, close);
      parts.push(raw.indexOf('\r') >= 0 ? raw.replace(CR, '\n') : raw);
      i = close + 3;
    } else if (src.startsWith('<!--', lt)) {
      i = src.indexOf('-->', lt + 4) + 3;
    } else if (src.charCodeAt(lt + 1) === 0x3f /* ? */) {
      i = src.indexOf('?>', lt + 2) + 2;
    } else {
      i = skipTag(src, lt, end);
    }
    lt = src.indexOf('<', i);
  }
  return parts.join('');
}
