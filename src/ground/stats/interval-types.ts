/**
 * Result shapes for confidence intervals. An interval is either determined (finite bounds) or undetermined
 * (too little data, or data the method cannot use); it never contains NaN.
 */

export type UndeterminedReason = 'too-few-samples' | 'non-positive-values' | 'no-x-spread';

export interface DeterminedInterval {
  kind: 'determined';
  /** Point estimate: a mean, a geometric mean, or a relative difference (0.1 = +10 %). */
  estimate: number;
  low: number;
  high: number;
  confidence: number;
  /** Number of measurements behind the interval (for paired intervals: number of pairs). */
  n: number;
  /** Degrees of freedom of the t distribution used (Welch–Satterthwaite df may be fractional). */
  df: number;
  /** Standard error of the estimate on the scale the t multiplier applies to (log scale for ratios). */
  standardError: number;
}

export interface UndeterminedInterval {
  kind: 'undetermined';
  reason: UndeterminedReason;
  /** Human-readable explanation, e.g. "need at least 2 measurements, got 1". */
  message: string;
  /** Point estimate when one exists (e.g. the single value for n = 1), otherwise null. */
  estimate: number | null;
  confidence: number;
  n: number;
  df: number;
}

export type Interval = DeterminedInterval | UndeterminedInterval;

/** How the two sides of a comparison were measured. */
export type RatioDesign = 'independent' | 'paired';

/**
 * Interval for the relative difference current / baseline − 1 of geometric means. `n` is
 * baselineN + currentN for independent samples and the number of pairs for paired ones.
 */
export type RatioInterval = Interval & { design: RatioDesign; baselineN: number; currentN: number };

/** Builds an undetermined interval. */
export function createUndeterminedInterval(
  reason: UndeterminedReason,
  message: string,
  fields: { estimate: number | null; confidence: number; n: number; df?: number },
): UndeterminedInterval {
  return {
    kind: 'undetermined',
    reason,
    message,
    estimate: fields.estimate,
    confidence: fields.confidence,
    n: fields.n,
    df: fields.df ?? 0,
  };
}
