/**
 * A/B effects measured interleaved in one process (threads, dtype, bucketing, truncation, instrumentation):
 * the paired texts/s measurements reduced to medians, the ratio of geometric means and its paired 95 % CI.
 */
import type { Effect } from '../../ground/schema/analysis-schema.js';
import { computeGeometricMean, computeMedian, computePairedRatioInterval } from '../../ground/stats/index.js';
import { toIntervalData } from './to-distribution.js';

export { toIntervalData };

/** One interleaved measurement of both sides, in texts per second (both > 0). */
export interface EffectPair {
  baseline: number;
  variant: number;
}

export interface EffectLabels {
  baseline: string;
  variant: string;
}

/**
 * Summarizes paired measurements. relativeChange is geomean(variant) / geomean(baseline) − 1, which for
 * pairs equals exp(mean log ratio) − 1, the centre of the paired CI. One pair gives an undetermined CI.
 * Throws a RangeError for no pairs or a value that is not a finite positive number.
 */
export function summarizeEffect(pairs: readonly EffectPair[], labels: EffectLabels): Effect {
  if (pairs.length === 0) {
    throw new RangeError(`effect ${labels.variant} vs ${labels.baseline}: expected at least one pair, got 0`);
  }
  const interval = computePairedRatioInterval(
    pairs.map((pair) => ({ baseline: pair.baseline, current: pair.variant })),
  );
  const baselines = pairs.map((pair) => pair.baseline);
  const variants = pairs.map((pair) => pair.variant);
  return {
    baselineLabel: labels.baseline,
    variantLabel: labels.variant,
    baselineTextsPerSecond: computeMedian(baselines),
    variantTextsPerSecond: computeMedian(variants),
    relativeChange: computeGeometricMean(variants) / computeGeometricMean(baselines) - 1,
    ci95: toIntervalData(interval),
    pairs: pairs.length,
  };
}
