import { type Bits, bitsKey, emptyBits, hasBit, isEmpty, isSubset, popcount, setBit, without } from './bitset';
import { PrefixTrie } from './prefix-trie';
import type { RowFailure, RowValidator, RuleSetVersion } from './rule-set.model';

interface PlanAddress {
  number: number;
  mask: Bits;
  /** The address's groups (bit indexes) in the order listed, excluded ones removed: failures follow this order. */
  bits: number[];
}

/** Everything one account needs, computed once per account per compiled rule set. */
interface AccountPlan {
  excluded: Bits;
  required: Bits;
  /** Required groups with the lowest-numbered account rule demanding each, by rule number. */
  requiredBy: { bit: number; rule: number }[];
  /** Applicable addresses after exclusions, deduplicated, fewest groups first (for the fast "any matches" test). */
  matchMasks: Bits[];
  /** Applicable addresses in rule order, for naming the closest one when none matches. */
  addresses: PlanAddress[];
  /** An applicable address demands nothing after exclusions: every row on this account matches. */
  alwaysMatches: boolean;
  /** Validity by row mask (single-word rule sets only): rows repeat the same few group combinations. */
  memo?: Map<number, boolean>;
}

const MEMO_LIMIT = 1 << 16;

/**
 * A rule-set version compiled for speed: groups interned to bit positions; account rules
 * indexed by account; exclusions by exact account and in a prefix trie; addresses split
 * into per-account lists and a wildcard list. Per account the excluded groups are removed
 * once, lazily, into an {@link AccountPlan}; a row is then a bitset and a handful of
 * subset tests. Semantics are those of {@link NaiveRuleSet} (README, "Rule semantics").
 */
export class CompiledRuleSet implements RowValidator {
  readonly version: number;
  private readonly groupIndex = new Map<string, number>();
  private readonly groupNames: string[] = [];
  private readonly words: number;
  private readonly hasAddresses: boolean;
  private readonly wildcardAddresses: { number: number; groups: number[] }[] = [];
  private readonly accountAddresses = new Map<string, { number: number; groups: number[] }[]>();
  private readonly accountRules = new Map<string, { group: number; rule: number }[]>();
  private readonly exactExclusions = new Map<string, number[]>();
  private readonly prefixExclusions = new PrefixTrie<number>();
  private readonly plans = new Map<string, AccountPlan>();
  private readonly scratch: Bits;

  constructor(ruleSet: RuleSetVersion) {
    this.version = ruleSet.version;
    const { addresses, accountRules, exclusions } = ruleSet.rules;
    const intern = (group: string): number => {
      let index = this.groupIndex.get(group);
      if (index === undefined) {
        index = this.groupNames.length;
        this.groupIndex.set(group, index);
        this.groupNames.push(group);
      }
      return index;
    };
    addresses.forEach((a, i) => {
      const entry = { number: i + 1, groups: a.groups.map(intern) };
      if (a.account === undefined) this.wildcardAddresses.push(entry);
      else push(this.accountAddresses, a.account, entry);
    });
    accountRules.forEach((r, i) => push(this.accountRules, r.account, { group: intern(r.group), rule: i + 1 }));
    for (const x of exclusions) {
      const group = intern(x.group);
      if (x.account !== undefined) push(this.exactExclusions, x.account, group);
      if (x.accountPrefix !== undefined) this.prefixExclusions.add(x.accountPrefix, group);
    }
    this.hasAddresses = addresses.length > 0;
    this.words = Math.max(1, Math.ceil(this.groupNames.length / 32));
    this.scratch = emptyBits(this.words);
  }

  validateRow(accountNumber: string, groups: readonly string[], row: number, out: RowFailure[]): boolean {
    const plan = this.plans.get(accountNumber) ?? this.plan(accountNumber);
    const mask = this.scratch;
    mask.fill(0);
    for (const g of groups) {
      const index = this.groupIndex.get(g);
      if (index !== undefined) setBit(mask, index);
    }
    if (plan.memo) {
      const key = mask[0] ?? 0;
      const known = plan.memo.get(key);
      if (known === true) return true;
      if (known === undefined) {
        const valid = this.check(plan, mask);
        if (plan.memo.size < MEMO_LIMIT) plan.memo.set(key, valid);
        if (valid) return true;
      }
    } else if (this.check(plan, mask)) {
      return true;
    }
    this.explain(plan, mask, accountNumber, row, out);
    return false;
  }

