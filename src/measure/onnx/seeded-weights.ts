/**
 * Deterministic synthetic weights. Each tensor draws from its own stream, seeded from the model seed and the
 * tensor's name, so the bytes depend only on (seed, name, size) and never on the order tensors are built in:
 * an fp32 and a q8 build with the same seed start from identical float weights.
 *
 * Values are "normal-ish": the Irwin–Hall sum of four uniforms, rescaled to the wanted standard deviation.
 * It needs no transcendental functions, so the output is bit-identical on every platform and fast.
 */
import { createRandom } from '../../ground/random/index.js';

/** Standard deviation of the sum of four 16-bit uniforms (each has variance 65536²/12). */
const irwinHallStd = 65536 / Math.sqrt(3);
const irwinHallMean = 2 * 65535;

/** FNV-1a over the name's UTF-16 code units, mixed with the seed. */
function hashName(seed: number, name: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let index = 0; index < name.length; index++) {
    hash ^= name.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class SeededWeights {
  constructor(readonly seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, received ${seed}`);
  }

  /** `count` values with mean 0 and standard deviation `std`, determined by the seed and `name`. */
  normal(name: string, count: number, std: number): Float32Array {
    const next = createRandom(hashName(this.seed, name), { algorithm: 'mulberry32' }).nextUint32;
    const out = new Float32Array(count);
    const factor = std / irwinHallStd;
    for (let index = 0; index < count; index++) {
      const a = next();
      const b = next();
      const sum = (a & 0xffff) + (a >>> 16) + (b & 0xffff) + (b >>> 16);
      out[index] = (sum - irwinHallMean) * factor;
    }
    return out;
  }

  /** `count` copies of `value` (LayerNorm gamma = 1, beta = 0). */
  constant(count: number, value: number): Float32Array {
    return new Float32Array(count).fill(value);
  }
}
