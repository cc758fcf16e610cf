import { CompiledRuleSet } from './compiled-rule-set';
import { evaluateEntry } from './entry-evaluation';
import { NaiveRuleSet } from './naive-rule-set';
import { EMPTY_RULE_SET, versionInForce } from './rule-set-timeline';
import { describeFailure, type Rules, type RuleSetVersion } from './rule-set.model';

const NO_RULES: Rules = { addresses: [], accountRules: [], exclusions: [] };
const ruleSet = (rules: Partial<Rules>, version = 1, effectiveFrom = '2025-01-01'): RuleSetVersion => ({
  version,
  effectiveFrom,
  rules: { ...NO_RULES, ...rules },
});

/** Every example of the README's "Rule semantics", checked against both engines. */
describe.each([
  ['compiled', (r: RuleSetVersion) => new CompiledRuleSet(r)],
  ['naive', (r: RuleSetVersion) => new NaiveRuleSet(r)],
])('rule semantics (%s engine)', (_name, build) => {
  const check = (rules: Partial<Rules>, rows: [string, string[]][]): string[] =>
    evaluateEntry(
      build(ruleSet(rules)),
      rows.map(([accountNumber, groups]) => ({ accountNumber, groups })),
    ).map(describeFailure);

  it('example 1: an account rule demands a group on its account only', () => {
    const rules = { accountRules: [{ account: '6000', group: 'DEPT' }] };
    expect(check(rules, [['6000', ['DEPT']]])).toEqual([]);
    expect(check(rules, [['6000', []]])).toEqual(['row 1, account 6000: project group DEPT missing (account rule 1, rules v1)']);
    expect(check(rules, [['4000', []]])).toEqual([]);
  });

  it('example 2: a row must match at least one address; the closest one is named', () => {
    const rules = {
      addresses: [
        { account: '6000', groups: ['DEPT', 'PROJ'] },
        { groups: ['DEPT'] },
      ],
    };
    expect(check(rules, [['6000', ['DEPT']]])).toEqual([]);
    expect(check(rules, [['1000', []]])).toEqual(['row 1, account 1000: project group DEPT missing (address 2, rules v1)']);
    // Both addresses lack only DEPT: the lower number is named.
    expect(check(rules, [['6000', ['PROJ']]])).toEqual(['row 1, account 6000: project group DEPT missing (address 1, rules v1)']);
  });

  it('example 3: with addresses, an account no address covers is invalid', () => {
    const rules = { addresses: [{ account: '6000', groups: ['DEPT'] }] };
    expect(check(rules, [['7000', ['DEPT']]])).toEqual(['row 1, account 7000: no validation address covers this account (rules v1)']);
    // An address with no groups says "this account needs nothing".
    expect(check({ addresses: [...rules.addresses, { account: '7000', groups: [] }] }, [['7000', []]])).toEqual([]);
  });

  it('example 4: prefix exclusions limit a general address to expense accounts', () => {
    const rules = {
      addresses: [{ groups: ['DEPT'] }],
      exclusions: ['1', '2', '3', '4', '5'].map((accountPrefix) => ({ accountPrefix, group: 'DEPT' })),
    };
    expect(check(rules, [['1010', []]])).toEqual([]);
    expect(check(rules, [['5999', []]])).toEqual([]);
    expect(check(rules, [['6010', []]])).toEqual(['row 1, account 6010: project group DEPT missing (address 1, rules v1)']);
  });

  it('example 5: an exclusion also overrides an account rule', () => {
    const rules = { accountRules: [{ account: '2000', group: 'PROJ' }], exclusions: [{ account: '2000', group: 'PROJ' }] };
    expect(check(rules, [['2000', []]])).toEqual([]);
  });

  it('example 6: account rules and addresses are both checked; each names its own rule', () => {
    const rules = { accountRules: [{ account: '6000', group: 'CAR' }], addresses: [{ groups: ['DEPT'] }] };
    expect(check(rules, [['6000', ['DEPT']]])).toEqual(['row 1, account 6000: project group CAR missing (account rule 1, rules v1)']);
    expect(check(rules, [['6000', ['CAR']]])).toEqual(['row 1, account 6000: project group DEPT missing (address 1, rules v1)']);
    expect(check(rules, [['6000', []]])).toEqual([
      'row 1, account 6000: project group CAR missing (account rule 1, rules v1)',
      'row 1, account 6000: project group DEPT missing (address 1, rules v1)',
    ]);
  });

  it('example 9: an entry is valid only when every row is; projects in other groups do not matter', () => {
    const rules = { accountRules: [{ account: '6000', group: 'DEPT' }] };
    expect(check(rules, [['6000', ['DEPT', 'CAR']], ['2610', ['PROJ']]])).toEqual([]);
    expect(check(rules, [['2610', []], ['6000', ['CAR']]])).toEqual(['row 2, account 6000: project group DEPT missing (account rule 1, rules v1)']);
  });

  it('a group demanded by two account rules is reported once, under the first', () => {
    const rules = { accountRules: [{ account: '6000', group: 'DEPT' }, { account: '6000', group: 'DEPT' }, { account: '6000', group: 'PROJ' }] };
    expect(check(rules, [['6000', []]])).toEqual([
      'row 1, account 6000: project group DEPT missing (account rule 1, rules v1)',
      'row 1, account 6000: project group PROJ missing (account rule 3, rules v1)',
    ]);
  });
});

describe('rule-set versions by date', () => {
  const versions = [
    { version: 1, effectiveFrom: '2025-01-01' },
    { version: 2, effectiveFrom: '2026-01-01' },
    { version: 3, effectiveFrom: '2026-01-01' },
    { version: 4, effectiveFrom: '2027-01-01' },
  ];

  it('example 7: an entry is judged by the version in force on its date', () => {
    expect(versionInForce(versions, '2025-12-31')?.version).toBe(1);
    expect(versionInForce(versions, '2026-06-30')?.version).toBe(3);
    expect(versionInForce(versions, '2027-01-01')?.version).toBe(4);
  });

  it('example 7: before the first version there are no rules', () => {
    expect(versionInForce(versions, '2024-06-01')).toBeUndefined();
    expect(evaluateEntry(new CompiledRuleSet(EMPTY_RULE_SET), [{ accountNumber: '6000', groups: [] }])).toEqual([]);
  });

  it('example 8: a newer version with the same date corrects the older one', () => {
    expect(versionInForce(versions.slice(0, 3), '2026-01-01')?.version).toBe(3);
  });
});
