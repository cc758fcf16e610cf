import type { RuleSetVersion } from './rule-set.model';

/** The version number used for entries dated before a company's first rule set: no rules, everything valid. */
export const NO_RULES_VERSION = 0;

export const EMPTY_RULE_SET: RuleSetVersion = {
  version: NO_RULES_VERSION,
  effectiveFrom: '0001-01-01',
  rules: { addresses: [], accountRules: [], exclusions: [] },
};

/**
 * Which version is in force on a date: the one with the latest effective date on or
 * before it; among versions with the same effective date the newest version (a
 * correction). Dates compare as `YYYY-MM-DD` strings.
 */
export function versionInForce<T extends Pick<RuleSetVersion, 'version' | 'effectiveFrom'>>(versions: readonly T[], date: string): T | undefined {
  let best: T | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > date) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}
