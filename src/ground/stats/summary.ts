/**
 * One-call summary of a sample of per-process measurements (e.g. texts/s from each fresh worker).
 */
import { computeSortedQuantile, findMax, findMin, sortAscending } from './descriptive.js';
import type { Interval } from './interval-types.js';
import { createUndeterminedInterval } from './interval-types.js';
import { computeGeometricMeanInterval } from './intervals.js';
import { findOutlierIndices } from './outliers.js';
import { assertSample } from './validate.js';
import { computeMoments } from './welch.js';

export interface SampleSummary {
  n: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  /** Sample standard deviation (n − 1); 0 when n = 1 (no spread observed: check `ci95.kind`). */
  stddev: number;
  /** stddev / |mean|; 0 when stddev is 0. */
  cv: number;
  /** Type-7 quantiles; p50 equals `median`. */
  p50: number;
  p95: number;
  p99: number;
  /** 95 % interval of the geometric mean; undetermined when n < 2 or any value is ≤ 0. */
  ci95: Interval;
  /** Modified z-score outliers (|M| > 3.5), ascending indices into `values`. */
  outlierIndices: number[];
}

function computeGeometricCi95(values: readonly number[]): Interval {
  if (values.some((value) => value <= 0)) {
    const message = 'a geometric-mean interval needs every value > 0';
    return createUndeterminedInterval('non-positive-values', message, {
      estimate: null,
      confidence: 0.95,
      n: values.length,
    });
  }
  return computeGeometricMeanInterval(values, 0.95);
}

/** Summarizes a non-empty sample of finite values. */
export function summarizeSample(values: readonly number[]): SampleSummary {
  assertSample(values);
  const sorted = sortAscending(values);
  const moments = computeMoments(values);
  const stddev = Math.sqrt(moments.variance);
  const mean = moments.mean;
  const cv = stddev === 0 ? 0 : stddev / Math.abs(mean);
  const median = computeSortedQuantile(sorted, 0.5);
  return {
    n: values.length,
    mean,
    median,
    min: findMin(values),
    max: findMax(values),
    stddev,
    cv,
    p50: median,
    p95: computeSortedQuantile(sorted, 0.95),
    p99: computeSortedQuantile(sorted, 0.99),
    ci95: computeGeometricCi95(values),
    outlierIndices: findOutlierIndices(values),
  };
}
