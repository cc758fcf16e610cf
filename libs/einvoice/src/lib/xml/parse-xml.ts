import { referenceProblem } from './check-reference';
import { decodeXmlBytes } from './decode-input';
import { ElementNode, SourceText } from './element-node';
import { lookupPrefix, NameTable, type NameEntry, type Scope } from './name-table';
import { NS } from './query';
import { decodeReferences } from './string-value';
import type { XmlAttribute, XmlDocument, XmlErrorCode, XmlLimits } from './xml-node';
import { XmlParseError } from './xml-parse-error';

export { XmlParseError } from './xml-parse-error';

/**
 * A small, strict, non-validating XML 1.0 + Namespaces parser written for untrusted
 * e-invoices. It never resolves anything external: any DOCTYPE is refused (so no entity
 * expansion, no XXE), and only the five predefined entities and character references are
 * understood. Every failure is an {@link XmlParseError}; the work is linear in the input,
 * and text is decoded lazily from the source so parsing allocates little more than the nodes.
 */

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxDepth: 256,
  maxElements: 2_000_000,
};

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * The document's own copy of a well-known namespace URI is swapped for our constant, so the
 * rules' millions of `el.ns === NS.cbc` checks compare one pointer instead of 60 characters.
 */
const KNOWN_NAMESPACES = new Map<string, string>(Object.values(NS).map((uri) => [uri, uri]));

/** Characters XML 1.0 forbids anywhere in a document (checked once over the whole text). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ILLEGAL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const NON_WS = /[^ \t\r\n]/;
const CR = /\r\n?/g;
const ATTR_WS = /[\t\n]/g;
const XML_DECL = /^<\?xml\s+version\s*=\s*["']1\.[0-9]+["']/;
const DTD_KEYWORD = /^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

const MAX_SHARED_VALUES = 64;
/** Up to this many attributes, duplicate checks scan; beyond, they use a set. */
const FEW_ATTRS = 16;

/** Frozen one-attribute arrays reused across elements, bounded per attribute name. */
function sharedSingleAttribute(entry: NameEntry, value: string): readonly XmlAttribute[] {
  const cache = (entry.shared ??= new Map<string, readonly XmlAttribute[]>());
  let attrs = cache.get(value);
  if (attrs === undefined) {
    attrs = Object.freeze([Object.freeze({ name: entry.qname, local: entry.local, ns: '', value })]);
    if (cache.size < MAX_SHARED_VALUES) cache.set(value, attrs);
  }
  return attrs;
}

const ROOT_SCOPE: Scope = { map: new Map([['xml', XML_NS]]), parent: undefined };
const NO_ATTRS: readonly XmlAttribute[] = Object.freeze([]);

/** 1 for characters that end a name: whitespace, '/', '>', '=', and those never allowed in one. */
const NAME_END = new Uint8Array(128);
for (const c of [0x20, 0x0a, 0x09, 0x0d, 0x3e, 0x2f, 0x3d, 0x3c, 0x22, 0x27, 0x26]) NAME_END[c] = 1;

