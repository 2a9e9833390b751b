/**
 * Multiple-comparison control and the p-values that feed it. When a gate checks many cells (model × batch
 * size × metric) at once, raw p-values overstate significance; Holm's step-down procedure controls the
 * family-wise error rate without assuming independence.
 */
import { computeStudentTCdf } from './distributions.js';
import type { UndeterminedReason } from './interval-types.js';
import type { MeasurementPair } from './intervals.js';
import { computePairLogRatios } from './intervals.js';
import { readAt } from './validate.js';
import { computeLogMoments, computeMoments, computeWelchStatistics } from './welch.js';

export type PValueResult =
  | {
      kind: 'determined';
      /** Two-sided p-value. */
      pValue: number;
      /** t statistic of ln(current) − ln(baseline); ±Infinity when the spread is exactly 0. */
      t: number;
      df: number;
    }
  | { kind: 'undetermined'; reason: UndeterminedReason; message: string };

/**
 * Holm–Bonferroni adjusted p-values, returned in input order. Sorted ascending, the k-th smallest becomes
 * max over j ≤ k of min(1, (m − j + 1) · p₍ⱼ₎); reject where the adjusted value is ≤ α.
 */
export function adjustHolmBonferroni(pValues: readonly number[]): number[] {
  pValues.forEach((p, index) => {
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`pValues[${index}] is ${p}: expected a probability in [0, 1]`);
    }
  });
  const m = pValues.length;
  const order = pValues.map((_, index) => index).sort((a, b) => readAt(pValues, a) - readAt(pValues, b));
  const adjusted = new Array<number>(m).fill(1);
  let runningMax = 0;
  order.forEach((originalIndex, rank) => {
    const scaled = Math.min(1, (m - rank) * readAt(pValues, originalIndex));
    runningMax = Math.max(runningMax, scaled);
    adjusted[originalIndex] = runningMax;
  });
  return adjusted;
}

/** Two-sided p-value for a t statistic; a zero standard error gives p = 1 (no difference) or 0. */
function computeTwoSidedPValue(difference: number, standardError: number, df: number): PValueResult {
  if (standardError === 0) {
    const t = difference === 0 ? 0 : Math.sign(difference) * Infinity;
    return { kind: 'determined', pValue: difference === 0 ? 1 : 0, t, df };
  }
  const t = difference / standardError;
  return { kind: 'determined', pValue: Math.min(1, 2 * computeStudentTCdf(-Math.abs(t), df)), t, df };
}

/**
 * Two-sided p-value of Welch's t test on ln(values) (independent samples, unequal variances), testing
 * whether the geometric means differ. Undetermined when either side has fewer than 2 values.
 */
export function computeWelchLogPValue(baseline: readonly number[], current: readonly number[]): PValueResult {
  const baselineLogs = computeLogMoments(baseline, 'baseline');
  const currentLogs = computeLogMoments(current, 'current');
  if (baselineLogs.n < 2 || currentLogs.n < 2) {
    const message = `need at least 2 measurements per side, got ${baselineLogs.n} baseline and ${currentLogs.n} current`;
    return { kind: 'undetermined', reason: 'too-few-samples', message };
  }
  const welch = computeWelchStatistics(baselineLogs, currentLogs);
  return computeTwoSidedPValue(welch.difference, welch.standardError, welch.df);
}

/** Two-sided p-value of a one-sample t test on the per-pair log ratios (paired / interleaved runs). */
export function computePairedLogPValue(pairs: readonly MeasurementPair[]): PValueResult {
  const moments = computeMoments(computePairLogRatios(pairs), 'pair log ratios');
  if (moments.n < 2) {
    return {
      kind: 'undetermined',
      reason: 'too-few-samples',
      message: `need at least 2 pairs, got ${moments.n}`,
    };
  }
  return computeTwoSidedPValue(moments.mean, Math.sqrt(moments.variance / moments.n), moments.n - 1);
}
