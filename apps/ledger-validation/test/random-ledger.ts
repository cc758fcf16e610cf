import type { EvaluableRow } from '../src/app/engine/entry-evaluation';
import type { Rules } from '../src/app/engine/rule-set.model';

/** Deterministic PRNG (mulberry32): the same seed gives the same ledger in tests and the benchmark. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LedgerShape {
  accounts: number;
  groups: number;
  addresses: number;
  accountRules: number;
  exclusions: number;
}

export interface RandomLedger {
  accounts: string[];
  groups: string[];
  rules: Rules;
  row(): EvaluableRow;
}

/**
 * A chart of accounts (4-digit numbers over classes 1-9), project groups `G0..`, and rules
 * of every kind in the given numbers: a fifth of the addresses are for any account, a third
 * of the exclusions are by prefix. Rows carry each group with a probability that makes
 * roughly half of them valid, so both the fast and the slow path are exercised.
 */
export function randomLedger(seed: number, shape: LedgerShape): RandomLedger {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const accounts = Array.from({ length: shape.accounts }, (_, i) => String(1000 + Math.floor((i * 9000) / shape.accounts) + (i % 7)));
  const groups = Array.from({ length: shape.groups }, (_, i) => `G${i}`);
  const someGroups = (max: number): string[] => {
    const n = Math.floor(rnd() * (max + 1));
    return Array.from({ length: n }, () => pick(groups));
  };
  const rules: Rules = {
    addresses: Array.from({ length: shape.addresses }, () =>
      rnd() < 0.2 ? { groups: someGroups(2) } : { account: pick(accounts), groups: someGroups(4) },
    ),
    accountRules: Array.from({ length: shape.accountRules }, () => ({ account: pick(accounts), group: pick(groups) })),
    exclusions: Array.from({ length: shape.exclusions }, () =>
      rnd() < 0.33 ? { accountPrefix: pick(accounts).slice(0, 1 + Math.floor(rnd() * 2)), group: pick(groups) } : { account: pick(accounts), group: pick(groups) },
    ),
  };
  const density = Math.min(0.9, 6 / Math.max(1, shape.groups));
  return {
    accounts,
    groups,
    rules,
    row: () => ({ accountNumber: pick(accounts), groups: groups.filter(() => rnd() < density) }),
  };
}
