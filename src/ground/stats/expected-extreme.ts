/**
 * The expected best of k processes drawn from n: the mean, over every k-subset of the sample, of that subset's
 * minimum (or maximum). A plain minimum is biased by sample size — the lowest of 11 peaks sits below the
 * lowest of 3 even when nothing changed — so two sides with different process counts (adaptive sampling adds
 * processes to one side only) are compared at the same k. With k = n it is the plain extreme.
 *
 * For ascending order statistics x₍₁₎ ≤ … ≤ x₍ₙ₎, E[min of a random k-subset] = Σᵢ x₍ᵢ₎ · C(n−i, k−1) / C(n, k):
 * x₍ᵢ₎ is the minimum of exactly the subsets that contain it and k − 1 of the n − i values above it.
 */
import { assertSample } from './validate.js';

export type Extreme = 'min' | 'max';

export function computeExpectedExtreme(values: readonly number[], k: number, extreme: Extreme): number {
  assertSample(values);
  const n = values.length;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`k must be an integer from 1 to the sample size ${n}, received ${k}`);
  }
  const ordered = [...values].sort((a, b) => (extreme === 'min' ? a - b : b - a));
  // weight of x₍ᵢ₎ (i from 1): C(n−i, k−1) / C(n, k), built from weight₁ = k / n by the ratio
  // weightᵢ₊₁ / weightᵢ = C(n−i−1, k−1) / C(n−i, k−1) = (n − i − k + 1) / (n − i)
  let weight = k / n;
  let sum = 0;
  for (let i = 1; i <= n - k + 1; i++) {
    sum += weight * (ordered[i - 1] ?? Number.NaN);
    weight *= (n - i - k + 1) / (n - i);
  }
  return sum;
}
