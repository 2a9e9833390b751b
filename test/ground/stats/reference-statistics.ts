/**
 * Statistics only the tests use: reference p-values for the coverage and log-ratio checks, a bootstrap
 * interval, and descriptive helpers. Built on the stats module's primitives; nothing in src/ needs them.
 */
import type { Random } from '../../../src/ground/random/index.js';
import {
  computeMean,
  computeMedian,
  computeQuantile,
  computeSampleVariance,
  computeSortedQuantile,
  sortAscending,
} from '../../../src/ground/stats/descriptive.js';
import { computeTwoSidedPValue } from '../../../src/ground/stats/distributions.js';
import type { UndeterminedInterval, UndeterminedReason } from '../../../src/ground/stats/interval-types.js';
import { createUndeterminedInterval } from '../../../src/ground/stats/interval-types.js';
import { computePairLogRatios, type MeasurementPair } from '../../../src/ground/stats/intervals.js';
import { assertConfidence, assertInteger, assertSample, readAt } from '../../../src/ground/stats/validate.js';
import {
  computeLogMoments,
  computeMoments,
  computeWelchStatistics,
} from '../../../src/ground/stats/welch.js';

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

function createPValueResult(difference: number, standardError: number, df: number): PValueResult {
  const t =
    standardError === 0
      ? difference === 0
        ? 0
        : Math.sign(difference) * Infinity
      : difference / standardError;
  return { kind: 'determined', pValue: computeTwoSidedPValue(difference, standardError, df), t, df };
}

/** Two-sided p-value of Welch's t test on ln(values): do the geometric means differ? */
export function computeWelchLogPValue(baseline: readonly number[], current: readonly number[]): PValueResult {
  const baselineLogs = computeLogMoments(baseline, 'baseline');
  const currentLogs = computeLogMoments(current, 'current');
  if (baselineLogs.n < 2 || currentLogs.n < 2) {
    const message = `need at least 2 measurements per side, got ${baselineLogs.n} baseline and ${currentLogs.n} current`;
    return { kind: 'undetermined', reason: 'too-few-samples', message };
  }
  const welch = computeWelchStatistics(baselineLogs, currentLogs);
  return createPValueResult(welch.difference, welch.standardError, welch.df);
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
  return createPValueResult(moments.mean, Math.sqrt(moments.variance / moments.n), moments.n - 1);
}

export interface DeterminedBootstrapInterval {
  kind: 'determined';
  estimate: number;
  low: number;
  high: number;
  confidence: number;
  n: number;
  /** Number of bootstrap resamples (a bootstrap interval has no degrees of freedom). */
  resamples: number;
}

export type BootstrapInterval = DeterminedBootstrapInterval | UndeterminedInterval;

/** Medians of `resamples` bootstrap resamples (drawn with replacement), sorted ascending. */
function drawBootstrapMedians(samples: readonly number[], random: Random, resamples: number): number[] {
  const resample = new Array<number>(samples.length);
  const medians: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < samples.length; i++) resample[i] = readAt(samples, random.nextInt(samples.length));
    medians.push(computeMedian(resample));
  }
  return sortAscending(medians);
}

/** Percentile-bootstrap interval for the median; coarse for small n, robust to outliers. */
export function bootstrapMedianInterval(
  samples: readonly number[],
  random: Random,
  resamples = 2000,
  confidence = 0.95,
): BootstrapInterval {
  assertSample(samples);
  assertConfidence(confidence);
  assertInteger(resamples, 'resamples', 1);
  const estimate = computeMedian(samples);
  if (samples.length < 2) {
    const message = `need at least 2 measurements for an interval, got ${samples.length}`;
    return createUndeterminedInterval('too-few-samples', message, {
      estimate,
      confidence,
      n: samples.length,
    });
  }
  const medians = drawBootstrapMedians(samples, random, resamples);
  const alpha = 1 - confidence;
  const low = computeSortedQuantile(medians, alpha / 2);
  const high = computeSortedQuantile(medians, 1 - alpha / 2);
  return { kind: 'determined', estimate, low, high, confidence, n: samples.length, resamples };
}

/** Several type-7 quantiles. */
export function computeQuantiles(values: readonly number[], probabilities: readonly number[]): number[] {
  assertSample(values);
  return probabilities.map((probability) => computeQuantile(values, probability));
}

export function computeStandardDeviation(values: readonly number[]): number {
  return Math.sqrt(computeSampleVariance(values));
}

/** Sample standard deviation divided by the mean (relative spread); throws when the mean is 0. */
export function computeCoefficientOfVariation(values: readonly number[]): number {
  const deviation = computeStandardDeviation(values);
  const mean = computeMean(values);
  if (mean === 0) throw new RangeError('sample mean is 0: the coefficient of variation is undefined');
  return deviation / Math.abs(mean);
}

/** Median of |x − median(x)|, unscaled. */
export function computeMedianAbsoluteDeviation(values: readonly number[]): number {
  const center = computeMedian(values);
  return computeMedian(values.map((value) => Math.abs(value - center)));
}

/** MAD × 1.4826: a robust estimate of the standard deviation for normal data. */
export function computeScaledMedianAbsoluteDeviation(values: readonly number[]): number {
  return 1.4826 * computeMedianAbsoluteDeviation(values);
}
