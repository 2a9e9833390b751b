/**
 * Sample moments and Welch's unequal-variance t statistic, shared by the interval and p-value modules.
 */
import { computeMean } from './descriptive.js';
import { assertPositiveSample, assertSample } from './validate.js';

export interface SampleMoments {
  n: number;
  mean: number;
  /** Sample variance (n − 1 denominator); 0 when n = 1, so callers must check n before using it. */
  variance: number;
}

export interface WelchStatistics {
  /** current mean − baseline mean. */
  difference: number;
  standardError: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
}

/** Mean and sample variance of a finite, non-empty sample. */
export function computeMoments(values: readonly number[], label = 'sample'): SampleMoments {
  assertSample(values, label);
  const mean = computeMean(values);
  if (values.length < 2) return { n: values.length, mean, variance: 0 };
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { n: values.length, mean, variance: squares / (values.length - 1) };
}

/** Moments of ln(values); every value must be > 0. */
export function computeLogMoments(values: readonly number[], label = 'sample'): SampleMoments {
  assertPositiveSample(values, label);
  return computeMoments(values.map(Math.log), label);
}

/**
 * Welch's statistics for current − baseline. Both samples need n ≥ 2. When both variances are 0 the
 * Welch–Satterthwaite df is 0/0; the pooled df n₁ + n₂ − 2 is used instead (the standard error is 0 anyway).
 */
export function computeWelchStatistics(baseline: SampleMoments, current: SampleMoments): WelchStatistics {
  if (baseline.n < 2 || current.n < 2) {
    throw new RangeError(`Welch's test needs n ≥ 2 per side, got ${baseline.n} and ${current.n}`);
  }
  const baselineShare = baseline.variance / baseline.n;
  const currentShare = current.variance / current.n;
  const squaredError = baselineShare + currentShare;
  const difference = current.mean - baseline.mean;
  if (squaredError === 0) {
    return { difference, standardError: 0, df: baseline.n + current.n - 2 };
  }
  const df =
    squaredError ** 2 / (baselineShare ** 2 / (baseline.n - 1) + currentShare ** 2 / (current.n - 1));
  return { difference, standardError: Math.sqrt(squaredError), df };
}
