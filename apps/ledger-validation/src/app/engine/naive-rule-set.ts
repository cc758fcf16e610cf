import type { RowFailure, RowValidator, RuleSetVersion } from './rule-set.model';

/**
 * The rule semantics written down as directly as possible: every row is checked against
 * every rule of the set, with no index and no caching. It is the reference the compiled
 * engine is property-tested against, and the baseline the benchmark compares with.
 */
export class NaiveRuleSet implements RowValidator {
  readonly version: number;

  constructor(private readonly ruleSet: RuleSetVersion) {
    this.version = ruleSet.version;
  }

  validateRow(accountNumber: string, groups: readonly string[], row: number, out: RowFailure[]): boolean {
    const { addresses, accountRules, exclusions } = this.ruleSet.rules;
    const present = new Set(groups);
    const excluded = new Set<string>();
    for (const x of exclusions) {
      if (x.account === accountNumber || (x.accountPrefix !== undefined && accountNumber.startsWith(x.accountPrefix))) {
        excluded.add(x.group);
      }
    }
    const failures: RowFailure[] = [];
    const fail = (missingGroup: string | null, ruleKind: RowFailure['ruleKind'], ruleNumber: number | null): void => {
      failures.push({ row, accountNumber, missingGroup, ruleKind, ruleNumber, ruleSetVersion: this.version });
    };

    // Account rules: each required group once, named by the first rule demanding it.
    const reported = new Set<string>();
    accountRules.forEach((r, i) => {
      if (r.account !== accountNumber || excluded.has(r.group) || reported.has(r.group)) return;
      reported.add(r.group);
      if (!present.has(r.group)) fail(r.group, 'account-rule', i + 1);
    });

    // Addresses: valid when any applicable address is fully carried; otherwise name the
    // closest one (fewest missing groups, then the lowest number).
    if (addresses.length > 0) {
      let matched = false;
      let applicable = 0;
      let best: { number: number; missing: string[] } | undefined;
      addresses.forEach((a, i) => {
        if (matched || (a.account !== undefined && a.account !== accountNumber)) return;
        applicable++;
        const demanded = [...new Set(a.groups)].filter((g) => !excluded.has(g));
        const missing = demanded.filter((g) => !present.has(g));
        if (missing.length === 0) matched = true;
        else if (!best || missing.length < best.missing.length) best = { number: i + 1, missing };
      });
      if (!matched) {
        if (applicable === 0) fail(null, 'address', null);
        else if (best) for (const g of best.missing) fail(g, 'address', best.number);
      }
    }
    out.push(...failures);
    return failures.length === 0;
  }
}
