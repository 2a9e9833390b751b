/**
 * Confidence intervals for means, geometric means and relative differences.
 *
 * Throughput-like measurements are positive and multiplicative, so ratios are handled on the log scale:
 * a t interval for a difference of mean logs, exponentiated, is an interval for a ratio of geometric
 * means. Relative differences are reported as ratio − 1 (0.1 = +10 %, −0.05 = −5 %).
 */
import { computeTwoSidedTCritical } from './distributions.js';
import type { Interval, RatioDesign, RatioInterval } from './interval-types.js';
import { createUndeterminedInterval } from './interval-types.js';
import { assertConfidence, assertSample } from './validate.js';
import type { SampleMoments } from './welch.js';
import { computeLogMoments, computeMoments, computeWelchStatistics } from './welch.js';

export interface MeasurementPair {
  baseline: number;
  current: number;
}

interface RatioSizes {
  design: RatioDesign;
  baselineN: number;
  currentN: number;
}

function describeTooFew(n: number, unit: string): string {
  return `need at least 2 ${unit} for an interval, got ${n}`;
}

/** t interval around the mean of `moments`, optionally mapped through `transform` (e.g. exp). */
function createMomentsInterval(
  moments: SampleMoments,
  confidence: number,
  transform: (value: number) => number,
  unit: string,
): Interval {
  const estimate = transform(moments.mean);
  if (moments.n < 2) {
    const fields = { estimate, confidence, n: moments.n };
    return createUndeterminedInterval('too-few-samples', describeTooFew(moments.n, unit), fields);
  }
  const df = moments.n - 1;
  const standardError = Math.sqrt(moments.variance / moments.n);
  const margin = computeTwoSidedTCritical(confidence, df) * standardError;
  const low = transform(moments.mean - margin);
  const high = transform(moments.mean + margin);
  return { kind: 'determined', estimate, low, high, confidence, n: moments.n, df, standardError };
}

const identity = (value: number): number => value;
const toRelativeDifference = (logRatio: number): number => Math.expm1(logRatio);

/** Student-t interval for the arithmetic mean (df = n − 1). */
export function computeMeanInterval(samples: readonly number[], confidence = 0.95): Interval {
  assertConfidence(confidence);
  return createMomentsInterval(computeMoments(samples), confidence, identity, 'measurements');
}

/** Interval for the geometric mean: t on ln(x), exponentiated. Values must be > 0. */
export function computeGeometricMeanInterval(samples: readonly number[], confidence = 0.95): Interval {
  assertConfidence(confidence);
  return createMomentsInterval(computeLogMoments(samples), confidence, Math.exp, 'measurements');
}

/**
 * Interval for geomean(current) / geomean(baseline) − 1 from independent samples, by Welch's t on the
 * logs with Welch–Satterthwaite df. Values must be > 0. Undetermined when either side has n < 2.
 */
export function computeRatioInterval(
  baseline: readonly number[],
  current: readonly number[],
  confidence = 0.95,
): RatioInterval {
  assertConfidence(confidence);
  const baselineLogs = computeLogMoments(baseline, 'baseline');
  const currentLogs = computeLogMoments(current, 'current');
  const sizes: RatioSizes = { design: 'independent', baselineN: baselineLogs.n, currentN: currentLogs.n };
  const n = baselineLogs.n + currentLogs.n;
  if (baselineLogs.n < 2 || currentLogs.n < 2) {
    const message = `need at least 2 measurements per side, got ${baselineLogs.n} baseline and ${currentLogs.n} current`;
    const estimate = toRelativeDifference(currentLogs.mean - baselineLogs.mean);
    return {
      ...createUndeterminedInterval('too-few-samples', message, { estimate, confidence, n }),
      ...sizes,
    };
  }
  const welch = computeWelchStatistics(baselineLogs, currentLogs);
  const margin = computeTwoSidedTCritical(confidence, welch.df) * welch.standardError;
  return {
    kind: 'determined',
    estimate: toRelativeDifference(welch.difference),
    low: toRelativeDifference(welch.difference - margin),
    high: toRelativeDifference(welch.difference + margin),
    confidence,
    n,
    df: welch.df,
    standardError: welch.standardError,
    ...sizes,
  };
}

/** ln(current / baseline) for each pair, validating both members. */
export function computePairLogRatios(pairs: readonly MeasurementPair[]): number[] {
  if (pairs.length === 0) throw new RangeError('pairs is empty: expected at least one pair');
  assertSample(
    pairs.map((pair) => pair.baseline),
    'pairs baseline',
  );
  assertSample(
    pairs.map((pair) => pair.current),
    'pairs current',
  );
  return pairs.map((pair, index) => {
    if (pair.baseline <= 0 || pair.current <= 0) {
      throw new RangeError(`pairs[${index}] is (${pair.baseline}, ${pair.current}): expected values > 0`);
    }
    return Math.log(pair.current / pair.baseline);
  });
}

/**
 * Interval for the relative difference from paired (interleaved) measurements: a t interval on the
 * per-pair log ratios (df = pairs − 1). Shared slow/fast machine regimes cancel within each pair.
 */
export function computePairedRatioInterval(
  pairs: readonly MeasurementPair[],
  confidence = 0.95,
): RatioInterval {
  assertConfidence(confidence);
  const moments = computeMoments(computePairLogRatios(pairs), 'pair log ratios');
  const interval = createMomentsInterval(moments, confidence, toRelativeDifference, 'pairs');
  return { ...interval, design: 'paired', baselineN: pairs.length, currentN: pairs.length };
}
