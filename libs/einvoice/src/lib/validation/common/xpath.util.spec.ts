import { isXsDate, xsDate } from './date.util';
import { decimalsAfterPoint, normalizeSpaceText, stringLength, substringAfter, substringBefore, xsBoolean, xsDouble } from './xpath.util';

describe('XPath helpers', () => {
  it('normalize-space', () => {
    expect(normalizeSpaceText('  a \t\n b  ')).toBe('a b');
    expect(normalizeSpaceText('\u00a0a')).toBe('\u00a0a'); // only XML whitespace
  });

  it('substring helpers and string-length', () => {
    expect(substringAfter('#AAI#note', '#')).toBe('AAI#note');
    expect(substringBefore('AAI#note', '#')).toBe('AAI');
    expect(substringAfter('abc', '#')).toBe('');
    expect(stringLength('a😀b')).toBe(3);
    expect(decimalsAfterPoint('10.123')).toBe(3);
    expect(decimalsAfterPoint('10')).toBe(0);
    expect(decimalsAfterPoint('1.2.3')).toBe(3);
  });

  it('casts to xs:boolean and xs:double', () => {
    expect(xsBoolean(' true ')).toBe(true);
    expect(xsBoolean('0')).toBe(false);
    expect(xsBoolean('TRUE')).toBeUndefined();
    expect(xsDouble('1e3')).toBe(1000);
    expect(xsDouble('-INF')).toBe(-Infinity);
    expect(xsDouble('')).toBeUndefined();
    expect(xsDouble('1,5')).toBeUndefined();
  });

  it('casts to xs:date', () => {
    expect(isXsDate('2024-02-29')).toBe(true);
    expect(isXsDate('2023-02-29')).toBe(false);
    expect(isXsDate('2024-1-01')).toBe(false);
    expect(isXsDate('20240101')).toBe(false);
    expect(xsDate('2024-01-02')! > xsDate('2024-01-01')!).toBe(true);
    expect(xsDate('2024-01-01+02:00')! < xsDate('2024-01-01Z')!).toBe(true);
    expect(xsDate('0099-01-01')! < xsDate('1000-01-01')!).toBe(true);
  });
});
