import type { XmlAttribute, XmlElement } from './xml-node';
import { stringValue } from './string-value';

/**
 * The decoded document text plus a lazily built line table. Elements keep offsets into it,
 * so text and positions cost nothing until someone asks (most elements are never asked).
 */
export class SourceText {
  private starts: number[] | undefined;

  constructor(readonly src: string) {}

  lineColumn(offset: number): { line: number; column: number } {
    const starts = (this.starts ??= this.build());
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }

  private build(): number[] {
    const starts = [0];
    const src = this.src;
    let i = src.indexOf('\n');
    while (i >= 0) {
      starts.push(i + 1);
      i = src.indexOf('\n', i + 1);
    }
    return starts;
  }
}

/** Shared by every leaf so leaves allocate no array. */
export const NO_CHILDREN: readonly ElementNode[] = Object.freeze([]);

/**
 * The parser's concrete element. Fields are written only while parsing; consumers see the
 * read-only {@link XmlElement} view.
 */
export class ElementNode implements XmlElement {
  children: readonly ElementNode[] = NO_CHILDREN;
  /** Offsets of the content between the start and end tag (equal for `<x/>`). */
  contentStart = 0;
  contentEnd = 0;
  private textCache: string | undefined = undefined;
  /** 0 until computed for all siblings at once (see {@link computePositions}); else position * 2 + (has same-named siblings ? 1 : 0). */
  posInfo = 0;

  constructor(
    readonly name: string,
    readonly local: string,
    readonly ns: string,
    readonly attributes: readonly XmlAttribute[],
    readonly parent: ElementNode | undefined,
    private readonly source: SourceText,
  ) {}

  /** XPath string value, decoded from the source range on first use and cached. */
  get text(): string {
    if (this.textCache === undefined) {
      this.textCache = this.contentEnd === this.contentStart ? '' : stringValue(this.source.src, this.contentStart, this.contentEnd);
    }
    return this.textCache;
  }

  get position(): number {
    if (this.posInfo === 0) computePositions(this);
    return this.posInfo >> 1;
  }

  /** True when a sibling has the same namespace and local name (locations then show `[n]`). */
  get hasSameNamedSiblings(): boolean {
    if (this.posInfo === 0) computePositions(this);
    return (this.posInfo & 1) === 1;
  }

  get line(): number {
    return this.source.lineColumn(this.tagStart()).line;
  }

  get column(): number {
    return this.source.lineColumn(this.tagStart()).column;
  }

  /** Offset of this element's `<`: attribute values never contain `<`, so it is the last one before the content. */
  private tagStart(): number {
    return this.source.src.lastIndexOf('<', this.contentStart - 1);
  }
}

/**
 * Numbers all children of `el`'s parent in one pass, so asking every line for its position
 * stays linear. Keys are namespace + local name, as XPath positions count them.
 */
function computePositions(el: ElementNode): void {
  const parent = el.parent;
  if (!parent) {
    el.posInfo = 2;
    return;
  }
  const kids = parent.children;
  const last = new Map<string, ElementNode>();
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i] as ElementNode;
    const key = k.ns + '}' + k.local;
    const prev = last.get(key);
    if (prev) {
      k.posInfo = ((prev.posInfo >> 1) + 1) * 2 + 1;
      prev.posInfo |= 1;
    } else {
      k.posInfo = 2;
    }
    last.set(key, k);
  }
}
