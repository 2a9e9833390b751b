/**
 * Straight-line fits in the analysis output's shape: the stats module's least-squares fit, reduced to the
 * slope, its 95 % CI, intercept, r² and n, or the reason there is no slope.
 */
import type { SlopeFit } from '../../ground/schema/analysis-schema.js';
import { fitLine } from '../../ground/stats/index.js';

/** Fits y = intercept + slope · x; undetermined (never a throw) for fewer than 3 points or one distinct x. */
export function fitSlope(xs: readonly number[], ys: readonly number[]): SlopeFit {
  if (xs.length !== ys.length) {
    throw new RangeError(`xs has ${xs.length} values and ys has ${ys.length}: expected equal lengths`);
  }
  if (xs.length === 0) return { kind: 'undetermined', reason: 'no points to fit' };
  const fit = fitLine(xs, ys);
  switch (fit.kind) {
    case 'determined':
      return {
        kind: 'determined',
        slope: fit.slope,
        low: fit.slopeInterval.low,
        high: fit.slopeInterval.high,
        intercept: fit.intercept,
        rSquared: fit.rSquared,
        n: fit.n,
      };
    case 'undetermined':
      return { kind: 'undetermined', reason: fit.message };
  }
}
