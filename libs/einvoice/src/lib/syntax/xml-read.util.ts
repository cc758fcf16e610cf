import type { XmlElement } from '../xml/xml-node';

/**
 * Child lookups for the readers. Each walks only the direct children of one element, so a
 * reader that visits every element once stays linear in the document size.
 */

/** First child element with the given namespace URI and local name. */
export function childOf(
  el: XmlElement | undefined,
  ns: string,
  local: string,
): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) {
    if (c.local === local && c.ns === ns) return c;
  }
  return undefined;
}

/** All child elements with the given namespace URI and local name, in document order. */
export function childrenOf(
  el: XmlElement | undefined,
  ns: string,
  local: string,
): XmlElement[] {
  if (!el) return [];
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.local === local && c.ns === ns) out.push(c);
  }
  return out;
}

/** Follows a chain of local names within one namespace-per-step list; undefined when a step is missing. */
export function pathOf(
  el: XmlElement | undefined,
  steps: readonly (readonly [string, string])[],
): XmlElement | undefined {
  let cur = el;
  for (const [ns, local] of steps) {
    cur = childOf(cur, ns, local);
    if (!cur) return undefined;
  }
  return cur;
}

/** Trimmed text of an element; undefined when the element is absent or its text is blank. */
export function textOf(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const t = el.text.trim();
  return t === '' ? undefined : t;
}

/** Value of an unprefixed attribute by local name; undefined when absent or blank. */
export function attrOf(
  el: XmlElement | undefined,
  local: string,
): string | undefined {
  if (!el) return undefined;
  for (const a of el.attributes) {
    if (a.local === local && a.ns === '') {
      const v = a.value.trim();
      return v === '' ? undefined : v;
    }
  }
  return undefined;
}

/**
 * `obj`, or undefined when none of its keys has a value (an absent optional group).
 * Readers leave absent optional terms as undefined-valued keys rather than copying objects to
 * drop them: copying doubled the garbage of a large invoice and made GC dominate read time.
 */
export function nonEmpty<T extends object>(obj: T): T | undefined {
  const src = obj as Record<string, unknown>;
  for (const k in src) {
    if (src[k] !== undefined) return obj;
  }
  return undefined;
}
