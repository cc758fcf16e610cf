import type { XmlElement } from '../xml/xml-node';

export type FindingFlag = 'fatal' | 'warning';

/** One failed assertion: same rule id, flag and meaning as the official Schematron. */
export interface Finding {
  readonly rule: string;
  readonly flag: FindingFlag;
  /** XPath-like location of the context node, e.g. `/Invoice/cac:InvoiceLine[2]/cbc:ID`. */
  readonly location: string;
  readonly message: string;
}

/**
 * A family of rules (e.g. EN 16931 for UBL). `run` appends findings; it never throws on
 * odd input: unit-test fragments are not schema-valid and must still be judged.
 */
export interface RuleSet {
  readonly id: string;
  run(root: XmlElement, findings: Finding[]): void;
}
