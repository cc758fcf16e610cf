/**
 * Deterministic mutations for the parser/validator fuzz test. Each takes the original bytes
 * and a seeded random source, and returns hostile or broken bytes.
 */

export type Random = () => number;

/** mulberry32: tiny, fast, deterministic PRNG (same seed → same cases on every machine). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rnd: Random, n: number): number => Math.floor(rnd() * n);
const pick = <T>(rnd: Random, xs: readonly T[]): T => xs[int(rnd, xs.length)] as T;

function insertAt(buf: Buffer, at: number, piece: Buffer | string): Buffer {
  return Buffer.concat([buf.subarray(0, at), Buffer.from(piece), buf.subarray(at)]);
}

/** A position just before some '<' (a plausible markup boundary), or a random one. */
function boundary(buf: Buffer, rnd: Random): number {
  const at = int(rnd, buf.length);
  const lt = buf.indexOf(0x3c, at);
  return lt < 0 ? at : lt;
}

const HOSTILE_SNIPPETS = [
  '<!DOCTYPE Invoice [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '<!DOCTYPE Invoice SYSTEM "http://127.0.0.1:1/evil.dtd">',
  '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
  '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
  '&xxe;',
  '&#0;',
  '&#x110000;',
  '&#xD800;',
  '&amp',
  '&',
  '<![CDATA[ ]]> ]]>',
  '<!-- unterminated',
  '<?xml version="1.0"?>',
  '<?pi ?>',
  '</cbc:ID>',
  '<cbc:ID>',
  '<undeclared:X/>',
  '<a b="1" b="2"/>',
  '\u0000',
  '\uFFFE',
  '\uD800',
];

export interface Mutator {
  readonly name: string;
  mutate(buf: Buffer, rnd: Random): Buffer;
}

export const MUTATORS: readonly Mutator[] = [
  { name: 'truncate', mutate: (b, r) => b.subarray(0, int(r, b.length)) },
  {
    name: 'flip bytes',
    mutate: (b, r) => {
      const out = Buffer.from(b);
      const n = 1 + int(r, 8);
      for (let i = 0; i < n; i++) out[int(r, out.length)] = int(r, 256);
      return out;
    },
  },
  {
    name: 'insert DOCTYPE',
    mutate: (b, r) => {
      const decl = b.indexOf('?>');
      return insertAt(b, decl >= 0 && r() < 0.7 ? decl + 2 : 0, pick(r, HOSTILE_SNIPPETS.slice(0, 3)));
    },
  },
  { name: 'insert hostile snippet', mutate: (b, r) => insertAt(b, boundary(b, r), pick(r, HOSTILE_SNIPPETS)) },
  {
    name: 'insert entity in text',
    mutate: (b, r) => {
      const gt = b.indexOf(0x3e, int(r, b.length));
      return insertAt(b, gt < 0 ? b.length : gt + 1, pick(r, ['&xxe;', '&nbsp;', '&#x41;', '&lt;&gt;', '&#9999999;', '&bogus']));
    },
  },
  {
    name: 'duplicate chunk',
    mutate: (b, r) => {
      const from = int(r, b.length);
      const len = int(r, Math.min(4096, b.length - from));
      return insertAt(b, int(r, b.length), b.subarray(from, from + len));
    },
  },
  {
    name: 'delete chunk',
    mutate: (b, r) => {
      const from = int(r, b.length);
      const len = int(r, Math.min(512, b.length - from));
      return Buffer.concat([b.subarray(0, from), b.subarray(from + len)]);
    },
  },
  {
    name: 'deep nesting',
    mutate: (b, r) => {
      const depth = pick(r, [200, 300, 5_000, 50_000]);
      const at = boundary(b, r);
      const closed = r() < 0.5;
      return insertAt(b, at, '<d>'.repeat(depth) + (closed ? '</d>'.repeat(depth) : ''));
    },
  },
  {
    name: 'many siblings',
    mutate: (b, r) => insertAt(b, boundary(b, r), '<cbc:Note>x</cbc:Note>'.repeat(1 + int(r, 20_000))),
  },
  {
    name: 'change encoding',
    mutate: (b, r) => {
      const text = b.toString('latin1').replace(/encoding="[^"]*"/, `encoding="${pick(r, ['UTF-16', 'ISO-8859-1', 'windows-1252', 'EBCDIC', 'utf-32', ''])}"`);
      const bom = pick(r, [[], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]]);
      return Buffer.concat([Buffer.from(bom), Buffer.from(text, 'latin1')]);
    },
  },
  { name: 'utf-16', mutate: (b) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]) },
  {
    name: 'rename tags',
    mutate: (b, r) => {
      let text = b.toString('utf8');
      for (let i = 0; i < 1 + int(r, 5); i++) {
        const at = text.indexOf('<cbc:', int(r, text.length));
        if (at >= 0) text = text.slice(0, at + 1) + pick(r, ['cac:', 'x:', '', 'ram:', 'cbc:Z']) + text.slice(at + 5);
      }
      return Buffer.from(text);
    },
  },
  {
    name: 'blank values',
    mutate: (b, r) => {
      let text = b.toString('utf8');
      text = text.replace(/>([^<]{1,40})</g, (m, v: string) => (r() < 0.2 ? `>${pick(r, ['', ' ', '-1e309', 'NaN', '9'.repeat(400), '１２', v + v])}<` : m));
      return Buffer.from(text);
    },
  },
  {
    name: 'drop leaves',
    mutate: (b, r) => Buffer.from(b.toString('utf8').replace(LEAF, (m) => (r() < 0.15 ? '' : m))),
  },
  {
    name: 'duplicate leaves',
    mutate: (b, r) => Buffer.from(b.toString('utf8').replace(LEAF, (m) => (r() < 0.15 ? m + m : m))),
  },
  {
    name: 'drop aggregates',
    mutate: (b, r) => Buffer.from(b.toString('utf8').replace(AGGREGATE, (m) => (r() < 0.3 ? '' : m))),
  },
];

/** A leaf element with text: `<p:Name attrs>text</p:Name>`. */
const LEAF = /<([A-Za-z]+:[A-Za-z]+)(\s[^>]*)?>[^<]*<\/\1>/g;
/** A whole aggregate without nested same-named aggregates. */
const AGGREGATE = /<((?:cac|ram):[A-Za-z]+)(\s[^>]*)?>(?:(?!<\1[\s>])[\s\S])*?<\/\1>/g;
