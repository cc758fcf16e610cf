/**
 * Small, allocation-light equivalents of the XPath 2.0 functions and casts the official rules use.
 * Casts return `undefined` where XPath raises a dynamic error, so each rule decides what an invalid
 * value means (the rule sets treat a failed cast inside an assertion as a failed assertion).
 */

const XML_SPACE = /[ \t\r\n]+/g;
const TRIM = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const NEEDS_NORMALIZING = /[\t\r\n]| {2}|^ | $/;
const NEEDS_TRIM = /^[ \t\r\n]|[ \t\r\n]$/;

/** XPath `normalize-space`: trims XML whitespace and collapses inner runs to one space. */
export function normalizeSpaceText(s: string): string {
  // Most values are already normal: avoid the two replacements.
  if (!NEEDS_NORMALIZING.test(s)) return s;
  return s.replace(XML_SPACE, ' ').replace(/^ | $/g, '');
}

/** Trims XML whitespace (space, tab, CR, LF) at both ends, as casts to atomic types do. */
export function trimXml(s: string): string {
  return NEEDS_TRIM.test(s) ? s.replace(TRIM, '') : s;
}

/** XPath `upper-case` (Unicode upper-casing, locale independent). */
export function upperCase(s: string): string {
  return s.toUpperCase();
}

/** XPath `substring-after(s, sep)`: '' when `sep` is absent. */
export function substringAfter(s: string, sep: string): string {
  const i = s.indexOf(sep);
  return i < 0 ? '' : s.slice(i + sep.length);
}

/** XPath `substring-before(s, sep)`: '' when `sep` is absent. */
export function substringBefore(s: string, sep: string): string {
  const i = s.indexOf(sep);
  return i < 0 ? '' : s.slice(0, i);
}

/**
 * XPath `string-length`: counts Unicode code points, not UTF-16 units.
 */
export function stringLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is a single character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** `string-length(substring-after(v, '.'))`: digits written after the first '.' (the BR-DEC idiom). */
export function decimalsAfterPoint(s: string): number {
  return stringLength(substringAfter(s, '.'));
}

/**
 * Cast of an untyped value to xs:boolean ('true', 'false', '1', '0' after whitespace trimming);
 * `undefined` where XPath raises an error.
 */
export function xsBoolean(s: string): boolean | undefined {
  switch (trimXml(s)) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      return undefined;
  }
}

const DOUBLE_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Cast of an untyped value to xs:double, which XPath applies when an untyped value meets a number
 * in a general comparison (e.g. `cbc:Percent > 0`). `undefined` where XPath raises an error.
 */
export function xsDouble(s: string): number | undefined {
  const t = trimXml(s);
  if (DOUBLE_RE.test(t)) return Number(t);
  if (t === 'INF' || t === '+INF') return Infinity;
  if (t === '-INF') return -Infinity;
  if (t === 'NaN') return NaN;
  return undefined;
}
