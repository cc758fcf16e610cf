import type { XmlElement } from '../../xml/xml-node';
import { CAC, CBC, EXT, type UblIndex, attr, cacs, cbc, cbcs, sel } from './ubl-index';
import { UBL_CR_HEADER_PATHS } from './ubl-cr-header.table';
import { UBL_CR_DETAIL_PATHS } from './ubl-cr-details.table';

const NS_BY_PREFIX: Readonly<Record<string, string>> = { cbc: CBC, cac: CAC, ext: EXT };

interface Target {
  readonly rule: string;
  readonly attribute: string | undefined;
  readonly path: string;
}

/** A trie over child steps, so all restriction paths are checked in one walk of the relevant subtrees. */
class TrieNode {
  /** local name -> child nodes (one per namespace; UBL never reuses a local name across cac/cbc). */
  readonly next = new Map<string, TrieNode[]>();
  readonly targets: Target[] = [];

  constructor(readonly ns: string) {}

  child(ns: string, local: string): TrieNode | undefined {
    const nodes = this.next.get(local);
    if (!nodes) return undefined;
    for (const n of nodes) if (n.ns === ns) return n;
    return undefined;
  }

  add(ns: string, local: string): TrieNode {
    const existing = this.child(ns, local);
    if (existing) return existing;
    const node = new TrieNode(ns);
    const nodes = this.next.get(local);
    if (nodes) nodes.push(node);
    else this.next.set(local, [node]);
    return node;
  }
}

interface DescendantPath {
  readonly rule: string;
  readonly first: string;
  readonly rest: string;
  readonly attribute: string | undefined;
  readonly path: string;
}

/** Compiled once at module load. */
const ROOT_TRIE = new TrieNode('');
const LINE_TRIE = new TrieNode('');
const DESCENDANT: DescendantPath[] = [];
const ORDER = new Map<string, number>();

for (const [rule, raw] of [...UBL_CR_HEADER_PATHS, ...UBL_CR_DETAIL_PATHS]) {
  ORDER.set(rule, ORDER.size);
  let path = raw;
  let attribute: string | undefined;
  const at = path.indexOf('/@');
  if (at >= 0) {
    attribute = path.slice(at + 2);
    path = path.slice(0, at);
  }
  if (path.startsWith('//')) {
    const steps = path.slice(2).split('/');
    DESCENDANT.push({ rule, first: steps[0] as string, rest: steps.slice(1).join('/'), attribute, path: raw });
    continue;
  }
  let node = ROOT_TRIE;
  if (path.startsWith('line:')) {
    node = LINE_TRIE;
    path = path.slice(5);
  }
  for (const step of path.split('/')) {
    const [prefix, local] = step.split(':') as [string, string];
    node = node.add(NS_BY_PREFIX[prefix] as string, local);
  }
  node.targets.push({ rule, attribute, path: raw });
}

function walk(el: XmlElement, node: TrieNode, hits: Map<string, string>): void {
  for (const c of el.children) {
    const next = node.child(c.ns, c.local);
    if (!next) continue;
    for (const t of next.targets) {
      if (!hits.has(t.rule) && (t.attribute === undefined || attr(c, t.attribute) !== undefined)) hits.set(t.rule, t.path);
    }
    if (next.next.size > 0) walk(c, next, hits);
  }
}

/** UBL-CR-001..679: elements and attributes EN 16931 does not use (warnings, two fatal). */
export function ublCrRules(ix: UblIndex): void {
  if (!ix.isUblRoot) return;
  const r = ix.root;
  const hits = new Map<string, string>();
  walk(r, ROOT_TRIE, hits);
  for (const c of r.children) {
    if (c.ns === CAC && (c.local === 'InvoiceLine' || c.local === 'CreditNoteLine')) walk(c, LINE_TRIE, hits);
  }
  for (const d of DESCENDANT) {
    if (hits.has(d.rule)) continue;
    for (const start of ix.named(d.first)) {
      const ends = d.rest === '' ? [start] : sel(start, d.rest);
      if (ends.some((e) => d.attribute === undefined || attr(e, d.attribute) !== undefined)) {
        hits.set(d.rule, d.path);
        break;
      }
    }
  }
  const ordered = [...hits].sort((a, b) => (ORDER.get(a[0]) ?? 0) - (ORDER.get(b[0]) ?? 0));
  for (const [rule, path] of ordered) ix.fail(rule, r, `${describe(path)} should not be present in an EN 16931 invoice.`, 'warning');

  const versions = cbcs(r, 'UBLVersionID');
  ix.check(versions.length === 0 || versions.some((v) => v.text === '2.1'), 'UBL-CR-002', r, 'The UBL version identifier should be 2.1 when present.', 'warning');
  ix.check(
    ix.isCreditNote || sel(r, 'cac:PaymentMeans/cbc:PaymentDueDate').length === 0,
    'UBL-CR-412',
    r,
    'An invoice should not include a payment due date in the payment means (use cbc:DueDate).',
    'warning',
  );
  ix.check(!ix.attributeNames.has('unitCodeListID'), 'UBL-CR-663', r, 'The attribute unitCodeListID should not be present.', 'warning');
  const adrs = ix.named('cac:AdditionalDocumentReference');
  const is130 = (a: XmlElement) => cbcs(a, 'DocumentTypeCode').some((c) => c.text === '130');
  const not130 = (a: XmlElement) => {
    const codes = cbcs(a, 'DocumentTypeCode');
    return codes.length === 0 || codes.some((c) => c.text !== '130');
  };
  ix.check(
    !adrs.some((a) => not130(a) && cbcs(a, 'ID').some((id) => attr(id, 'schemeID') !== undefined)),
    'UBL-CR-665',
    r,
    'The scheme identifier of a supporting document reference should only be used for an invoiced object identifier (document type code 130).',
    'warning',
  );
  ix.check(!adrs.some((a) => is130(a) && cacs(a, 'Attachment').length > 0), 'UBL-CR-666', r, 'An invoiced object identifier (document type code 130) shall not have an attachment.');
  ix.check(
    !adrs.some((a) => is130(a) && cbc(a, 'DocumentDescription') !== undefined),
    'UBL-CR-673',
    r,
    'An invoiced object identifier (document type code 130) shall not have a document description.',
  );
}

/** `cac:Delivery/cbc:ID` -> `Delivery/ID`, and `@attr` kept, for readable messages. */
function describe(path: string): string {
  return path
    .replace(/^line:/, 'InvoiceLine/')
    .replace(/^\/\//, '')
    .replace(/\b(cbc|cac|ext):/g, '');
}
