/**
 * Fixed-width bitsets over the project groups a rule set mentions (bit i = group i),
 * stored as 32-bit words so a subset test is a few AND/NOT operations.
 */
export type Bits = Uint32Array;

export function emptyBits(words: number): Bits {
  return new Uint32Array(words);
}

export function setBit(bits: Bits, index: number): void {
  const w = index >>> 5;
  bits[w] = (bits[w] ?? 0) | (1 << (index & 31));
}

export function hasBit(bits: Bits, index: number): boolean {
  return (((bits[index >>> 5] ?? 0) >>> (index & 31)) & 1) === 1;
}

/** `a` without the bits of `b` (a new bitset). */
export function without(a: Bits, b: Bits): Bits {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) & ~(b[i] ?? 0);
  return out;
}


/** True when every bit of `required` is set in `present`. */
export function isSubset(required: Bits, present: Bits): boolean {
  for (let i = 0; i < required.length; i++) {
    if (((required[i] ?? 0) & ~(present[i] ?? 0)) !== 0) return false;
  }
  return true;
}

export function popcount(bits: Bits): number {
  let n = 0;
  for (const word of bits) {
    let v = word - ((word >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

export function isEmpty(bits: Bits): boolean {
  for (const word of bits) if (word !== 0) return false;
  return true;
}

export function bitsKey(bits: Bits): string {
  return Array.from(bits).join(',');
}