  /** Whether the exclusions take `group` away from `accountNumber` (the summary report leaves it out of that account's lines). */
  isExcluded(accountNumber: string, group: string): boolean {
    const index = this.groupIndex.get(group);
    if (index === undefined) return false;
    return hasBit((this.plans.get(accountNumber) ?? this.plan(accountNumber)).excluded, index);
  }

  /** Number of distinct project groups the rule set mentions (the bitset width). */
  get groupCount(): number {
    return this.groupNames.length;
  }

  private check(plan: AccountPlan, mask: Bits): boolean {
    if (!isSubset(plan.required, mask)) return false;
    if (!this.hasAddresses || plan.alwaysMatches) return true;
    for (const address of plan.matchMasks) if (isSubset(address, mask)) return true;
    return false;
  }

  /** Slow path, invalid rows only: name every missing group and the rule that demanded it. */
  private explain(plan: AccountPlan, mask: Bits, accountNumber: string, row: number, out: RowFailure[]): void {
    const fail = (bit: number | null, ruleKind: RowFailure['ruleKind'], ruleNumber: number | null): void => {
      out.push({
        row,
        accountNumber,
        missingGroup: bit === null ? null : (this.groupNames[bit] ?? null),
        ruleKind,
        ruleNumber,
        ruleSetVersion: this.version,
      });
    };
    for (const { bit, rule } of plan.requiredBy) if (!hasBit(mask, bit)) fail(bit, 'account-rule', rule);
    if (!this.hasAddresses || plan.alwaysMatches) return;
    if (plan.addresses.length === 0) {
      fail(null, 'address', null);
      return;
    }
    let best: PlanAddress | undefined;
    let bestMissing = Number.POSITIVE_INFINITY;
    for (const address of plan.addresses) {
      const missing = popcount(without(address.mask, mask));
      if (missing === 0) return;
      if (missing < bestMissing) {
        best = address;
        bestMissing = missing;
      }
    }
    if (best) for (const bit of best.bits) if (!hasBit(mask, bit)) fail(bit, 'address', best.number);
  }

  private plan(accountNumber: string): AccountPlan {
    const excluded = emptyBits(this.words);
    for (const g of this.exactExclusions.get(accountNumber) ?? []) setBit(excluded, g);
    for (const g of this.prefixExclusions.collect(accountNumber)) setBit(excluded, g);

    const required = emptyBits(this.words);
    const requiredBy: { bit: number; rule: number }[] = [];
    for (const { group, rule } of this.accountRules.get(accountNumber) ?? []) {
      if (hasBit(excluded, group) || hasBit(required, group)) continue;
      setBit(required, group);
      requiredBy.push({ bit: group, rule });
    }

    const applicable = [...(this.accountAddresses.get(accountNumber) ?? []), ...this.wildcardAddresses].sort((a, b) => a.number - b.number);
    const addresses: PlanAddress[] = [];
    const seen = new Set<string>();
    const matchMasks: Bits[] = [];
    let alwaysMatches = false;
    for (const a of applicable) {
      const all = emptyBits(this.words);
      for (const g of a.groups) setBit(all, g);
      const mask = without(all, excluded);
      const bits = [...new Set(a.groups)].filter((g) => !hasBit(excluded, g));
      addresses.push({ number: a.number, mask, bits });
      if (isEmpty(mask)) alwaysMatches = true;
      const key = bitsKey(mask);
      if (!seen.has(key)) {
        seen.add(key);
        matchMasks.push(mask);
      }
    }
    matchMasks.sort((a, b) => popcount(a) - popcount(b));
    const plan: AccountPlan = {
      excluded,
      required,
      requiredBy,
      matchMasks,
      addresses,
      alwaysMatches,
      memo: this.words === 1 ? new Map() : undefined,
    };
    this.plans.set(accountNumber, plan);
    return plan;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
