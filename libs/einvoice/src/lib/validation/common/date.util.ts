import { trimXml } from './xpath.util';

const DATE_RE = /^(-?\d{4,})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Cast to xs:date (`YYYY-MM-DD` with an optional timezone), returned as minutes since 1970-01-01T00:00Z
 * at the start of that day so two dates compare like XPath compares them (no timezone = UTC).
 * `undefined` where XPath raises an error (bad format or impossible day).
 */
export function xsDate(s: string): number | undefined {
  const m = DATE_RE.exec(trimXml(s));
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year === 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  let offset = 0;
  const tz = m[4];
  if (tz && tz !== 'Z') {
    const hh = Number(tz.slice(1, 3));
    const mm = Number(tz.slice(4, 6));
    if (hh > 14 || mm > 59 || (hh === 14 && mm > 0)) return undefined;
    offset = (tz.startsWith('-') ? -1 : 1) * (hh * 60 + mm);
  }
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 to 1900..1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime() / 60000 - offset;
}

/** True when the text is a valid xs:date. */
export function isXsDate(s: string): boolean {
  return xsDate(s) !== undefined;
}
