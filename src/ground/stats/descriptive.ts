/**
 * Descriptive statistics over plain number arrays. Every function validates its input (non-empty, finite)
 * and throws a RangeError otherwise; none mutates its argument.
 */
import { assertFinite, assertPositiveSample, assertSample, readAt } from './validate.js';

/** Sum with Neumaier compensation, so long runs of similar values do not lose precision. */
export function computeSum(values: readonly number[]): number {
  assertSample(values);
  let total = 0;
  let compensation = 0;
  for (const value of values) {
    const next = total + value;
    compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    total = next;
  }
  return total + compensation;
}

export function computeMean(values: readonly number[]): number {
  return computeSum(values) / values.length;
}

export function findMin(values: readonly number[]): number {
  assertSample(values);
  return values.reduce((lowest, value) => Math.min(lowest, value));
}

export function findMax(values: readonly number[]): number {
  assertSample(values);
  return values.reduce((highest, value) => Math.max(highest, value));
}

/** Returns an ascending copy. */
export function sortAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Type-7 quantile of an already sorted, validated array. */
export function computeSortedQuantile(sorted: readonly number[], probability: number): number {
  const position = (sorted.length - 1) * probability;
  const lowerIndex = Math.floor(position);
  const lower = readAt(sorted, lowerIndex);
  if (lowerIndex === sorted.length - 1) return lower;
  const upper = readAt(sorted, lowerIndex + 1);
  return lower + (position - lowerIndex) * (upper - lower);
}

function assertProbability(probability: number): void {
  assertFinite(probability, 'probability');
  if (probability < 0 || probability > 1) {
    throw new RangeError(`probability is ${probability}: expected a number in [0, 1]`);
  }
}

/**
 * Quantile by linear interpolation between order statistics (Hyndman & Fan type 7, the default of numpy,
 * R and Excel's PERCENTILE.INC): position (n − 1)·p in the sorted sample.
 */
export function computeQuantile(values: readonly number[], probability: number): number {
  assertSample(values);
  assertProbability(probability);
  return computeSortedQuantile(sortAscending(values), probability);
}

export function computeMedian(values: readonly number[]): number {
  return computeQuantile(values, 0.5);
}

/** Sample variance with Bessel's correction (divides by n − 1); needs at least two values. */
export function computeSampleVariance(values: readonly number[]): number {
  assertSample(values);
  if (values.length < 2) {
    throw new RangeError(`sample has ${values.length} value: the sample variance needs at least 2`);
  }
  const mean = computeMean(values);
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return squares / (values.length - 1);
}

/** exp(mean(ln x)); every value must be > 0. */
export function computeGeometricMean(values: readonly number[]): number {
  assertPositiveSample(values);
  return Math.exp(computeMean(values.map(Math.log)));
}
