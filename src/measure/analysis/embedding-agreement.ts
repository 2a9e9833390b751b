/**
 * How closely two embedders agree on the same texts: the cosine similarity of each text's two vectors, then
 * its mean, its minimum and its 1st percentile. 1 is identical direction; a quantized model of the same
 * weights stays close to 1, a perturbed or different model does not. Pure.
 */
import type { EmbeddingAgreement } from '../../ground/schema/analysis-schema.js';
import { computeQuantile } from '../../ground/stats/index.js';

/** Cosine of two vectors; 0 when either is all zeros. Throws a RangeError when their lengths differ. */
export function computeCosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new RangeError(`cannot compare embeddings of ${a.length} and ${b.length} dimensions`);
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * The agreement of `variant` with `reference`, text by text (index i of each is the same text). Throws a
 * RangeError for no texts or a different number of vectors.
 */
export function measureAgreement(
  reference: readonly ArrayLike<number>[],
  variant: readonly ArrayLike<number>[],
): EmbeddingAgreement {
  if (reference.length === 0 || reference.length !== variant.length) {
    throw new RangeError(
      `agreement needs the same texts on both sides: got ${reference.length} and ${variant.length} vectors`,
    );
  }
  const cosines = reference.map((vector, index) => computeCosine(vector, variant[index] ?? []));
  return {
    texts: cosines.length,
    meanCosine: cosines.reduce((sum, value) => sum + value, 0) / cosines.length,
    minCosine: Math.min(...cosines),
    p01Cosine: computeQuantile(cosines, 0.01),
  };
}
