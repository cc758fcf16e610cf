/**
 * RFC 4180 CSV with CRLF line ends, safe to open in a spreadsheet: a text cell that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so it is shown,
 * never evaluated as a formula (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell from any source (ERP data, rule labels): neutralised and quoted as needed. */
export function textCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A number this service formatted itself (e.g. `-120.50`): left as a number for the spreadsheet. */
export function numberCell(value: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(value)) throw new Error(`not a number: ${value}`);
  return value;
}

/** One line of text cells. */
export function csvLine(cells: readonly (string | null | undefined)[]): string {
  return `${cells.map(textCell).join(',')}\r\n`;
}

/** Formats integer ten-thousandths (numeric(19,4) without the point) as an amount with 2 decimals when exact. */
export function formatAmount(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / 10_000n;
  const frac = (abs % 10_000n).toString().padStart(4, '0');
  const trimmed = frac.endsWith('00') ? frac.slice(0, 2) : frac;
  return `${negative ? '-' : ''}${whole}.${trimmed}`;
}

/** `"120.5000"` (numeric(19,4) as Postgres prints it) to integer ten-thousandths. */
export function amountUnits(text: string): bigint {
  const dot = text.indexOf('.');
  if (dot < 0) return BigInt(text) * 10_000n;
  return BigInt(text.slice(0, dot) + text.slice(dot + 1).padEnd(4, '0').slice(0, 4));
}

/** `"120.5000"` (numeric(19,4) as Postgres prints it) as `120.50`, without arithmetic: the hot path of the row report. */
export function formatNumeric(text: string): string {
  const dot = text.indexOf('.');
  if (dot < 0) return `${text}.00`;
  const frac = text.slice(dot + 1);
  if (frac.length === 4 && frac.endsWith('00')) return text.slice(0, dot + 3);
  return text;
}
