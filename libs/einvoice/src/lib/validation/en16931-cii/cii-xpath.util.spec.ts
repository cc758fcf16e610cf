import { parseXml } from '../../xml/parse-xml';
import {
  anyVsZero,
  dec,
  decimalKey,
  decimalOf,
  indicatorCast,
  indicatorIs,
  num,
  round0,
  round2,
  sign,
  strAt,
  path,
  sumNum,
  XPathError,
} from './cii-xpath.util';
import { ExactSum } from './exact-sum';

const el = (xml: string) => parseXml(xml).root;
const RAM =
  'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"';
const UDT =
  'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"';
const values = (...v: string[]) =>
  el(`<r ${RAM}>${v.map((x) => `<ram:A>${x}</ram:A>`).join('')}</r>`).children;

describe('CII XPath value helpers', () => {
  it('casts untyped values like xs:double, exactly', () => {
    expect(num(' 12.50 ').toString()).toBe('12.5');
    expect(num('1e2').toString()).toBe('100');
    expect(num('-INF').isFinite()).toBe(false);
    expect(num('NaN').isNaN()).toBe(true);
    expect(() => num('12,50')).toThrow(XPathError);
    expect(() => num('')).toThrow(XPathError);
  });

  it('xs:decimal refuses exponents and empty text', () => {
    expect(decimalOf('+1.')?.toString()).toBe('1');
    expect(decimalOf('.5')?.toString()).toBe('0.5');
    expect(decimalOf('1e2')).toBeUndefined();
    expect(decimalOf('.')).toBeUndefined();
    expect(decimalOf('')).toBeUndefined();
    expect(() => dec(values('1', '2'))).toThrow(XPathError);
    expect(dec([])).toBeUndefined();
  });

  it('gives equal decimals equal keys', () => {
    expect(decimalKey('25')).toBe('25');
    expect(decimalKey(' 25.00 ')).toBe('25');
    expect(decimalKey('025.50')).toBe('25.5');
    expect(decimalKey('-0.0')).toBe('0');
    expect(decimalKey('.5')).toBe('0.5');
    expect(decimalKey('-.50')).toBe('-0.5');
    expect(decimalKey('x')).toBeUndefined();
  });

  it('rounds halves towards positive infinity, as XPath round() does', () => {
    expect(round2(num('1.005')).toString()).toBe('1.01');
    expect(round2(num('-1.005')).toString()).toBe('-1');
    expect(round2(num('2.675')).toString()).toBe('2.68');
    expect(round0(num('-2.5')).toString()).toBe('-2');
    expect(round0(num('2.5')).toString()).toBe('3');
  });

  it('sums exactly, without float drift', () => {
    expect(sumNum(values('0.1', '0.2')).toString()).toBe('0.3');
    expect(sumNum(values('1e1', ' 0.05 ', '-0.15')).toString()).toBe('9.9');
    expect(sumNum([]).toString()).toBe('0');
    expect(() => sumNum(values('x'))).toThrow(XPathError);
    const big = new ExactSum();
    for (let i = 0; i < 1000; i++)
      expect(big.add('99999999999999.99')).toBe(true);
    expect(big.value().toString()).toBe('99999999999999990');
    expect(new ExactSum().add('1e2')).toBe(false);
  });

  it('compares with zero by sign', () => {
    expect(sign('0.000')).toBe(0);
    expect(sign('-0')).toBe(0);
    expect(sign('-0.001')).toBe(-1);
    expect(sign('1E-400')).toBe(1);
    expect(anyVsZero(values('-1', '0'), '>=')).toBe(true);
    expect(anyVsZero(values('-1'), '>=')).toBe(false);
    expect(anyVsZero(values('NaN'), '=')).toBe(false);
    expect(() => anyVsZero(values('abc'), '>')).toThrow(XPathError);
  });

  it('reads charge indicators as booleans', () => {
    const ac = (v: string) =>
      el(
        `<ram:AC ${RAM} ${UDT}><ram:ChargeIndicator><udt:Indicator>${v}</udt:Indicator></ram:ChargeIndicator></ram:AC>`,
      );
    expect(indicatorIs(ac(' true '), true)).toBe(true);
    expect(indicatorIs(ac('0'), false)).toBe(true);
    expect(() => indicatorIs(ac('yes'), true)).toThrow(XPathError);
    expect(indicatorCast(ac('1'))).toBe(true);
    expect(() => indicatorCast(el(`<ram:AC ${RAM}/>`))).toThrow(XPathError);
  });

  it('strAt wants at most one item', () => {
    const r = el(
      `<r ${RAM}><ram:A><ram:B>x</ram:B></ram:A><ram:A><ram:B>y</ram:B></ram:A></r>`,
    );
    expect(() => strAt(r, path('ram:A/ram:B'))).toThrow(XPathError);
    expect(strAt(r, path('ram:A/ram:C'))).toBe('');
  });
});
