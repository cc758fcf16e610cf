import type { XmlElement } from '../../xml/xml-node';
import type { Finding, FindingFlag } from '../finding';
import { locationOf } from '../../xml/query';
import { CastError } from './xpath-values';
import { normalizeSpaceText, upperCase, xsBoolean } from '../common/xpath.util';

/** UBL namespace URIs (the rules' prefixes cbc, cac, ext, ubl, cn). */
export const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';
export const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
export const EXT = 'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2';
export const UBL_INVOICE = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
export const UBL_CREDIT_NOTE = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';

const PREFIX_BY_NS = new Map<string, string>([
  [CBC, 'cbc'],
  [CAC, 'cac'],
  [EXT, 'ext'],
  [UBL_INVOICE, 'ubl'],
  [UBL_CREDIT_NOTE, 'cn'],
]);
const NS_BY_PREFIX = new Map<string, string>([...PREFIX_BY_NS].map(([ns, p]) => [p, ns]));

/** First child `cac:<local>`. */
export function cac(el: XmlElement | undefined, local: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.local === local && c.ns === CAC) return c;
  return undefined;
}

/** First child `cbc:<local>`. */
export function cbc(el: XmlElement | undefined, local: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.local === local && c.ns === CBC) return c;
  return undefined;
}

/** All children `cac:<local>`. */
export function cacs(el: XmlElement | undefined, local: string): XmlElement[] {
  return el ? el.children.filter((c) => c.local === local && c.ns === CAC) : [];
}

/** All children `cbc:<local>`. */
export function cbcs(el: XmlElement | undefined, local: string): XmlElement[] {
  return el ? el.children.filter((c) => c.local === local && c.ns === CBC) : [];
}

/** True when `el` is `prefix:local` (UBL prefixes). */
export function is(el: XmlElement | undefined, ns: string, local: string): boolean {
  return el !== undefined && el.local === local && el.ns === ns;
}

interface Step {
  readonly ns: string;
  readonly local: string;
}
const compiledPaths = new Map<string, readonly Step[]>();

function compile(path: string): readonly Step[] {
  let steps = compiledPaths.get(path);
  if (!steps) {
    steps = path.split('/').map((s) => {
      const i = s.indexOf(':');
      const ns = NS_BY_PREFIX.get(s.slice(0, i));
      if (ns === undefined) throw new Error(`unknown prefix in ${path}`);
      return { ns, local: s.slice(i + 1) };
    });
    compiledPaths.set(path, steps);
  }
  return steps;
}

function collect(el: XmlElement, steps: readonly Step[], depth: number, out: XmlElement[]): void {
  const step = steps[depth] as Step;
  const last = depth === steps.length - 1;
  for (const c of el.children) {
    if (c.local !== step.local || c.ns !== step.ns) continue;
    if (last) out.push(c);
    else collect(c, steps, depth + 1, out);
  }
}

function countSteps(el: XmlElement, steps: readonly Step[], depth: number): number {
  const step = steps[depth] as Step;
  const last = depth === steps.length - 1;
  let n = 0;
  for (const c of el.children) {
    if (c.local !== step.local || c.ns !== step.ns) continue;
    n += last ? 1 : countSteps(c, steps, depth + 1);
  }
  return n;
}

