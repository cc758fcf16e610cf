// The Go template built-ins and the Sprig / Helm functions the chart uses, with Go's argument
// order (a piped value arrives as the last argument).
import crypto from 'node:crypto';
import YAML from 'yaml';

/** Go template truth: false, 0, nil, "" and empty maps or lists are false. */
export function isTruthy(v) {
  if (v === null || v === undefined || v === false || v === 0 || v === '')
    return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

const str = (v) =>
  v === null || v === undefined
    ? ''
    : typeof v === 'object'
      ? JSON.stringify(v)
      : String(v);

function sprintf(format, ...args) {
  let n = 0;
  return format.replace(
    /%([-+ 0#]*\d*(?:\.\d+)?)([sdvqtf%])/g,
    (_, _flags, verb) => {
      if (verb === '%') return '%';
      if (n >= args.length) return `%!${verb}(MISSING)`;
      const a = args[n++];
      if (verb === 'd') return String(Math.trunc(Number(a)));
      if (verb === 'q') return JSON.stringify(str(a));
      if (verb === 'f') return Number(a).toFixed(6);
      return str(a);
    },
  );
}

function toInt(v) {
  const n = typeof v === 'string' ? parseInt(v, 10) : Number(v ?? 0);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

export const FUNCTIONS = {
  // Go template built-ins
  and: (...a) => a.find((v) => !isTruthy(v)) ?? a[a.length - 1],
  or: (...a) => a.find((v) => isTruthy(v)) ?? a[a.length - 1],
  not: (v) => !isTruthy(v),
  eq: (a, ...b) => b.some((x) => x === a),
  ne: (a, b) => a !== b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  len: (v) =>
    Array.isArray(v) || typeof v === 'string'
      ? v.length
      : Object.keys(v ?? {}).length,
  print: (...a) => a.map(str).join(''),
  printf: sprintf,
  // Sprig
  default: (d, v) => (isTruthy(v) ? v : d),
  empty: (v) => !isTruthy(v),
  required: (msg, v) => {
    if (v === null || v === undefined || v === '') throw new Error(msg);
    return v;
  },
  fail: (msg) => {
    throw new Error(msg);
  },
  quote: (...a) =>
    a
      .filter((v) => v !== null && v !== undefined)
      .map((v) => JSON.stringify(str(v)))
      .join(' '),
  squote: (...a) =>
    a
      .filter((v) => v !== null && v !== undefined)
      .map((v) => `'${str(v)}'`)
      .join(' '),
  toString: str,
  int: toInt,
  add: (...a) => a.reduce((s, v) => s + toInt(v), 0),
  sub: (a, b) => toInt(a) - toInt(b),
  until: (n) => Array.from({ length: toInt(n) }, (_, i) => i),
  trunc: (n, s) => (n >= 0 ? str(s).slice(0, n) : str(s).slice(n)),
  trimSuffix: (suffix, s) =>
    str(s).endsWith(suffix)
      ? str(s).slice(0, -suffix.length || undefined)
      : str(s),
  trimPrefix: (prefix, s) =>
    str(s).startsWith(prefix) ? str(s).slice(prefix.length) : str(s),
  trim: (s) => str(s).trim(),
  contains: (sub, s) => str(s).includes(sub),
  hasPrefix: (p, s) => str(s).startsWith(p),
  replace: (from, to, s) => str(s).split(from).join(to),
  lower: (s) => str(s).toLowerCase(),
  upper: (s) => str(s).toUpperCase(),
  join: (sep, list) => (list ?? []).map(str).join(sep),
  b64enc: (s) => Buffer.from(str(s)).toString('base64'),
  sha256sum: (s) => crypto.createHash('sha256').update(str(s)).digest('hex'),
  list: (...a) => a,
  dict: (...a) => {
    if (a.length % 2) throw new Error('dict needs key/value pairs');
    const d = {};
    for (let i = 0; i < a.length; i += 2) d[str(a[i])] = a[i + 1];
    return d;
  },
  hasKey: (m, k) =>
    m !== null &&
    typeof m === 'object' &&
    Object.prototype.hasOwnProperty.call(m, k),
  // Helm: toYaml drops the trailing newline, like Helm's own.
  toYaml: (v) =>
    v === undefined || v === null
      ? 'null'
      : YAML.stringify(v, { lineWidth: 0 }).replace(/\n$/, ''),
  nindent: (n, s) => '\n' + FUNCTIONS.indent(n, s),
  indent: (n, s) => {
    const pad = ' '.repeat(n);
    return (
      pad +
      str(s)
        .split('\n')
        .join('\n' + pad)
    );
  },
};
