/**
 * The chained trend: the cumulative product of the night-to-night duet ratios, a level that a change of
 * runner or a speed regime does not move. A chain starts at its first point (0 %); a later point without a
 * chained ratio cannot be linked to the one before, so it starts a new chain. The interval of a product adds
 * the ratios' variances on the log scale (each ratio's 95 % interval read as ±1.96 standard errors of its log),
 * assuming nights are independent; it is unknown from the first ratio without an interval on.
 */
import type { Estimate, HistorySeries, SeriesPoint } from '../../history/history-series.js';

const Z95 = 1.959964;

export interface ChainedValue {
  /** Cumulative product − 1 (0.05 = +5 % since the chain's start). */
  change: Estimate;
  /** Whether this point starts a chain (the first point, or the first after a missing ratio). */
  chainStart: boolean;
}

/** Whether any point after the first carries a chained ratio (else there is no chained trend to draw). */
export function hasChainedRatios(series: HistorySeries): boolean {
  return series.points.some((point, index) => index > 0 && isUsableRatio(point.chainedRatio));
}

function isUsableRatio(ratio: Estimate | null): ratio is Estimate {
  return ratio !== null && Number.isFinite(ratio.value) && ratio.value > 0;
}

/** The standard error of log(ratio) from its 95 % interval, or null when the interval is missing. */
function computeLogError(ratio: Estimate): number | null {
  const { lower, upper } = ratio;
  if (lower === null || upper === null || !(lower > 0) || !(upper >= lower)) return null;
  return (Math.log(upper) - Math.log(lower)) / (2 * Z95);
}

interface ChainState {
  logLevel: number;
  /** Sum of log-scale variances; null once a ratio without an interval joined the chain. */
  variance: number | null;
}

function stepChain(state: ChainState, point: SeriesPoint, index: number): ChainState | null {
  if (index === 0 || !isUsableRatio(point.chainedRatio)) return null;
  const error = computeLogError(point.chainedRatio);
  return {
    logLevel: state.logLevel + Math.log(point.chainedRatio.value),
    variance: state.variance === null || error === null ? null : state.variance + error ** 2,
  };
}

function toChange(state: ChainState): Estimate {
  const value = Math.exp(state.logLevel) - 1;
  if (state.variance === null) return { value, lower: null, upper: null };
  const half = Z95 * Math.sqrt(state.variance);
  return {
    value,
    lower: Math.exp(state.logLevel - half) - 1,
    upper: Math.exp(state.logLevel + half) - 1,
  };
}

/** One chained value per point of the series. */
export function computeChainedTrend(series: HistorySeries): ChainedValue[] {
  let state: ChainState = { logLevel: 0, variance: 0 };
  return series.points.map((point, index) => {
    const next = stepChain(state, point, index);
    const chainStart = next === null;
    state = next ?? { logLevel: 0, variance: 0 };
    return { change: toChange(state), chainStart };
  });
}