function firstSteps(el: XmlElement, steps: readonly Step[], depth: number): XmlElement | undefined {
  const step = steps[depth] as Step;
  const last = depth === steps.length - 1;
  for (const c of el.children) {
    if (c.local !== step.local || c.ns !== step.ns) continue;
    const found = last ? c : firstSteps(c, steps, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Child-axis path such as `cac:Party/cac:PartyTaxScheme/cbc:CompanyID`, in document order (compiled once, cached). */
export function sel(el: XmlElement | undefined, path: string): XmlElement[] {
  const out: XmlElement[] = [];
  if (el) collect(el, compile(path), 0, out);
  return out;
}

/** First match of `sel`, without building the list. */
export function sel1(el: XmlElement | undefined, path: string): XmlElement | undefined {
  return el ? firstSteps(el, compile(path), 0) : undefined;
}

/** `count(path)`, without building the list. */
export function count(el: XmlElement | undefined, path: string): number {
  return el ? countSteps(el, compile(path), 0) : 0;
}

/** Attribute value by unprefixed local name. */
export function attr(el: XmlElement | undefined, local: string): string | undefined {
  if (!el) return undefined;
  for (const a of el.attributes) if (a.local === local && a.ns === '') return a.value;
  return undefined;
}

/** `normalize-space(x)` of an optional element ('' when absent). */
export function nz(el: XmlElement | undefined): string {
  return el ? normalizeSpaceText(el.text) : '';
}

/** `cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT'` on a (Classified)TaxCategory or PartyTaxScheme. */
export function isVatScheme(el: XmlElement): boolean {
  for (const c of el.children) {
    if (c.local !== 'TaxScheme' || c.ns !== CAC) continue;
    const id = cbc(c, 'ID')?.text ?? '';
    if (id === 'VAT' || normalizeSpaceText(upperCase(id)) === 'VAT') return true;
  }
  return false;
}

/**
 * `cbc:ChargeIndicator = true()/false()`: the indicators are cast to xs:boolean; a value that cannot be
 * cast makes the comparison an error, which in a rule context means "does not match".
 */
export function chargeIndicatorIs(ac: XmlElement, value: boolean): boolean {
  for (const c of ac.children) {
    if (c.local === 'ChargeIndicator' && c.ns === CBC && xsBoolean(c.text) === value) return true;
  }
  return false;
}

const parsedKeys = new Map<string, readonly [string, string]>();

/** `prefix:local` -> [namespace URI, local name], parsed once per key. */
function parseKey(key: string): readonly [string, string] {
  let parsed = parsedKeys.get(key);
  if (!parsed) {
    const i = key.indexOf(':');
    const ns = NS_BY_PREFIX.get(key.slice(0, i));
    if (ns === undefined) throw new Error(`unknown prefix in ${key}`);
    parsed = [ns, key.slice(i + 1)];
    parsedKeys.set(key, parsed);
  }
  return parsed;
}

const NONE: readonly XmlElement[] = [];

/**
 * Everything the rules need from one document, gathered in a single walk: elements by name in
 * document order, and the root kind.
 */
export class UblIndex {
  /** namespace URI -> local name -> elements in document order. */
  private readonly byName = new Map<string, Map<string, XmlElement[]>>();
  /** Elements whose qualified name ends with `Amount` / `BinaryObject` (UBL-DT-01, -06, -07). */
  readonly amounts: XmlElement[] = [];
  readonly binaryObjects: XmlElement[] = [];
  /** Local names of the unprefixed attributes present anywhere. */
  readonly attributeNames = new Set<string>();
  /** `count(//@name)` and `count(//cbc:PaymentMeansCode/@name)` (UBL-DT-18). */
  nameAttributes = 0;
  paymentMeansNameAttributes = 0;
  readonly isInvoice: boolean;
  readonly isCreditNote: boolean;

  constructor(
    readonly root: XmlElement,
    private readonly findings: Finding[],
  ) {
    this.isInvoice = is(root, UBL_INVOICE, 'Invoice');
    this.isCreditNote = is(root, UBL_CREDIT_NOTE, 'CreditNote');
    this.visit(root);
  }

  private lastNs = '';
  private lastLocals: Map<string, XmlElement[]> | undefined;

  private visit(el: XmlElement): void {
    const name = el.name;
    // Both suffixes end in 't': one character test spares two string searches on most elements.
    if (name.charCodeAt(name.length - 1) === 116) {
      if (name.endsWith('Amount')) this.amounts.push(el);
      else if (name.endsWith('BinaryObject')) this.binaryObjects.push(el);
    }
    const attributes = el.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const a = attributes[i] as XmlElement['attributes'][number];
      if (a.ns !== '') continue;
      this.attributeNames.add(a.local);
      if (a.local === 'name') {
        this.nameAttributes++;
        if (el.local === 'PaymentMeansCode' && el.ns === CBC) this.paymentMeansNameAttributes++;
      }
    }
    // Consecutive elements mostly share a namespace: remember the last one's table.
    let locals = this.lastNs === el.ns ? this.lastLocals : this.byName.get(el.ns);
    if (!locals) {
      locals = new Map();
      this.byName.set(el.ns, locals);
    }
    this.lastNs = el.ns;
    this.lastLocals = locals;
    const list = locals.get(el.local);
    if (list) list.push(el);
    else locals.set(el.local, [el]);
    const children = el.children;
    for (let i = 0; i < children.length; i++) this.visit(children[i] as XmlElement);
  }

  /** True when the root is `ubl:Invoice` or `cn:CreditNote` (the `/ubl:Invoice | /cn:CreditNote` contexts). */
  get isUblRoot(): boolean {
    return this.isInvoice || this.isCreditNote;
  }

  /** All elements `prefix:local` in document order (`//prefix:local`). */
  named(key: string): readonly XmlElement[] {
    const [ns, local] = parseKey(key);
    return this.byName.get(ns)?.get(local) ?? NONE;
  }

  /** Records a failed assertion at the context node. */
  fail(rule: string, ctx: XmlElement, message: string, flag: FindingFlag = 'fatal'): void {
    this.findings.push({ rule, flag, location: locationOf(ctx, this.root), message: `[${rule}] ${message}` });
  }

  /**
   * Evaluates an assertion; a CastError (XPath dynamic error) counts as a failed assertion.
   */
  test(rule: string, ctx: XmlElement, message: string, fn: () => boolean, flag: FindingFlag = 'fatal'): void {
    let ok: boolean;
    try {
      ok = fn();
    } catch (e) {
      if (!(e instanceof CastError)) throw e;
      ok = false;
    }
    if (!ok) this.fail(rule, ctx, message, flag);
  }

  /** Records `rule` when `ok` is false. */
  check(ok: boolean, rule: string, ctx: XmlElement, message: string, flag: FindingFlag = 'fatal'): void {
    if (!ok) this.fail(rule, ctx, message, flag);
  }
}
