/**
 * The project's one seeded random generator. Same seed and options → same sequence on every platform, so
 * tests, bootstraps, corpora, schedules and synthetic weights are reproducible.
 */
import { createBitGenerator, type RandomAlgorithm } from './bit-generators.js';

export interface RandomOptions {
  /** The bit generator (default xoshiro128**); see bit-generators.ts for why there are others. */
  algorithm?: RandomAlgorithm;
  /** Random bits in each `nextFloat`: 53 from two draws (default) or 32 from one. */
  floatBits?: 32 | 53;
}

export interface Random {
  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number;
  /** Uniform in [0, 1) with `floatBits` random bits. */
  nextFloat(): number;
  /** Standard normal N(0, 1) by the Box–Muller transform. */
  nextNormal(): number;
  /** Uniform integer in [0, max). */
  nextInt(max: number): number;
  /** Uniform integer in [min, max], both inclusive. */
  nextIntBetween(min: number, max: number): number;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

const TWO_POW_26 = 67108864;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** Creates a seeded generator. The seed must be a safe integer (negative values are fine). */
export function createRandom(seed: number, options: RandomOptions = {}): Random {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed is ${seed}: expected a safe integer`);
  }
  const nextUint32 = createBitGenerator(options.algorithm ?? 'xoshiro128**', seed);
  const nextFloat =
    (options.floatBits ?? 53) === 53
      ? () => ((nextUint32() >>> 5) * TWO_POW_26 + (nextUint32() >>> 6)) / TWO_POW_53
      : () => nextUint32() / TWO_POW_32;
  const nextInt = (max: number): number => {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`max is ${max}: expected an integer ≥ 1`);
    }
    return Math.floor(nextFloat() * max);
  };
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(nextFloat() * items.length)];
    if (item === undefined) throw new RangeError('pick() needs a non-empty list');
    return item;
  };
  return {
    nextUint32,
    nextFloat,
    nextNormal: createNormalSource(nextFloat),
    nextInt,
    nextIntBetween: (min, max) => min + nextInt(max - min + 1),
    pick,
  };
}

/** Box–Muller: each pair of uniforms gives two normals; the second is kept for the next call. */
function createNormalSource(nextFloat: () => number): () => number {
  let spareNormal: number | undefined;
  return () => {
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
}

/** Shuffles a copy of `items` (Fisher–Yates, from the end), drawing each index with `drawIndex(bound)`. */
export function shuffleCopy<T>(items: readonly T[], drawIndex: (bound: number) => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = drawIndex(i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}
