import type { XmlElement } from './xml-node';

/**
 * Tiny, allocation-light navigation over {@link XmlElement} trees. Rules use these instead
 * of an XPath engine: paths are plain child steps, compiled once and cached.
 */

/** Namespace URIs of the syntaxes we read, keyed by their conventional prefix. */
export const NS = {
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  ext: 'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2',
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  xs: 'http://www.w3.org/2001/XMLSchema',
} as const;

export type NsPrefix = keyof typeof NS;

/** Prefixes used when printing locations; document roots print unprefixed. */
const PRINT_PREFIX = new Map<string, string>([
  [NS.cbc, 'cbc'],
  [NS.cac, 'cac'],
  [NS.ext, 'ext'],
  [NS.rsm, 'rsm'],
  [NS.ram, 'ram'],
  [NS.udt, 'udt'],
  [NS.qdt, 'qdt'],
  [NS.invoice, ''],
  [NS.creditNote, ''],
]);

/** First element child with the given namespace and local name. */
export function child(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i] as XmlElement;
    if (k.local === local && k.ns === ns) return k;
  }
  return undefined;
}

/** All element children with the given namespace and local name, in document order. */
export function children(el: XmlElement, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i] as XmlElement;
    if (k.local === local && k.ns === ns) out.push(k);
  }
  return out;
}

/**
 * Descendant elements of `el` (excluding `el`) in document order, optionally filtered by
 * namespace and/or local name (`undefined` matches any).
 */
export function descendants(el: XmlElement, ns?: string, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  // Iterative pre-order walk: no recursion limits, no per-level arrays.
  const stack: XmlElement[] = [];
  for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i] as XmlElement);
  while (stack.length > 0) {
    const k = stack.pop() as XmlElement;
    if ((local === undefined || k.local === local) && (ns === undefined || k.ns === ns)) out.push(k);
    const kids = k.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as XmlElement);
  }
  return out;
}

interface Step {
  /** `undefined` = any namespace (`*:x` or `*`). */
  readonly ns: string | undefined;
  /** `undefined` = any local name (`p:*` or `*`). */
  readonly local: string | undefined;
  /** `..` step */
  readonly up?: true;
}

const compiled = new Map<string, readonly Step[]>();

function compile(path: string): readonly Step[] {
  let steps = compiled.get(path);
  if (steps) return steps;
  steps = path
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .map((s): Step => {
      if (s === '..') return { ns: undefined, local: undefined, up: true };
      if (s === '*') return { ns: undefined, local: undefined };
      const colon = s.indexOf(':');
      // An unprefixed step means "no namespace" (Estonian E_Invoice has none), as in XPath.
      if (colon < 0) return { ns: '', local: s };
      const prefix = s.slice(0, colon);
      const local = s.slice(colon + 1);
      const ns = prefix === '*' ? undefined : (NS as Record<string, string>)[prefix];
      if (prefix !== '*' && ns === undefined) throw new Error(`Unknown namespace prefix "${prefix}" in path "${path}"`);
      return { ns, local: local === '*' ? undefined : local };
    });
  compiled.set(path, steps);
  return steps;
}

function matches(k: XmlElement, step: Step): boolean {
  return (step.local === undefined || k.local === step.local) && (step.ns === undefined || k.ns === step.ns);
}

/**
 * Elements reached from `el` by a '/'-separated path of child steps with the standard
 * prefixes of {@link NS}, e.g. `cac:AccountingSupplierParty/cac:Party/cbc:EndpointID`.
 * Supports `*`, `p:*`, `*:local`, `.` and `..`. Results are in document order.
 */
export function select(el: XmlElement, path: string): XmlElement[] {
  const steps = compile(path);
  let current: XmlElement[] = [el];
  for (const step of steps) {
    const next: XmlElement[] = [];
    if (step.up) {
      const seen = new Set<XmlElement>();
      for (const c of current) {
        if (c.parent && !seen.has(c.parent)) {
          seen.add(c.parent);
          next.push(c.parent);
        }
      }
    } else {
      for (const c of current) {
        const kids = c.children;
        for (let i = 0; i < kids.length; i++) {
          const k = kids[i] as XmlElement;
          if (matches(k, step)) next.push(k);
        }
      }
    }
    if (next.length === 0) return next;
    current = next;
  }
  return current;
}

/** First element of {@link select}, without building the full result. */
export function first(el: XmlElement, path: string): XmlElement | undefined {
  return firstFrom(el, compile(path), 0);
}

function firstFrom(el: XmlElement, steps: readonly Step[], i: number): XmlElement | undefined {
  if (i === steps.length) return el;
  const step = steps[i] as Step;
  if (step.up) return el.parent ? firstFrom(el.parent, steps, i + 1) : undefined;
  const kids = el.children;
  for (let j = 0; j < kids.length; j++) {
    const k = kids[j] as XmlElement;
    if (matches(k, step)) {
      const found = firstFrom(k, steps, i + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Attribute value: `name` without a colon matches an unprefixed attribute by local name, otherwise the qualified name. */
export function attr(el: XmlElement, name: string): string | undefined {
  const attrs = el.attributes;
  const qualified = name.indexOf(':') >= 0;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i];
    if (!a) continue;
    if (qualified ? a.name === name : a.local === name && a.ns === '') return a.value;
  }
  return undefined;
}

const XPATH_WS_RUN = /[ \t\r\n]+/g;

function isXPathWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** XPath `normalize-space`: trims and collapses runs of space, tab, CR and LF (not other Unicode spaces). */
export function normalizeSpace(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  let clean = !isXPathWs(s.charCodeAt(0)) && !isXPathWs(s.charCodeAt(n - 1));
  if (clean) {
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x09 || c === 0x0a || c === 0x0d || (c === 0x20 && s.charCodeAt(i + 1) === 0x20)) {
        clean = false;
        break;
      }
    }
  }
  if (clean) return s;
  const collapsed = s.replace(XPATH_WS_RUN, ' ');
  let a = 0;
  let b = collapsed.length;
  if (collapsed.charCodeAt(0) === 0x20) a = 1;
  if (b > a && collapsed.charCodeAt(b - 1) === 0x20) b--;
  return collapsed.slice(a, b);
}

interface PositionInfo {
  readonly hasSameNamedSiblings?: boolean;
}

/**
 * Location of `el` as an XPath-like path, e.g. `/Invoice/cac:InvoiceLine[2]/cbc:ID`.
 * Standard prefixes are used whatever the document wrote; `[n]` is shown when the element has
 * same-named siblings. The path starts at `root` when given (and `el` is inside it).
 */
export function locationOf(el: XmlElement, root?: XmlElement): string {
  const parts: string[] = [];
  for (let e: XmlElement | undefined = el; e; e = e === root ? undefined : e.parent) {
    const prefix = PRINT_PREFIX.get(e.ns);
    let step = prefix === undefined ? e.name : prefix === '' ? e.local : `${prefix}:${e.local}`;
    const multi = e.position > 1 || (e as PositionInfo).hasSameNamedSiblings === true || (!('hasSameNamedSiblings' in e) && hasSameNamed(e));
    if (multi && e !== root && e.parent) step += `[${e.position}]`;
    parts.push(step);
  }
  return '/' + parts.reverse().join('/');
}

/** Fallback for trees not built by our parser. */
function hasSameNamed(e: XmlElement): boolean {
  const p = e.parent;
  if (!p) return false;
  let n = 0;
  for (const k of p.children) if (k.local === e.local && k.ns === e.ns && ++n > 1) return true;
  return false;
}
