/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna) seeded through splitmix32.
 * Deterministic for a given seed on every platform, so tests and bootstraps are reproducible.
 */
import { assertInteger } from './validate.js';

export interface Random {
  /** Uniform in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** Standard normal N(0, 1) by the Box–Muller transform. */
  nextNormal(): number;
  /** Uniform integer in [0, max). */
  nextInt(max: number): number;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** splitmix32: expands one 32-bit seed into well-mixed state words. */
function createSplitMix32(seed: number): () => number {
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

/** Returns a xoshiro128** generator yielding unsigned 32-bit integers. */
function createXoshiro128(seed: number): () => number {
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

/** Creates a seeded generator. The seed must be a safe integer (negative values are fine). */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed is ${seed}: expected a safe integer`);
  }
  const nextUint32 = createXoshiro128(seed);
  let spareNormal: number | undefined;

  const nextFloat = (): number => {
    const high = nextUint32() >>> 5;
    const low = nextUint32() >>> 6;
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  };

  const nextNormal = (): number => {
    if (spareNormal !== undefined) {
      const value = spareNormal;
      spareNormal = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - nextFloat()));
    const angle = 2 * Math.PI * nextFloat();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  const nextInt = (max: number): number => {
    assertInteger(max, 'max', 1);
    return Math.floor(nextFloat() * max);
  };

  return { nextFloat, nextNormal, nextInt };
}
