/** Public API of the random module: one seeded generator, several bit streams. */
export type { RandomAlgorithm } from './bit-generators.js';
export type { Random, RandomOptions } from './random.js';
export { createRandom, shuffleCopy } from './random.js';
