import type { XmlAttribute } from './xml-node';

/**
 * Interns qualified names straight from the source text: an e-invoice uses a few dozen
 * distinct names thousands of times, so the parser compares in place instead of slicing a
 * new string per tag, and caches each name's namespace per scope.
 */

export interface Scope {
  readonly map: Map<string, string>;
  readonly parent: Scope | undefined;
}

export interface NameEntry {
  readonly qname: string;
  /** `''` when unprefixed. */
  readonly prefix: string;
  readonly local: string;
  /** Scope and namespace of the last element resolution (namespace scopes rarely change). */
  elScope: Scope | undefined;
  elNs: string | undefined;
  atScope: Scope | undefined;
  atNs: string | undefined;
  /** Shared single-attribute arrays by value (see parse-xml.ts). */
  shared: Map<string, readonly XmlAttribute[]> | undefined;
  /** Name syntax already verified. */
  checked: boolean;
}

const SIZE = 1024;
const MAX_BUCKET = 16;

export class NameTable {
  private readonly buckets: (NameEntry[] | undefined)[] = new Array<NameEntry[] | undefined>(SIZE);

  constructor(private readonly src: string) {}

  /** The entry for `src[start, end)`; the caller guarantees a non-empty range. */
  intern(start: number, end: number): NameEntry {
    const src = this.src;
    const len = end - start;
    const h = (len * 31 + src.charCodeAt(start) * 7 + src.charCodeAt(end - 1) * 3 + src.charCodeAt(start + (len >> 1))) & (SIZE - 1);
    let bucket = this.buckets[h];
    if (bucket) {
      for (let i = 0; i < bucket.length; i++) {
        const e = bucket[i] as NameEntry;
        if (e.qname.length === len && src.startsWith(e.qname, start)) return e;
      }
    } else {
      bucket = this.buckets[h] = [];
    }
    const qname = src.slice(start, end);
    const colon = qname.indexOf(':');
    const entry: NameEntry = {
      qname,
      prefix: colon < 0 ? '' : qname.slice(0, colon),
      local: colon < 0 ? qname : qname.slice(colon + 1),
      elScope: undefined,
      elNs: undefined,
      atScope: undefined,
      atNs: undefined,
      shared: undefined,
      checked: false,
    };
    // Bounded buckets keep hostile documents with endless distinct names linear.
    if (bucket.length < MAX_BUCKET) bucket.push(entry);
    return entry;
  }
}

/** Namespace bound to `prefix` in `scope` (`''` is the default namespace). */
export function lookupPrefix(scope: Scope | undefined, prefix: string): string | undefined {
  for (let s = scope; s; s = s.parent) {
    const v = s.map.get(prefix);
    if (v !== undefined) return v;
  }
  return undefined;
}
