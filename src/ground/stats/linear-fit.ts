/**
 * Ordinary least-squares line y = intercept + slope · x with a t-based confidence interval for the slope
 * (n − 2 degrees of freedom). Used, for example, to measure how throughput scales with batch size.
 */
import { computeMean } from './descriptive.js';
import { computeTwoSidedTCritical } from './distributions.js';
import type { UndeterminedInterval } from './interval-types.js';
import { createUndeterminedInterval } from './interval-types.js';
import { assertConfidence, assertSample, readAt } from './validate.js';

export interface DeterminedLineFit {
  kind: 'determined';
  n: number;
  /** n − 2. */
  df: number;
  slope: number;
  intercept: number;
  /** Coefficient of determination; 1 when every y is equal (the fit is exact). */
  rSquared: number;
  /** Residual standard deviation, √(SSE / (n − 2)). */
  residualStandardDeviation: number;
  slopeInterval: { low: number; high: number; standardError: number; confidence: number };
}

/** Undetermined when n < 3 or all x are equal. */
export type LineFit = DeterminedLineFit | UndeterminedInterval;

interface CenteredSums {
  meanX: number;
  meanY: number;
  sxx: number;
  sxy: number;
  syy: number;
}

function computeCenteredSums(xs: readonly number[], ys: readonly number[]): CenteredSums {
  const meanX = computeMean(xs);
  const meanY = computeMean(ys);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  xs.forEach((x, index) => {
    const dx = x - meanX;
    const dy = readAt(ys, index) - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  });
  return { meanX, meanY, sxx, sxy, syy };
}

/** Fits y = intercept + slope · x by least squares. `xs` and `ys` must have equal length. */
export function fitLine(xs: readonly number[], ys: readonly number[], confidence = 0.95): LineFit {
  assertSample(xs, 'xs');
  assertSample(ys, 'ys');
  assertConfidence(confidence);
  if (xs.length !== ys.length) {
    throw new RangeError(`xs has ${xs.length} values and ys has ${ys.length}: expected equal lengths`);
  }
  const n = xs.length;
  const df = Math.max(n - 2, 0);
  if (n < 3) {
    const message = `need at least 3 points for a slope interval, got ${n}`;
    return createUndeterminedInterval('too-few-samples', message, { estimate: null, confidence, n, df });
  }
  const sums = computeCenteredSums(xs, ys);
  if (sums.sxx === 0) {
    const message = 'all x values are equal: the slope is undefined';
    return createUndeterminedInterval('no-x-spread', message, { estimate: null, confidence, n, df });
  }
  const slope = sums.sxy / sums.sxx;
  const intercept = sums.meanY - slope * sums.meanX;
  const residualSquares = Math.max(sums.syy - slope * sums.sxy, 0);
  const rSquared = sums.syy === 0 ? 1 : 1 - residualSquares / sums.syy;
  const residualStandardDeviation = Math.sqrt(residualSquares / df);
  const standardError = residualStandardDeviation / Math.sqrt(sums.sxx);
  const margin = computeTwoSidedTCritical(confidence, df) * standardError;
  const slopeInterval = { low: slope - margin, high: slope + margin, standardError, confidence };
  return { kind: 'determined', n, df, slope, intercept, rSquared, residualStandardDeviation, slopeInterval };
}
