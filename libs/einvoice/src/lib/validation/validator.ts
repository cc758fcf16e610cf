import { detectProfile, type DetectedProfile } from '../detect/detect-profile';
import { detectSyntax, type InvoiceSyntax } from '../detect/detect-syntax';
import { parseXml } from '../xml/parse-xml';
import { locationOf } from '../xml/query';
import type { XmlElement, XmlLimits } from '../xml/xml-node';
import { en16931CiiRules } from './en16931-cii';
import { en16931UblRules } from './en16931-ubl';
import type { Finding, RuleSet } from './finding';
import { validateEe } from './ee-validation';
import { peppolCiiRules, peppolUblRules } from './peppol';

export { EE_CONVERT_RULE } from './ee-validation';

/** Rule families a caller may ask for explicitly. */
export type RuleSetName = 'en16931' | 'peppol';

export interface ValidateOptions {
  /**
   * Rule families to run. Default: EN 16931 always, plus Peppol BIS 3 when the
   * specification identifier (BT-24) claims Peppol BIS Billing 3.0 compliance.
   */
  readonly ruleSets?: readonly RuleSetName[];
  /** Parser limits for {@link validateXml}. */
  readonly limits?: Partial<XmlLimits>;
  /**
   * Estonian e-invoices have no rules of their own: by default each invoice is mapped to the
   * model by the official EE↔EN binding, written as UBL and judged by the UBL rule sets.
   * `false` only checks well-formedness (and says so in a warning).
   */
  readonly eeViaUbl?: boolean;
}

export interface ValidationResult {
  readonly syntax: InvoiceSyntax;
  readonly profile: DetectedProfile;
  /** No finding with flag `fatal`. */
  readonly valid: boolean;
  readonly findings: Finding[];
  /** Ids of the rule sets that ran, e.g. `['EN16931-UBL', 'PEPPOL-EN16931-UBL']`. */
  readonly ruleSets: string[];
}

/** Raised as a finding when the root is none of the supported syntaxes. */
export const UNKNOWN_SYNTAX_RULE = 'HUB-SYNTAX';
/** Raised as a finding when a rule set crashed: a bug in our rules, never the sender's fault. */
export const INTERNAL_ERROR_RULE = 'HUB-INTERNAL';
/** Raised (warning) when an Estonian file is not validated through UBL (`eeViaUbl: false`). */
export const NO_RULES_RULE = 'HUB-NO-RULES';

/** Picks the rule sets for a document: syntax decides UBL vs CII, profile or the caller decides Peppol. */
export function selectRuleSets(
  syntax: InvoiceSyntax,
  profile: DetectedProfile,
  names?: readonly RuleSetName[],
): RuleSet[] {
  const wanted = names ?? (profile.peppol ? ['en16931', 'peppol'] : ['en16931']);
  const out: RuleSet[] = [];
  const ubl = syntax === 'ubl-invoice' || syntax === 'ubl-creditnote';
  if (!ubl && syntax !== 'cii') return out;
  if (wanted.includes('en16931')) out.push(ubl ? en16931UblRules : en16931CiiRules);
  if (wanted.includes('peppol')) out.push(ubl ? peppolUblRules : peppolCiiRules);
  return out;
}

/**
 * Validates an already-parsed document against the EN 16931 / Peppol BIS 3 rules.
 * Never throws on odd documents: unsupported roots and rule crashes become findings.
 */
export function validateDocument(root: XmlElement, options: Omit<ValidateOptions, 'limits'> = {}): ValidationResult {
  const syntax = detectSyntax(root);
  const profile = detectProfile(root, syntax);
  const findings: Finding[] = [];
  const sets = selectRuleSets(syntax, profile, options.ruleSets);
  if (syntax === 'unknown') {
    findings.push({
      rule: UNKNOWN_SYNTAX_RULE,
      flag: 'fatal',
      location: locationOf(root),
      message: `[${UNKNOWN_SYNTAX_RULE}] The document is not a UBL 2.1 Invoice/CreditNote, a CII D16B CrossIndustryInvoice or an Estonian E_Invoice (root {${root.ns}}${root.local}).`,
    });
  }
  const crashed = (set: RuleSet, e: unknown, location: string): void => {
    findings.push({
      rule: INTERNAL_ERROR_RULE,
      flag: 'fatal',
      location,
      message: `[${INTERNAL_ERROR_RULE}] Rule set ${set.id} failed: ${e instanceof Error ? e.message : String(e)}`,
    });
  };
  let ran = sets.map((s) => s.id);
  if (syntax === 'ee') {
    if (options.eeViaUbl === false) {
      findings.push({
        rule: NO_RULES_RULE,
        flag: 'warning',
        location: locationOf(root),
        message: `[${NO_RULES_RULE}] Estonian e-invoice checked for well-formedness only (eeViaUbl is off).`,
      });
    } else {
      ran = validateEe(root, options.ruleSets, findings, crashed);
    }
  }
  for (const set of sets) {
    try {
      set.run(root, findings);
    } catch (e) {
      crashed(set, e, locationOf(root));
    }
  }
  return {
    syntax,
    profile,
    valid: !findings.some((f) => f.flag === 'fatal'),
    findings,
    ruleSets: ran,
  };
}

/**
 * Parses (safely) and validates one document. Throws `XmlParseError` when the input is not
 * acceptable XML; every other problem is reported as a finding.
 */
export function validateXml(input: Buffer | string, options: ValidateOptions = {}): ValidationResult {
  const { root } = parseXml(input, options.limits);
  return validateDocument(root, options);
}
