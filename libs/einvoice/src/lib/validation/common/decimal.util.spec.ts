import { Dec, isXsDecimal, round2, sumDec, xpathRound, xsDecimal } from './decimal.util';

describe('decimal helpers', () => {
  it('casts like xs:decimal', () => {
    expect(xsDecimal(' 12.50 ')?.toString()).toBe('12.5');
    expect(xsDecimal('-.5')?.toString()).toBe('-0.5');
    expect(xsDecimal('+3.')?.toString()).toBe('3');
    for (const bad of ['', ' ', '1e3', '1,5', 'NaN', 'INF', '1.2.3', '--1', '0x10']) expect(xsDecimal(bad)).toBeUndefined();
    expect(isXsDecimal('100')).toBe(true);
    expect(isXsDecimal('1 00')).toBe(false);
  });

  it('rounds halves towards positive infinity like fn:round', () => {
    expect(xpathRound(new Dec('2.5')).toString()).toBe('3');
    expect(xpathRound(new Dec('-2.5')).toString()).toBe('-2');
    expect(xpathRound(new Dec('-2.51')).toString()).toBe('-3');
    expect(xpathRound(new Dec('0.49999999999999999999')).toString()).toBe('0');
  });

  it('rounds to two decimals like round(x * 10 * 10) div 100', () => {
    expect(round2(new Dec('1.005')).toString()).toBe('1.01');
    expect(round2(new Dec('-1.005')).toString()).toBe('-1');
    expect(round2(new Dec('-1.0051')).toString()).toBe('-1.01');
    expect(round2(new Dec('2.675')).toString()).toBe('2.68'); // a float would give 2.67
  });

  it('sums exactly, far beyond double precision', () => {
    const values = Array.from({ length: 1000 }, () => new Dec('0.1'));
    expect(sumDec(values).toString()).toBe('100');
    expect(sumDec([new Dec('12345678901234567890.12'), new Dec('0.01')]).toString()).toBe('12345678901234567890.13');
    expect(sumDec([]).toString()).toBe('0');
  });
});

import { DecimalSum, canonicalDecimal } from './decimal-sum.util';

describe('DecimalSum and canonicalDecimal', () => {
  it('sums exactly with mixed scales and signs', () => {
    const s = new DecimalSum();
    for (const t of ['10.00', '0.005', '-3', ' +1.1 ', '.5']) expect(s.add(t)).toBe(true);
    expect(s.value().toString()).toBe('8.605');
    expect(s.add('1e3')).toBe(false);
    expect(s.add('')).toBe(false);
    expect(new DecimalSum().value().toString()).toBe('0');
  });

  it('falls back to arbitrary precision beyond safe integers', () => {
    const s = new DecimalSum();
    s.add('9007199254740.991');
    s.add('9007199254740.991');
    s.add('0.0000000000000000001');
    expect(s.value().toString()).toBe('18014398509481.9820000000000000001');
    const t = new DecimalSum();
    for (let i = 0; i < 1000; i++) t.add('123456789012.34');
    expect(t.value().toString()).toBe('123456789012340');
  });

  it('canonicalises decimal literals', () => {
    expect(canonicalDecimal('19.00')).toBe('19');
    expect(canonicalDecimal(' +07.50 ')).toBe('7.5');
    expect(canonicalDecimal('-0.0')).toBe('0');
    expect(canonicalDecimal('.5')).toBe('0.5');
    expect(canonicalDecimal('-12')).toBe('-12');
    expect(canonicalDecimal('1e2')).toBeUndefined();
    expect(canonicalDecimal('.')).toBeUndefined();
  });
});
