import { locationOf, select } from '../../xml/query';
import type { XmlElement } from '../../xml/xml-node';
import type { Finding, FindingFlag } from '../finding';

/** Nesting handled by recursion before the walk continues from a queue. */
const MAX_RECURSION = 500;

/**
 * Per-document state shared by the Peppol rule families: the findings sink and an index of
 * every element by local name, built in one walk so that each rule visits only the elements
 * it applies to and validation stays linear in the document size.
 */
export class RuleContext {
  /** Leaf elements whose string value is blank (whitespace only), in document order. */
  readonly blankLeaves: XmlElement[] = [];
  private readonly byLocal = new Map<string, XmlElement[]>();

  /** `collectBlankLeaves`: also list the blank leaves (UBL's empty-element rule needs them). */
  constructor(
    readonly root: XmlElement,
    private readonly findings: Finding[],
    private readonly collectBlankLeaves = false,
  ) {
    this.visit(root);
  }

  /**
   * Pre-order walk. Recursion is the fastest walk in V8; subtrees deeper than {@link MAX_RECURSION}
   * (only possible when the parser's depth limit was raised) are queued and walked afterwards, so
   * the stack stays bounded whatever the depth.
   */
  private visit(root: XmlElement): void {
    const deferred: XmlElement[] = [root];
    while (deferred.length > 0) this.visitFrom(deferred.pop() as XmlElement, 0, deferred);
  }

  private visitFrom(el: XmlElement, depth: number, deferred: XmlElement[]): void {
    const list = this.byLocal.get(el.local);
    if (list) list.push(el);
    else this.byLocal.set(el.local, [el]);
    const kids = el.children;
    if (kids.length === 0) {
      if (this.collectBlankLeaves && isBlank(el.text)) this.blankLeaves.push(el);
      return;
    }
    if (depth >= MAX_RECURSION) {
      for (let i = kids.length - 1; i >= 0; i--) deferred.push(kids[i] as XmlElement);
      return;
    }
    for (let i = 0; i < kids.length; i++) this.visitFrom(kids[i] as XmlElement, depth + 1, deferred);
  }

  /** All elements `{ns}local` anywhere in the document (root included), in document order (below depth 500, subtree by subtree). */
  all(ns: string, local: string): XmlElement[] {
    const list = this.byLocal.get(local);
    if (!list) return [];
    for (const el of list) if (el.ns !== ns) return list.filter((e) => e.ns === ns);
    return list;
  }

  /** Records a failed assertion at `el`; `message` is prefixed with the rule id. */
  fire(rule: string, flag: FindingFlag, el: XmlElement, message: string): void {
    this.findings.push({ rule, flag, location: locationOf(el, this.root), message: `[${rule}] ${message}` });
  }

  /** Records `rule` unless `ok`. */
  check(ok: boolean, rule: string, flag: FindingFlag, el: XmlElement, message: string): void {
    if (!ok) this.fire(rule, flag, el, message);
  }
}

/** True when `s` is empty or only XML whitespace (`not(normalize-space(s))`). */
export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

/** True when `el` is `{ns}local`. */
export function is(el: XmlElement | undefined, ns: string, local: string): el is XmlElement {
  return el !== undefined && el.local === local && el.ns === ns;
}

/** True when the parent of `el` is `{ns}local`. */
export function parentIs(el: XmlElement, ns: string, local: string): boolean {
  return is(el.parent, ns, local);
}

/** First child `{ns}local`. */
export function kid(el: XmlElement | undefined, ns: string, local: string): XmlElement | undefined {
  if (!el) return undefined;
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i] as XmlElement;
    if (k.local === local && k.ns === ns) return k;
  }
  return undefined;
}

/** All children `{ns}local`. */
export function kids(el: XmlElement | undefined, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  if (!el) return out;
  for (const k of el.children) if (k.local === local && k.ns === ns) out.push(k);
  return out;
}

/** `select` from each of several elements (XPath `(a | b)/path`), in order. */
export function selectAll(from: readonly XmlElement[], path: string): XmlElement[] {
  if (from.length === 1) return select(from[0] as XmlElement, path);
  const out: XmlElement[] = [];
  for (const el of from) out.push(...select(el, path));
  return out;
}

/** String value of the first element, or undefined when there is none (XPath empty sequence). */
export function text(el: XmlElement | readonly XmlElement[] | undefined): string | undefined {
  if (el === undefined) return undefined;
  if (Array.isArray(el)) return (el[0] as XmlElement | undefined)?.text;
  return (el as XmlElement).text;
}

/** Unprefixed attribute value. */
export function at(el: XmlElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  for (const a of el.attributes) if (a.local === name && a.ns === '') return a.value;
  return undefined;
}

/** XPath general comparison `nodes = 'value'` on string values (existential). */
export function anyText(nodes: readonly XmlElement[], value: string): boolean {
  for (const n of nodes) if (n.text === value) return true;
  return false;
}
