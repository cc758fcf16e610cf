/**
 * A small XML string builder for the syntax writers: well-formed output, every text and
 * attribute escaped, two-space indentation, and groups that vanish when nothing was written
 * inside them (so optional aggregates never appear empty).
 */
export type XmlAttrs = Readonly<Record<string, string | undefined>>;

/** Characters XML 1.0 forbids (C0 controls except tab, LF, CR; U+FFFE, U+FFFF). Compiled once. */
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex -- matching the forbidden control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const TEXT_SPECIALS = /[&<>"'\r]/g;
const ATTR_SPECIALS = /[&<>"'\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const escapeChar = (c: string): string => ESCAPES[c] ?? c;

/** Escapes element content: & < > " ' (and CR, which a parser would otherwise normalise away). */
export function escapeText(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, '')
    .replace(TEXT_SPECIALS, escapeChar);
}

/** Escapes an attribute value, including whitespace that attribute normalisation would change. */
export function escapeAttr(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, '')
    .replace(ATTR_SPECIALS, escapeChar);
}

export class XmlWriter {
  private readonly parts: string[] = [];
  private depth = 0;

  constructor(private readonly indent = '  ') {
    this.parts.push('<?xml version="1.0" encoding="UTF-8"?>');
  }

  /**
   * Writes `<name attrs>`, runs `body`, then closes the element; when `body` wrote nothing
   * the element is dropped entirely (unless `keepEmpty`).
   */
  group(
    name: string,
    body: () => void,
    attrs?: XmlAttrs,
    keepEmpty = false,
  ): void {
    const mark = this.parts.length;
    this.parts.push(`\n${this.pad()}<${name}${formatAttrs(attrs)}>`);
    this.depth++;
    body();
    this.depth--;
    if (this.parts.length === mark + 1) {
      if (keepEmpty) {
        this.parts[mark] = `\n${this.pad()}<${name}${formatAttrs(attrs)}/>`;
      } else {
        this.parts.length = mark;
      }
      return;
    }
    this.parts.push(`\n${this.pad()}</${name}>`);
  }

  /** Writes `<name attrs>text</name>`; nothing when `text` is undefined. */
  leaf(name: string, text: string | undefined, attrs?: XmlAttrs): void {
    if (text === undefined) return;
    this.parts.push(
      `\n${this.pad()}<${name}${formatAttrs(attrs)}>${escapeText(text)}</${name}>`,
    );
  }

  /** Writes a root element (never dropped) with its namespace declarations. */
  root(name: string, attrs: XmlAttrs, body: () => void): void {
    this.group(name, body, attrs, true);
  }

  /** A position in the output, for {@link rollback}. */
  mark(): number {
    return this.parts.length;
  }

  /** Drops everything written since `mark` (only whole elements written at the current depth). */
  rollback(mark: number): void {
    this.parts.length = mark;
  }

  toString(): string {
    return this.parts.join('') + '\n';
  }

  private pad(): string {
    return this.indent.repeat(this.depth);
  }
}

function formatAttrs(attrs: XmlAttrs | undefined): string {
  if (!attrs) return '';
  let out = '';
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) out += ` ${key}="${escapeAttr(value)}"`;
  }
  return out;
}
