/**
 * The in-memory XML tree every reader and every validation rule works on.
 *
 * The parser (`parse-xml.ts`) builds it from bytes with DTDs, entities other than the five
 * predefined ones, and external references all refused. Rules evaluate against this tree
 * exactly as the official Schematron evaluates XPath against the XML: namespace URI plus
 * local name identify an element, `text` is the XPath string value.
 */
export interface XmlAttribute {
  /** Qualified name as written, e.g. `schemeID` or `xml:lang`. */
  readonly name: string;
  readonly local: string;
  /** Namespace URI; `''` for unprefixed attributes. */
  readonly ns: string;
  readonly value: string;
}

export interface XmlElement {
  /** Qualified name as written in the document, e.g. `cbc:ID`. */
  readonly name: string;
  readonly local: string;
  /** Namespace URI; `''` when the element is in no namespace. */
  readonly ns: string;
  readonly attributes: readonly XmlAttribute[];
  /** Element children in document order (text nodes are not listed here). */
  readonly children: readonly XmlElement[];
  readonly parent: XmlElement | undefined;
  /** XPath string value: all descendant text concatenated, unnormalised. */
  readonly text: string;
  /** 1-based position among the parent's element children with the same ns and local name. */
  readonly position: number;
  readonly line: number;
  readonly column: number;
}

export interface XmlDocument {
  readonly root: XmlElement;
  /** Element count, for limits and diagnostics. */
  readonly elementCount: number;
}

export interface XmlLimits {
  /** Maximum input size in bytes; default 20 MiB. */
  readonly maxBytes: number;
  /** Maximum element nesting depth; default 256. */
  readonly maxDepth: number;
  /** Maximum number of elements; default 2,000,000. */
  readonly maxElements: number;
}

export type XmlErrorCode =
  | 'EMPTY'
  | 'TOO_LARGE'
  | 'TOO_DEEP'
  | 'TOO_MANY_ELEMENTS'
  | 'DTD_FORBIDDEN'
  | 'ENTITY_FORBIDDEN'
  | 'ENCODING'
  | 'MALFORMED';