function isNameTerminator(c: number): boolean {
  // NaN (end of input) compares false everywhere, so it is caught by the last test.
  return c < 128 ? NAME_END[c] === 1 : c !== c;
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/**
 * Parses `input` (bytes, or an already-decoded string) into an element tree.
 * Size is checked before any decoding so huge inputs are refused in O(1).
 */
export function parseXml(input: Buffer | string, limits?: Partial<XmlLimits>): XmlDocument {
  const lim: XmlLimits = { ...DEFAULT_XML_LIMITS, ...limits };
  let src: string;
  if (typeof input === 'string') {
    // UTF-8 needs at least one byte per UTF-16 code unit, so the first test is a safe early exit.
    if (input.length > lim.maxBytes || (input.length * 3 > lim.maxBytes && Buffer.byteLength(input, 'utf8') > lim.maxBytes)) {
      throw new XmlParseError('TOO_LARGE', `Input exceeds ${lim.maxBytes} bytes`);
    }
    src = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    if (input.length > lim.maxBytes) throw new XmlParseError('TOO_LARGE', `Input of ${input.length} bytes exceeds ${lim.maxBytes} bytes`);
    src = decodeXmlBytes(input);
  }
  if (!NON_WS.test(src)) throw new XmlParseError('EMPTY', 'Input is empty');
  return new Parser(src, lim).parse();
}

class Parser {
  private pos = 0;
  private readonly source: SourceText;
  private readonly names: NameTable;
  private elementCount = 0;
  /** Next `&` at or after the current text run; -1 when there is none left. */
  private nextAmp: number;
  /** Set by {@link startTag}. */
  private selfClosing = false;
  private tagScope: Scope = ROOT_SCOPE;

  constructor(
    private readonly src: string,
    private readonly lim: XmlLimits,
  ) {
    this.source = new SourceText(src);
    this.names = new NameTable(src);
    this.nextAmp = src.indexOf('&');
  }

  private fail(code: XmlErrorCode, message: string, at = this.pos): never {
    const { line, column } = this.source.lineColumn(Math.min(at, this.src.length));
    throw new XmlParseError(code, message, line, column);
  }

  parse(): XmlDocument {
    const src = this.src;
    const len = src.length;
    const illegal = ILLEGAL_CHAR.exec(src);
    if (illegal) this.fail('MALFORMED', `Illegal character U+${illegal[0].charCodeAt(0).toString(16).padStart(4, '0')}`, illegal.index);

    if (src.startsWith('<?xml') && isWs(src.charCodeAt(5))) {
      const end = src.indexOf('?>');
      if (end < 0) this.fail('MALFORMED', 'Unterminated XML declaration', len);
      if (!XML_DECL.test(src.slice(0, end))) this.fail('MALFORMED', 'Invalid XML declaration', 0);
      this.pos = end + 2;
    }

    let root: ElementNode | undefined;
    const stack: ElementNode[] = [];
    const scopes: Scope[] = [];
    let scope: Scope = ROOT_SCOPE;
    // Children collect on one shared stack and get an exact-size array when their parent closes:
    // growing an array per parent by push would over-allocate for every element.
    const kids: ElementNode[] = [];
    const kidStart: number[] = [];

    while (this.pos < len) {
      const lt = src.indexOf('<', this.pos);
      const textEnd = lt < 0 ? len : lt;
      if (textEnd > this.pos) {
        if (stack.length === 0) {
          if (NON_WS.test(src.slice(this.pos, textEnd))) this.fail('MALFORMED', 'Text outside the root element');
        } else {
          this.checkReferences(this.pos, textEnd);
        }
      }
      if (lt < 0) break;
      this.pos = lt;
      const c1 = src.charCodeAt(lt + 1);
      if (c1 === 0x2f /* / */) {
        const el = stack.pop();
        if (!el) this.fail('MALFORMED', 'Unexpected end tag');
        this.endTag(el);
        scope = scopes.pop() ?? ROOT_SCOPE;
        const start = kidStart.pop() ?? kids.length;
        if (kids.length > start) {
          el.children = kids.slice(start);
          kids.length = start;
        }
        continue;
      }
      if (c1 === 0x21 /* ! */) {
        this.markupDeclaration(stack.length);
        continue;
      }
      if (c1 === 0x3f /* ? */) {
        this.processingInstruction();
        continue;
      }
      if (stack.length === 0 && root) this.fail('MALFORMED', 'Content after the root element');
      const el = this.startTag(stack[stack.length - 1], scope);
      if (root) kids.push(el);
      else root = el;
      if (!this.selfClosing) {
        stack.push(el);
        kidStart.push(kids.length);
        scopes.push(scope);
        scope = this.tagScope;
        if (stack.length > this.lim.maxDepth) this.fail('TOO_DEEP', `Nesting deeper than ${this.lim.maxDepth} elements`, lt);
      }
    }
    if (stack.length > 0) {
      const open = stack[stack.length - 1] as ElementNode;
      this.fail('MALFORMED', `Unexpected end of input: <${open.name}> is not closed`, len);
    }
    if (!root) this.fail('MALFORMED', 'No root element', len);
    return { root, elementCount: this.elementCount };
  }

  private endTag(el: ElementNode): void {
    const src = this.src;
    const len = src.length;
    const lt = this.pos;
    const nameStart = lt + 2;
    let i = nameStart;
    if (src.startsWith(el.name, nameStart) && isNameTerminator(src.charCodeAt(nameStart + el.name.length))) {
      i = nameStart + el.name.length;
    } else {
      while (i < len && !isNameTerminator(src.charCodeAt(i))) i++;
      if (i >= len) this.fail('MALFORMED', `Unexpected end of input: <${el.name}> is not closed`, len);
      this.fail('MALFORMED', `End tag </${src.slice(nameStart, i)}> does not match <${el.name}>`);
    }
    while (i < len && isWs(src.charCodeAt(i))) i++;
    if (i >= len) this.fail('MALFORMED', `Unexpected end of input in end tag </${el.name}>`, len);
    if (src.charCodeAt(i) !== 0x3e) this.fail('MALFORMED', `Malformed end tag </${el.name}>`, i);
    el.contentEnd = lt;
    this.pos = i + 1;
  }

  private markupDeclaration(depth: number): void {
    const src = this.src;
    const lt = this.pos;
    if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt + 4);
      if (end < 0) this.fail('MALFORMED', 'Unterminated comment', src.length);
      this.pos = end + 3;
      return;
    }
    if (src.startsWith('<![CDATA[', lt)) {
      if (depth === 0) this.fail('MALFORMED', 'CDATA section outside the root element');
      const end = src.indexOf(']]>', lt + 9);
      if (end < 0) this.fail('MALFORMED', 'Unterminated CDATA section', src.length);
      this.pos = end + 3;
      return;
    }
    if (DTD_KEYWORD.test(src.slice(lt, lt + 12))) this.fail('DTD_FORBIDDEN', 'Document type declarations (DTD) are not allowed');
    this.fail('MALFORMED', 'Malformed markup declaration');
  }

  private processingInstruction(): void {
    const src = this.src;
    const lt = this.pos;
    const end = src.indexOf('?>', lt + 2);
    if (end < 0) this.fail('MALFORMED', 'Unterminated processing instruction', src.length);
    let i = lt + 2;
    while (i < end && !isWs(src.charCodeAt(i))) i++;
    const target = src.slice(lt + 2, i);
    if (target === '') this.fail('MALFORMED', 'Processing instruction without target');
    if (target.toLowerCase() === 'xml') this.fail('MALFORMED', 'XML declaration is only allowed at the very start');
    this.pos = end + 2;
  }

  /** Parses `<name attr="v" ...>` or `<name/>` at `this.pos`; sets `selfClosing` and `tagScope`. */
  private startTag(parent: ElementNode | undefined, scope: Scope): ElementNode {
    const src = this.src;
    const len = src.length;
    const lt = this.pos;
    let i = lt + 1;
    while (i < len && !isNameTerminator(src.charCodeAt(i))) i++;
    if (i === lt + 1) this.fail('MALFORMED', "Invalid '<' in content");
    const entry = this.names.intern(lt + 1, i);
    this.checkName(entry, lt + 1);

    let rawAttrs: { entry: NameEntry; value: string; at: number }[] | undefined;
    let newMap: Map<string, string> | undefined;
    let seen: Set<string> | undefined;
    let selfClosing = false;
    for (;;) {
      const before = i;
      while (i < len && isWs(src.charCodeAt(i))) i++;
      if (i >= len) this.fail('MALFORMED', `Unexpected end of input in start tag <${entry.qname}>`, len);
      const c = src.charCodeAt(i);
      if (c === 0x3e) {
        i++;
        break;
      }
      if (c === 0x2f) {
        if (src.charCodeAt(i + 1) !== 0x3e) this.fail('MALFORMED', `Malformed start tag <${entry.qname}>`, i);
        selfClosing = true;
        i += 2;
        break;
      }
      if (i === before) this.fail('MALFORMED', `Whitespace required before attribute in <${entry.qname}>`, i);
      const an = i;
      while (i < len && !isNameTerminator(src.charCodeAt(i))) i++;
      if (i === an) this.fail('MALFORMED', `Malformed attribute in <${entry.qname}>`, i);
      const aentry = this.names.intern(an, i);
      this.checkName(aentry, an);
      while (i < len && isWs(src.charCodeAt(i))) i++;
      if (src.charCodeAt(i) !== 0x3d) this.fail('MALFORMED', `Attribute ${aentry.qname} has no value`, i);
      i++;
      while (i < len && isWs(src.charCodeAt(i))) i++;
      const q = src.charCodeAt(i);
      if (q !== 0x22 && q !== 0x27) this.fail('MALFORMED', `Attribute ${aentry.qname} value is not quoted`, i);
      const vend = src.indexOf(q === 0x22 ? '"' : "'", i + 1);
      if (vend < 0) this.fail('MALFORMED', `Unexpected end of input in attribute ${aentry.qname}`, len);
      const value = this.attributeValue(src.slice(i + 1, vend), i + 1);
      i = vend + 1;
      const aname = aentry.qname;
      if (aname === 'xmlns' || aentry.prefix === 'xmlns') {
        const prefix = aname === 'xmlns' ? '' : aentry.local;
        if (prefix === 'xmlns' || (prefix === 'xml' && value !== XML_NS)) this.fail('MALFORMED', `Cannot redeclare prefix ${prefix}`, an);
        if (prefix !== '' && value === '') this.fail('MALFORMED', `Empty namespace for prefix ${prefix}`, an);
        newMap ??= new Map();
        if (newMap.has(prefix)) this.fail('MALFORMED', `Duplicate attribute ${aname}`, an);
        newMap.set(prefix, KNOWN_NAMESPACES.get(value) ?? value);
        continue;
      }
      rawAttrs ??= [];
      if (rawAttrs.length < FEW_ATTRS) {
        for (const a of rawAttrs) if (a.entry.qname === aname) this.fail('MALFORMED', `Duplicate attribute ${aname}`, an);
      } else {
        // Hostile tags with thousands of attributes must not cost quadratic time.
        seen ??= new Set(rawAttrs.map((a) => a.entry.qname));
        if (seen.has(aname)) this.fail('MALFORMED', `Duplicate attribute ${aname}`, an);
        seen.add(aname);
      }
      rawAttrs.push({ entry: aentry, value, at: an });
    }
    const elScope: Scope = newMap ? { map: newMap, parent: scope } : scope;

    let ns: string | undefined;
    if (entry.elScope === elScope) {
      ns = entry.elNs;
    } else {
      ns = lookupPrefix(elScope, entry.prefix);
      if (ns === undefined) {
        if (entry.prefix !== '') this.fail('MALFORMED', `Unbound namespace prefix "${entry.prefix}"`, lt + 1);
        ns = '';
      }
      entry.elScope = elScope;
      entry.elNs = ns;
    }

    let attributes = NO_ATTRS;
    if (rawAttrs) {
      const only = rawAttrs.length === 1 ? rawAttrs[0] : undefined;
      // One unprefixed attribute (currencyID, unitCode, schemeID...) is the common case: share the array.
      attributes = only && only.entry.prefix === '' ? sharedSingleAttribute(only.entry, only.value) : this.resolveAttributes(rawAttrs, elScope);
    }
    if (++this.elementCount > this.lim.maxElements) this.fail('TOO_MANY_ELEMENTS', `More than ${this.lim.maxElements} elements`, lt);
    const el = new ElementNode(entry.qname, entry.local, ns ?? '', attributes, parent, this.source);
    el.contentStart = i;
    el.contentEnd = i;
    this.pos = i;
    this.selfClosing = selfClosing;
    this.tagScope = elScope;
    return el;
  }

  private resolveAttributes(raw: readonly { entry: NameEntry; value: string; at: number }[], scope: Scope): XmlAttribute[] {
    const out: XmlAttribute[] = [];
    const expanded = raw.length > FEW_ATTRS ? new Set<string>() : undefined;
    for (const a of raw) {
      const e = a.entry;
      if (e.prefix === '') {
        out.push({ name: e.qname, local: e.local, ns: '', value: a.value });
        continue;
      }
      let uri: string | undefined;
      if (e.atScope === scope) uri = e.atNs;
      else {
        uri = lookupPrefix(scope, e.prefix);
        if (uri === undefined || uri === XMLNS_NS) this.fail('MALFORMED', `Unbound namespace prefix "${e.prefix}"`, a.at);
        e.atScope = scope;
        e.atNs = uri;
      }
      if (expanded) {
        const key = `{${uri ?? ''}}${e.local}`;
        if (expanded.has(key)) this.fail('MALFORMED', `Duplicate attribute ${key}`, a.at);
        expanded.add(key);
      } else {
        for (const b of out) if (b.ns === uri && b.local === e.local) this.fail('MALFORMED', `Duplicate attribute {${uri}}${e.local}`, a.at);
      }
      out.push({ name: e.qname, local: e.local, ns: uri ?? '', value: a.value });
    }
    return out;
  }

  private checkName(entry: NameEntry, at: number): void {
    if (entry.checked) return;
    const name = entry.qname;
    const c = name.charCodeAt(0);
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x3a) this.fail('MALFORMED', `Invalid name "${name}"`, at);
    if (entry.prefix !== '' && (entry.local === '' || entry.local.indexOf(':') >= 0)) this.fail('MALFORMED', `Invalid qualified name "${name}"`, at);
    entry.checked = true;
  }

  /** Attribute-value normalisation (XML 1.0 §3.3.3) for CDATA attributes. */
  private attributeValue(raw: string, at: number): string {
    if (raw.indexOf('<') >= 0) this.fail('MALFORMED', "'<' in attribute value", at + raw.indexOf('<'));
    let t = raw;
    if (t.indexOf('\r') >= 0) t = t.replace(CR, ' ');
    if (t.indexOf('\t') >= 0 || t.indexOf('\n') >= 0) t = t.replace(ATTR_WS, ' ');
    if (t.indexOf('&') < 0) return t;
    // Character references are expanded after normalisation so `&#10;` survives as a newline.
    for (let amp = t.indexOf('&'); amp >= 0; amp = t.indexOf('&', amp + 1)) this.checkReference(t, amp, at);
    return decodeReferences(t);
  }

  /** Validates every `&` in the text run `src[from, to)`; the text itself is decoded lazily. */
  private checkReferences(from: number, to: number): void {
    let amp = this.nextAmp;
    if (amp < 0) return;
    // `nextAmp` may point into markup skipped since (attribute, comment, CDATA): move on.
    if (amp < from) amp = this.src.indexOf('&', from);
    while (amp >= 0 && amp < to) {
      this.checkReference(this.src, amp, 0);
      amp = this.src.indexOf('&', amp + 1);
    }
    this.nextAmp = amp;
  }

  private checkReference(s: string, amp: number, base: number): void {
    const problem = referenceProblem(s, amp);
    if (problem) this.fail(problem.code, problem.message, base + amp);
  }
}
