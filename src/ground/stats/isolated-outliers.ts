/**
 * Isolated outliers: single values far off the level of both neighbours, in the same direction. On this
 * machine a run in a slow speed regime is such a value: 1.3–1.45× off for one night, with normal nights
 * around it. A real step is not one: the values after it are off together, so each differs from only one
 * neighbour. A value is flagged when it differs from both neighbours by more than `threshold` standard
 * deviations of a difference (√2·σ), in the same direction; σ is estimated from successive differences
 * (1.4826·MAD of xᵢ − xᵢ₋₁, ÷ √2), which a step does not inflate. The first and last values, which have
 * one neighbour, are judged against their two nearest values instead. Nothing is flagged in fewer than 5
 * values or when σ = 0.
 */
import { computeMedian } from './descriptive.js';
import { assertFinite, assertSample } from './validate.js';

const MIN_VALUES = 5;
/** 1 ÷ Φ⁻¹(0.75): makes the MAD a consistent estimate of σ for normal data. */
const MAD_TO_SIGMA = 1.482602218505602;

/** σ of the noise around a piecewise-constant level, from successive differences. */
export function estimateDifferenceSigma(values: readonly number[]): number {
  const differences = values.slice(1).map((value, at) => value - (values[at] as number));
  const center = computeMedian(differences);
  return (
    (MAD_TO_SIGMA * computeMedian(differences.map((difference) => Math.abs(difference - center)))) /
    Math.SQRT2
  );
}

/** Indices (ascending) of the isolated outliers of `values` (see the module comment). */
export function findIsolatedOutliers(values: readonly number[], threshold = 3.5): number[] {
  assertSample(values, 'series');
  assertFinite(threshold, 'threshold');
  if (values.length < MIN_VALUES) return [];
  const sigma = estimateDifferenceSigma(values);
  if (!(sigma > 0)) return [];
  const limit = threshold * sigma * Math.SQRT2;
  const isolated: number[] = [];
  const last = values.length - 1;
  for (let index = 0; index <= last; index++) {
    const [a, b] = index === 0 ? [1, 2] : index === last ? [last - 1, last - 2] : [index - 1, index + 1];
    const value = values[index] as number;
    const fromA = value - (values[a] as number);
    const fromB = value - (values[b] as number);
    if (Math.min(Math.abs(fromA), Math.abs(fromB)) > limit && Math.sign(fromA) === Math.sign(fromB)) {
      isolated.push(index);
    }
  }
  return isolated;
}
