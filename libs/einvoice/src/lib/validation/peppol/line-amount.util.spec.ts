import { Dec, round2, xsDecimal } from '../common';
import { lineNetWithinSlackFast, type LineTexts } from './line-amount.util';
import { lineNet } from './ubl-core.rules';
import { withinSlack } from './xpath.util';

/** The general decimal.js computation of R120, as the rule states it. */
function slow(t: LineTexts): boolean {
  const d = (s: string | undefined, dflt: number) => (s === undefined ? new Dec(dflt) : (xsDecimal(s) as Dec));
  const base = t.baseQuantity === undefined || d(t.baseQuantity, 1).isZero() ? new Dec(1) : d(t.baseQuantity, 1);
  const sum = (xs: readonly string[]) => round2(xs.reduce((acc, x) => acc.plus(xsDecimal(x) as Dec), new Dec(0)));
  const net = lineNet(d(t.quantity, 1), d(t.price, 0), base, sum(t.charges), sum(t.allowances));
  return withinSlack(d(t.lineAmount, 0), net, new Dec('0.02'));
}

/** Deterministic pseudo-random numbers (a fixed LCG) so failures are reproducible. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function decimalText(next: () => number, maxInt: number, maxFrac: number): string {
  const int = Math.floor(next() * maxInt);
  const fracDigits = Math.floor(next() * (maxFrac + 1));
  const frac = fracDigits === 0 ? '' : '.' + String(Math.floor(next() * 10 ** fracDigits)).padStart(fracDigits, '0');
  return (next() < 0.2 ? '-' : '') + int + frac;
}

describe('R120 fast path', () => {
  it('agrees with the decimal computation', () => {
    const next = rng(42);
    let fast = 0;
    for (let i = 0; i < 5000; i++) {
      const quantity = decimalText(next, 1000, 4);
      const price = decimalText(next, 10000, 4);
      const charges = next() < 0.3 ? [decimalText(next, 100, 3)] : [];
      const allowances = next() < 0.3 ? [decimalText(next, 100, 2), decimalText(next, 10, 2)] : [];
      const exact = new Dec(quantity).times(price).plus(round2(charges.reduce((a, c) => a.plus(c), new Dec(0))));
      // Mostly amounts at or near the right value, so both verdicts are exercised.
      const offset = ['0', '0.01', '0.02', '0.021', '-0.02', '-0.03', '1'][Math.floor(next() * 7)] ?? '0';
      const lineAmount = exact.minus(round2(allowances.reduce((a, c) => a.plus(c), new Dec(0)))).plus(offset).toFixed();
      const texts: LineTexts = { lineAmount, quantity, price, baseQuantity: next() < 0.2 ? '1.00' : undefined, charges, allowances };
      const verdict = lineNetWithinSlackFast(texts);
      if (verdict !== undefined) {
        fast++;
        expect([i, verdict]).toEqual([i, slow(texts)]);
      }
    }
    expect(fast).toBeGreaterThan(3000);
  });

  it('leaves unusual values to the decimal computation', () => {
    const base: LineTexts = { lineAmount: '10', quantity: '1', price: '10', baseQuantity: undefined, charges: [], allowances: [] };
    expect(lineNetWithinSlackFast(base)).toBe(true);
    expect(lineNetWithinSlackFast({ ...base, baseQuantity: '3' })).toBeUndefined();
    expect(lineNetWithinSlackFast({ ...base, price: '1e1' })).toBeUndefined();
    expect(lineNetWithinSlackFast({ ...base, price: '' })).toBeUndefined();
    expect(lineNetWithinSlackFast({ ...base, price: '1234567890123456' })).toBeUndefined();
    expect(lineNetWithinSlackFast({ ...base, charges: ['0.005'] })).toBeUndefined();
    expect(lineNetWithinSlackFast({ ...base, baseQuantity: '0' })).toBe(true);
    expect(lineNetWithinSlackFast({ ...base, lineAmount: ' 10.02 ' })).toBe(true);
    expect(lineNetWithinSlackFast({ ...base, lineAmount: '10.021' })).toBe(false);
  });
});
