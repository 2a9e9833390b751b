/**
 * Outlier detection by the modified z-score of Iglewicz and Hoaglin (1993):
 * Mᵢ = 0.6745 · (xᵢ − median) / MAD, flagged when |Mᵢ| > 3.5.
 *
 * When more than half the values are identical the MAD is 0. Then the scale falls back to the mean absolute
 * deviation around the median, Mᵢ = (xᵢ − median) / (1.253314 · MeanAD) (1.253314 = √(π/2) makes MeanAD
 * consistent with σ for normal data). If that is 0 too, every value equals the median and nothing is flagged.
 */
import { computeMean, computeMedian } from './descriptive.js';
import { assertFinite, assertSample } from './validate.js';

/** 0.6745 ≈ Φ⁻¹(0.75): the MAD of a standard normal. */
export const MODIFIED_Z_MAD_FACTOR = 0.6745;
/** √(π/2): the mean absolute deviation of a standard normal is 1 / 1.253314. */
export const MODIFIED_Z_MEAN_AD_FACTOR = 1.253314;
export const DEFAULT_OUTLIER_THRESHOLD = 3.5;

export type ModifiedZScale = 'median-absolute-deviation' | 'mean-absolute-deviation' | 'none';

export interface ModifiedZScores {
  /** One score per input value, in input order (all 0 when `scale` is 'none'). */
  scores: number[];
  /** Which spread estimate the scores are based on. */
  scale: ModifiedZScale;
}

/** Modified z-scores of every value, with the MAD = 0 fallback described above. */
export function computeModifiedZScores(values: readonly number[]): ModifiedZScores {
  assertSample(values);
  const center = computeMedian(values);
  const deviations = values.map((value) => value - center);
  const absolute = deviations.map(Math.abs);
  const mad = computeMedian(absolute);
  if (mad > 0) {
    return {
      scores: deviations.map((deviation) => (MODIFIED_Z_MAD_FACTOR * deviation) / mad),
      scale: 'median-absolute-deviation',
    };
  }
  const meanAbsoluteDeviation = computeMean(absolute);
  if (meanAbsoluteDeviation > 0) {
    const scale = MODIFIED_Z_MEAN_AD_FACTOR * meanAbsoluteDeviation;
    return { scores: deviations.map((deviation) => deviation / scale), scale: 'mean-absolute-deviation' };
  }
  return { scores: values.map(() => 0), scale: 'none' };
}

/** Indices (ascending) of values whose |modified z-score| exceeds `threshold` (default 3.5). */
export function findOutlierIndices(
  values: readonly number[],
  threshold = DEFAULT_OUTLIER_THRESHOLD,
): number[] {
  assertFinite(threshold, 'threshold');
  if (threshold <= 0) {
    throw new RangeError(`threshold is ${threshold}: expected a number > 0, typically 3.5`);
  }
  const { scores } = computeModifiedZScores(values);
  const indices: number[] = [];
  scores.forEach((score, index) => {
    if (Math.abs(score) > threshold) indices.push(index);
  });
  return indices;
}
