import type { XmlElement } from '../../xml/xml-node';
import { locationOf } from '../../xml/query';
import type { Finding, FindingFlag } from '../finding';
import { XPathError } from './cii-xpath.util';

/** One assertion of the official rules: id, flag and our own message. */
export interface Rule {
  readonly id: string;
  readonly flag: FindingFlag;
  readonly message: string;
}

/**
 * Declares rules with one flag: `rules('fatal', { 'BR-01': 'An invoice shall ...' })`.
 * The keys stay literal types, so `R['BR-01']` is a {@link Rule} (never undefined).
 */
export function rules<K extends string>(
  flag: FindingFlag,
  table: Record<K, string>,
): Record<K, Rule> {
  const out = {} as Record<K, Rule>;
  for (const id of Object.keys(table) as K[])
    out[id] = { id, flag, message: `[${id}] ${table[id]}` };
  return out;
}

/** Collects findings for one document; locations are relative to the validated root. */
export class Reporter {
  constructor(
    readonly root: XmlElement,
    private readonly findings: Finding[],
  ) {}

  /** Reports `rule` on `context`. */
  fail(rule: Rule, context: XmlElement): void {
    this.findings.push({
      rule: rule.id,
      flag: rule.flag,
      location: locationOf(context, this.root),
      message: rule.message,
    });
  }

  /** Reports `rule` unless `ok`. */
  ok(rule: Rule, context: XmlElement, ok: boolean): void {
    if (!ok) this.fail(rule, context);
  }

  /**
   * Evaluates an assertion test; an XPath error inside it (bad number, several items where one
   * is expected) counts as a failed assertion, so an invalid value is never silently accepted.
   */
  check(rule: Rule, context: XmlElement, test: () => boolean): void {
    let ok: boolean;
    try {
      ok = test();
    } catch (e) {
      if (!(e instanceof XPathError)) throw e;
      ok = false;
    }
    if (!ok) this.fail(rule, context);
  }
}
