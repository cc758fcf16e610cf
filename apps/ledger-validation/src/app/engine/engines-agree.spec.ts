import { randomLedger } from '../../../test/random-ledger';
import { CompiledRuleSet } from './compiled-rule-set';
import { NaiveRuleSet } from './naive-rule-set';
import type { RowFailure } from './rule-set.model';

/**
 * Property: on random charts of accounts, rule sets and rows, the compiled engine and the
 * naive baseline agree on every row's validity and on every failure they name.
 */
describe('compiled engine and naive baseline agree', () => {
  const shapes = [
    { accounts: 5, groups: 3, addresses: 0, accountRules: 4, exclusions: 2 },
    { accounts: 8, groups: 5, addresses: 6, accountRules: 0, exclusions: 3 },
    { accounts: 20, groups: 12, addresses: 15, accountRules: 10, exclusions: 8 },
    // More than 32 groups: multi-word bitsets and no memo.
    { accounts: 40, groups: 70, addresses: 60, accountRules: 40, exclusions: 30 },
  ];

  const outcomes = { valid: 0, invalid: 0 };

  it.each(Array.from({ length: 40 }, (_, seed) => seed))('seed %i', (seed) => {
    const shape = shapes[seed % shapes.length]!;
    const ledger = randomLedger(seed + 1, shape);
    const version = { version: 7, effectiveFrom: '2026-01-01', rules: ledger.rules };
    const compiled = new CompiledRuleSet(version);
    const naive = new NaiveRuleSet(version);
    for (let i = 0; i < 500; i++) {
      const row = ledger.row();
      const a: RowFailure[] = [];
      const b: RowFailure[] = [];
      const validA = compiled.validateRow(row.accountNumber, row.groups, i + 1, a);
      const validB = naive.validateRow(row.accountNumber, row.groups, i + 1, b);
      expect({ row, valid: validA, failures: a }).toEqual({ row, valid: validB, failures: b });
      outcomes[validA ? 'valid' : 'invalid']++;
    }
  });

  it('compared both outcomes many times (so the fast and the slow path were both exercised)', () => {
    expect(outcomes.valid).toBeGreaterThan(2000);
    expect(outcomes.invalid).toBeGreaterThan(2000);
  });
});
