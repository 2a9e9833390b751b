/**
 * The evidence for one cell × metric in duet mode, where process i of the base and process i of the head ran
 * next to each other (ABBA order): the inference is on the per-pair log ratios, so a speed regime shared by
 * the two neighbours cancels within each pair instead of widening the interval.
 *
 * Outliers are pairs whose log ratio the MAD rule flags (both ways for speed, only "head worse" for memory,
 * whose interference is one-sided), dropped while at least 2 pairs remain. The best-process change is kept as
 * in the independent design: the best head process against the best base process.
 */
import type { BaselineCell } from '../baseline/baseline-schema.js';
import {
  computeGeometricMean,
  computeMean,
  computeMedian,
  computeSampleVariance,
  findMax,
  findMin,
  findOutlierIndices,
} from '../../ground/stats/index.js';
import type { SideSummary } from './comparison-schema.js';
import type { CellEvidence, SpeedPlan } from './cell-evidence.js';
import { readMetricValues } from './cell-evidence.js';
import type { MetricDefinition } from './compare-options.js';
import type { LogRatioInference } from './log-ratio.js';
import {
  computeDirectionalPValues,
  computeNoChangePValue,
  toChangeInterval,
  withResidual,
} from './log-ratio.js';

const RAW: SpeedPlan = { basis: 'raw', baselineIndices: null, currentIndices: null };

/** Indices of the pairs the MAD rule drops; none when fewer than 3 pairs or fewer than 2 would remain. */
function findOutlierPairs(logRatios: readonly number[], worseIsHigh: boolean | null): Set<number> {
  if (logRatios.length < 3) return new Set();
  const median = computeMedian(logRatios);
  const flagged = findOutlierIndices(logRatios).filter((index) => {
    if (worseIsHigh === null) return true;
    const value = logRatios[index] ?? median;
    return worseIsHigh ? value > median : value < median;
  });
  return logRatios.length - flagged.length < 2 ? new Set() : new Set(flagged);
}

export function inferPaired(logRatios: readonly number[]): LogRatioInference {
  const logEstimate = computeMean(logRatios);
  if (logRatios.length < 2) {
    return { kind: 'undetermined', logEstimate, reason: `need at least 2 pairs, got ${logRatios.length}` };
  }
  const se = Math.sqrt(computeSampleVariance(logRatios) / logRatios.length);
  return withResidual(logEstimate, se, logRatios.length - 1, 0);
}

function summarizeSide(all: readonly number[], kept: readonly number[], excluded: number[], best: number) {
  const summary: SideSummary = {
    processes: all.length,
    used: kept.length,
    median: computeMedian(kept),
    geometricMean: computeGeometricMean(kept),
    best,
    excludedOutliers: excluded,
    excludedByRegime: [],
  };
  return summary;
}

/**
 * Paired evidence, or null when the two sides do not hold the same number of positive values (a failed
 * process broke the pairing): the caller then falls back to the independent design for the cell.
 */
export function gatherPairedEvidence(
  metric: MetricDefinition,
  baselineCell: BaselineCell,
  currentCell: BaselineCell,
  confidence: number,
): CellEvidence | null {
  const base = readMetricValues(baselineCell, metric, RAW);
  const head = readMetricValues(currentCell, metric, RAW);
  if (base === null || head === null || base.length !== head.length || base.length === 0) return null;
  if (![...base, ...head].every((value) => value > 0 && Number.isFinite(value))) return null;
  const logRatios = head.map((value, index) => Math.log(value / (base[index] ?? NaN)));
  const higher = metric.direction === 'higher-is-better';
  const dropped = findOutlierPairs(logRatios, metric.kind === 'memory' ? !higher : null);
  const keep = (_: number, index: number) => !dropped.has(index);
  const excluded = [...dropped].sort((a, b) => a - b);
  const pick = higher ? findMax : findMin;
  const baseline = summarizeSide(base, base.filter(keep), excluded, pick(base));
  const current = summarizeSide(head, head.filter(keep), excluded, pick(head));
  const inference = inferPaired(logRatios.filter(keep));
  return {
    metric,
    basis: 'raw',
    baseline,
    current,
    inference,
    estimate: Math.expm1(inference.logEstimate),
    interval: toChangeInterval(inference, confidence),
    bestProcessChange: current.best / baseline.best - 1,
    systematicMargin: 0,
    pValue: computeNoChangePValue(inference),
    directional: computeDirectionalPValues(inference, metric.direction),
  };
}
