import type { XmlElement } from '../../xml/xml-node';
import { NS, attr, normalizeSpace } from '../../xml/query';
import { xsBoolean } from '../common';
import { XPathError } from './xpath-error';

/**
 * Navigation and string semantics the EN 16931 CII rules need, kept XPath-exact (numbers:
 * `cii-number.util.ts`, re-exported here):
 * sequences are arrays of elements, a function that XPath would reject with a dynamic or type
 * error throws {@link XPathError}, and the caller ({@link Reporter.check}) counts such an
 * assertion as failed. Paths are compiled once at module load.
 */

/** Namespaces of the CII rules' prefixes rsm, ram and udt. */
export const RSM = NS.rsm;
export const RAM = NS.ram;
export const UDT = NS.udt;

export { XPathError } from './xpath-error';
export * from './cii-number.util';

/** One compiled child step. */
export interface Step {
  readonly ns: string;
  readonly local: string;
}
/** A compiled child path. */
export type Path = readonly Step[];

const PREFIXES: Readonly<Record<string, string>> = {
  rsm: RSM,
  ram: RAM,
  udt: UDT,
  qdt: NS.qdt,
};

const compiled = new Map<string, Path>();

/** Compiles `ram:A/ram:B` (child steps with the rsm/ram/udt/qdt prefixes), once per distinct text. */
export function path(text: string): Path {
  const known = compiled.get(text);
  if (known) return known;
  const steps = text.split('/').map((s) => {
    const i = s.indexOf(':');
    const ns = PREFIXES[s.slice(0, i)];
    if (i < 0 || ns === undefined) throw new Error(`bad step ${s} in ${text}`);
    return { ns, local: s.slice(i + 1) };
  });
  compiled.set(text, steps);
  return steps;
}

/** Element children with the namespace and local name. */
export function kids(el: XmlElement, ns: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const k of el.children)
    if (k.local === local && k.ns === ns) out.push(k);
  return out;
}

/** First element child with the namespace and local name. */
export function kid(
  el: XmlElement,
  ns: string,
  local: string,
): XmlElement | undefined {
  for (const k of el.children) if (k.local === local && k.ns === ns) return k;
  return undefined;
}

/** True when `el` is `ns:local`. */
export function is(
  el: XmlElement | undefined,
  ns: string,
  local: string,
): el is XmlElement {
  return el !== undefined && el.local === local && el.ns === ns;
}

/** XPath `el/p1/p2...` from one or several start nodes, document order (child steps only). */
export function sel(
  from: XmlElement | readonly XmlElement[],
  p: Path,
): XmlElement[] {
  const out: XmlElement[] = [];
  if (Array.isArray(from))
    for (const f of from as readonly XmlElement[]) collect(f, p, 0, out);
  else collect(from as XmlElement, p, 0, out);
  return out;
}

function collect(el: XmlElement, p: Path, i: number, out: XmlElement[]): void {
  const step = p[i] as Step;
  const last = i === p.length - 1;
  for (const k of el.children) {
    if (k.local !== step.local || k.ns !== step.ns) continue;
    if (last) out.push(k);
    else collect(k, p, i + 1, out);
  }
}

/** First element of `el/p1/p2...` in document order, without building the sequence. */
export function first(el: XmlElement, p: Path, i = 0): XmlElement | undefined {
  const step = p[i] as Step;
  const last = i === p.length - 1;
  for (const k of el.children) {
    if (k.local !== step.local || k.ns !== step.ns) continue;
    if (last) return k;
    const found = first(k, p, i + 1);
    if (found) return found;
  }
  return undefined;
}

/** `count(el/p1/p2...)` without building the sequence. */
export function count(el: XmlElement, p: Path, i = 0): number {
  const step = p[i] as Step;
  const last = i === p.length - 1;
  let n = 0;
  for (const k of el.children) {
    if (k.local !== step.local || k.ns !== step.ns) continue;
    n += last ? 1 : count(k, p, i + 1);
  }
  return n;
}

/** String value of `el/p1/p2...` where XPath wants one item: '' when empty, error when several. */
export function strAt(el: XmlElement, p: Path): string {
  const found: XmlElement[] = [];
  firstTwo(el, p, 0, found);
  if (found.length > 1) throw new XPathError('more than one item');
  return found.length === 0 ? '' : (found[0] as XmlElement).text;
}

function firstTwo(el: XmlElement, p: Path, i: number, out: XmlElement[]): void {
  const step = p[i] as Step;
  const last = i === p.length - 1;
  for (const k of el.children) {
    if (k.local !== step.local || k.ns !== step.ns) continue;
    if (last) out.push(k);
    else firstTwo(k, p, i + 1, out);
    if (out.length > 1) return;
  }
}

