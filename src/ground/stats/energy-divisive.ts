/**
 * The two steps of E-divisive means (Matteson & James 2014, "A nonparametric approach for multiple change point
 * analysis of multivariate data"), for one-dimensional series with α = 1:
 *
 * - the split statistic: for X = z[0, τ) and Y = z[τ, n), the scaled energy distance
 *   Q(τ) = (|X|·|Y| / n) · (2·mean|x − y| − mean|x − x'| − mean|y − y'|), maximized over τ;
 * - its significance: a permutation test (shuffle the segment, take the best split again, count how often the
 *   shuffled maximum reaches the observed one). Under no change the values are exchangeable, so the p-value
 *   is valid whatever their distribution; it stops early once the split can no longer be significant.
 *
 * Both work on any finite values; the change-point module passes logarithms so steps are relative.
 */
import type { Random } from '../random/index.js';
import { shuffleCopy } from '../random/index.js';

export interface SplitCandidate {
  /** First index of the second part, relative to the values passed in. */
  index: number;
  /** Q at that index (≥ 0 up to rounding; larger is a clearer split). */
  statistic: number;
}

export interface PermutationOutcome {
  /** (1 + shuffles reaching the observed Q) ÷ (1 + shuffles run). */
  pValue: number;
  /** Shuffles run (fewer than asked when the test stopped early). */
  permutations: number;
}

/** Σⱼ<ₖ |zⱼ − zₖ| and Σⱼ>ₖ |zⱼ − zₖ| for every k. */
function computeDistanceSums(values: readonly number[]): { before: Float64Array; after: Float64Array } {
  const n = values.length;
  const before = new Float64Array(n);
  const after = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const value = values[k] as number;
    for (let j = k + 1; j < n; j++) {
      const distance = Math.abs((values[j] as number) - value);
      after[k] = (after[k] as number) + distance;
      before[j] = (before[j] as number) + distance;
    }
  }
  return { before, after };
}

/** Mean pairwise distance inside a part holding `pairSum` over `size` values (0 for a single value). */
function computeWithinMean(pairSum: number, size: number): number {
  return size < 2 ? 0 : pairSum / ((size * (size - 1)) / 2);
}

/**
 * The split of `values` that maximizes Q with at least `minSize` values on each side; null when there are
 * fewer than 2·minSize values. O(n²): the within- and between-part distance sums are updated as τ moves.
 */
export function findBestSplit(values: readonly number[], minSize: number): SplitCandidate | null {
  const n = values.length;
  if (n < 2 * minSize) return null;
  const { before, after } = computeDistanceSums(values);
  let total = 0;
  for (const sum of before) total += sum;
  let left = 0;
  let right = total;
  let best: SplitCandidate | null = null;
  for (let tau = 1; tau < n; tau++) {
    left += before[tau - 1] as number;
    right -= after[tau - 1] as number;
    const sizeX = tau;
    const sizeY = n - tau;
    if (sizeX < minSize || sizeY < minSize) continue;
    const between = (total - left - right) / (sizeX * sizeY);
    const energy = 2 * between - computeWithinMean(left, sizeX) - computeWithinMean(right, sizeY);
    const statistic = ((sizeX * sizeY) / n) * energy;
    if (best === null || statistic > best.statistic) best = { index: tau, statistic };
  }
  return best;
}

/**
 * Permutation p-value of the best split's statistic `observed` over `values`. Stops as soon as the p-value
 * cannot reach `maxPValue` any more (the decision is then certain; the p-value is the estimate so far).
 */
export function testSplitSignificance(
  values: readonly number[],
  observed: number,
  settings: { minSize: number; permutations: number; maxPValue: number; random: Random },
): PermutationOutcome {
  const tolerance = 1e-12 * Math.max(1, Math.abs(observed));
  const stopAt = settings.maxPValue * (settings.permutations + 1) - 1;
  let reached = 0;
  let run = 0;
  while (run < settings.permutations) {
    const shuffled = shuffleCopy(values, (bound) => settings.random.nextInt(bound));
    const candidate = findBestSplit(shuffled, settings.minSize);
    run++;
    if (candidate !== null && candidate.statistic >= observed - tolerance) reached++;
    if (reached > stopAt) break;
  }
  return { pValue: (1 + reached) / (1 + run), permutations: run };
}
