import { RuntimeFailure } from '../../ground/errors.js';

/**
 * Mean-pools token vectors over the attention mask and L2-normalizes: the sentence-transformers recipe.
 * `hidden` is [rows, sequenceLength, dimension] row-major; `mask` is [rows, sequenceLength].
 */
export function poolMeanNormalized(
  hidden: Float32Array,
  mask: BigInt64Array,
  rows: number,
  sequenceLength: number,
  dimension: number,
): Float32Array[] {
  const result: Float32Array[] = [];
  for (let row = 0; row < rows; row++) {
    const sum = new Float32Array(dimension);
    let count = 0;
    for (let t = 0; t < sequenceLength; t++) {
      if (mask[row * sequenceLength + t] === 0n) continue;
      count++;
      const base = (row * sequenceLength + t) * dimension;
      for (let d = 0; d < dimension; d++) sum[d] = (sum[d] ?? 0) + (hidden[base + d] ?? 0);
    }
    result.push(normalize(sum, Math.max(count, 1)));
  }
  return result;
}

function normalize(sum: Float32Array, count: number): Float32Array {
  let squares = 0;
  for (let d = 0; d < sum.length; d++) {
    const value = (sum[d] ?? 0) / count;
    sum[d] = value;
    squares += value * value;
  }
  const norm = Math.sqrt(squares) || 1;
  for (let d = 0; d < sum.length; d++) sum[d] = (sum[d] ?? 0) / norm;
  return sum;
}

export interface EmbeddingCheck {
  expectedDimension: number | null;
  requireUnitNorm: boolean;
}

/** Checks every embedding: consistent dimension, finite values and, for the built-in engine, norm ≈ 1. */
export function checkEmbeddings(
  embeddings: ArrayLike<number>[],
  texts: number,
  check: EmbeddingCheck,
): number {
  if (embeddings.length !== texts) {
    throw new RuntimeFailure(`The embedder returned ${embeddings.length} embeddings for ${texts} texts.`);
  }
  const dimension = check.expectedDimension ?? readLength(embeddings[0]);
  embeddings.forEach((vector, index) => {
    checkDimension(readLength(vector), index, dimension, check.expectedDimension !== null);
    let squares = 0;
    for (let d = 0; d < vector.length; d++) {
      const value = vector[d] ?? Number.NaN;
      if (!Number.isFinite(value)) {
        throw new RuntimeFailure(`Embedding ${index} has a non-finite value at position ${d}: ${value}.`);
      }
      squares += value * value;
    }
    if (check.requireUnitNorm && Math.abs(Math.sqrt(squares) - 1) > 1e-3) {
      throw new RuntimeFailure(
        `Embedding ${index} has norm ${Math.sqrt(squares)}; expected 1 after L2 norm.`,
      );
    }
  });
  return dimension;
}

/** The length of something that should be a vector; -1 when it is no array-like at all. */
function readLength(vector: unknown): number {
  if (typeof vector !== 'object' || vector === null) return -1;
  const length: unknown = Reflect.get(vector, 'length');
  return typeof length === 'number' ? length : -1;
}

function checkDimension(length: number, index: number, dimension: number, earlier: boolean): void {
  if (length === -1) {
    throw new RuntimeFailure(`Embedding ${index} is not an array of numbers; each text needs one vector.`);
  }
  if (length === 0) {
    throw new RuntimeFailure(`Embedding ${index} is empty (no numbers); each vector needs at least one.`);
  }
  if (length !== dimension) {
    const source = earlier ? 'as in the earlier batches' : 'as embedding 0 of this batch';
    throw new RuntimeFailure(`Embedding ${index} has dimension ${length}; expected ${dimension}, ${source}.`);
  }
}