/** Number of element children with the namespace and local name. */
export function countKids(el: XmlElement, ns: string, local: string): number {
  let n = 0;
  for (const k of el.children) if (k.local === local && k.ns === ns) n++;
  return n;
}

/** XPath `exists(el/p1/p2...)` without building the sequence. */
export function has(
  from: XmlElement | readonly XmlElement[],
  p: Path,
): boolean {
  if (Array.isArray(from))
    return (from as readonly XmlElement[]).some((f) => hasFrom(f, p, 0));
  return hasFrom(from as XmlElement, p, 0);
}

function hasFrom(el: XmlElement, p: Path, i: number): boolean {
  const step = p[i];
  if (!step) return true;
  for (const k of el.children)
    if (k.local === step.local && k.ns === step.ns && hasFrom(k, p, i + 1))
      return true;
  return false;
}

/** Unprefixed attribute value (XPath `@name`). */
export function at(el: XmlElement, name: string): string | undefined {
  return attr(el, name);
}

/** String value of a sequence used where XPath wants one item: '' when empty, error when longer. */
export function str(items: readonly (XmlElement | string)[]): string {
  if (items.length > 1) throw new XPathError('more than one item');
  const it = items[0];
  return it === undefined ? '' : typeof it === 'string' ? it : it.text;
}

/** `normalize-space(seq)`. */
export function nsp(items: readonly (XmlElement | string)[]): string {
  return normalizeSpace(str(items));
}

/** `upper-case(seq)`. */
export function upper(items: readonly (XmlElement | string)[]): string {
  return str(items).toUpperCase();
}

/** `@name` values of the elements that carry it. */
export function attrs(els: readonly XmlElement[], name: string): string[] {
  const out: string[] = [];
  for (const e of els) {
    const v = attr(e, name);
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** General comparison `seq = 'literal'` on strings (untyped values compare as strings). */
export function anyEq(
  items: readonly (XmlElement | string)[],
  value: string,
): boolean {
  for (const it of items)
    if ((typeof it === 'string' ? it : it.text) === value) return true;
  return false;
}

/** General comparison `a = b` of two untyped sequences (string comparison). */
export function anyEqSeq(
  a: readonly (XmlElement | string)[],
  b: readonly (XmlElement | string)[],
): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const right = new Set(b.map((x) => (typeof x === 'string' ? x : x.text)));
  for (const x of a)
    if (right.has(typeof x === 'string' ? x : x.text)) return true;
  return false;
}

/**
 * General comparison `ram:ChargeIndicator/udt:Indicator = true()` (or false()) on an allowance
 * or charge: each indicator is cast to xs:boolean, a value that is not a boolean is an error.
 */
export function indicatorIs(
  allowanceCharge: XmlElement,
  target: boolean,
): boolean {
  for (const ci of allowanceCharge.children) {
    if (ci.local !== 'ChargeIndicator' || ci.ns !== RAM) continue;
    for (const ind of ci.children) {
      if (ind.local !== 'Indicator' || ind.ns !== UDT) continue;
      const b = xsBoolean(ind.text);
      if (b === undefined) throw new XPathError('indicator is not a boolean');
      if (b === target) return true;
    }
  }
  return false;
}

/** Same as {@link indicatorIs} in a rule context, where an XPath error means "no match". */
export function indicatorMatches(
  allowanceCharge: XmlElement,
  target: boolean,
): boolean {
  try {
    return indicatorIs(allowanceCharge, target);
  } catch (e) {
    if (e instanceof XPathError) return false;
    throw e;
  }
}

/** `(ram:ChargeIndicator/udt:Indicator cast as xs:boolean)`: exactly one boolean, else an error. */
export function indicatorCast(allowanceCharge: XmlElement): boolean {
  const inds: XmlElement[] = [];
  for (const ci of kids(allowanceCharge, RAM, 'ChargeIndicator'))
    inds.push(...kids(ci, UDT, 'Indicator'));
  const b =
    inds.length === 1 ? xsBoolean((inds[0] as XmlElement).text) : undefined;
  if (b === undefined) throw new XPathError('indicator cast');
  return b;
}

/** `upper-case(ram:TypeCode) = 'VAT'` in a rule context (several type codes: no match). */
export function isVatTyped(tax: XmlElement): boolean {
  const tc = kids(tax, RAM, 'TypeCode');
  if (tc.length > 1) return false;
  return (tc[0]?.text ?? '').toUpperCase() === 'VAT';
}

/** `ancestor::ram:local` within the validated root (never above it). */
export function hasAncestor(
  el: XmlElement,
  root: XmlElement,
  local: string,
): boolean {
  for (
    let p = el === root ? undefined : el.parent;
    p;
    p = p === root ? undefined : p.parent
  ) {
    if (p.local === local && p.ns === RAM) return true;
  }
  return false;
}
