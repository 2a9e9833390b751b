/**
 * The 32-bit generators behind `createRandom`. xoshiro128** is the default; the other three exist because
 * recorded outputs depend on their exact streams (synthetic model weights, the default corpus, text
 * shuffles, run schedules), so each keeps its original seeding and update step bit for bit.
 */

/** Which bit generator a `Random` draws from. */
export type RandomAlgorithm = 'xoshiro128**' | 'mulberry32' | 'xorshift32' | 'lcg32';

/** A source of unsigned 32-bit integers. */
export type NextUint32 = () => number;

const TWO_POW_32 = 4294967296;

/** Returns the generator `algorithm` seeded with `seed`. */
export function createBitGenerator(algorithm: RandomAlgorithm, seed: number): NextUint32 {
  switch (algorithm) {
    case 'xoshiro128**':
      return createXoshiro128(seed);
    case 'mulberry32':
      return createMulberry32(seed >>> 0);
    case 'xorshift32':
      return createXorshift32(seed >>> 0 || 1);
    case 'lcg32':
      return createLcg32((seed * 2654435761) >>> 0 || 1);
  }
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** splitmix32: expands one 32-bit seed into well-mixed state words. */
function createSplitMix32(seed: number): NextUint32 {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let mixed = state ^ (state >>> 16);
    mixed = Math.imul(mixed, 0x21f0aaad);
    mixed ^= mixed >>> 15;
    mixed = Math.imul(mixed, 0x735a2d97);
    return (mixed ^ (mixed >>> 15)) >>> 0;
  };
}

/** xoshiro128** (Blackman & Vigna), its state seeded through splitmix32 from all 53 bits of the seed. */
function createXoshiro128(seed: number): NextUint32 {
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  const split = createSplitMix32(low ^ Math.imul(high, 0x85ebca6b));
  let s0 = split();
  let s1 = split();
  let s2 = split();
  let s3 = split();
  return () => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = rotateLeft(s3, 11);
    return result;
  };
}

/** mulberry32: 32-bit state, full 2³² period. */
function createMulberry32(state: number): NextUint32 {
  let current = state;
  return () => {
    current = (current + 0x6d2b79f5) >>> 0;
    let t = Math.imul(current ^ (current >>> 15), 1 | current);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Marsaglia's xorshift32 (13, 17, 5); the state must not be 0. */
function createXorshift32(state: number): NextUint32 {
  let current = state;
  return () => {
    current ^= current << 13;
    current ^= current >>> 17;
    current ^= current << 5;
    return current >>> 0;
  };
}

/** The Numerical Recipes linear congruential generator (a = 1664525, c = 1013904223, m = 2³²). */
function createLcg32(state: number): NextUint32 {
  let current = state;
  return () => {
    current = (Math.imul(current, 1664525) + 1013904223) >>> 0;
    return current;
  };
}
