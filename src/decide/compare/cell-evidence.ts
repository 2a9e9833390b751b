/**
 * The evidence for one cell × metric, before multiple-testing adjustment and the verdict: which samples are
 * compared (basis, speed regime, outliers), the interval of the relative change and the p-value of "no change".
 * Every metric also gets the ratio of the *best* processes (highest throughput, lowest peak or latency, both
 * sides at the same number of processes), because interference is one-sided; why: docs/decision-rule.md.
 */
import type { BaselineCell } from '../baseline/baseline-schema.js';
import {
  computeExpectedExtreme,
  computeGeometricMean,
  computeMedian,
  computeNormalQuantile,
  findMax,
  findMin,
  findOutlierIndices,
} from '../../ground/stats/index.js';
import type { ChangeInterval, SideSummary } from './comparison-schema.js';
import type { MetricDefinition } from './compare-options.js';
import type { DirectionalPValues, LogRatioInference } from './log-ratio.js';
import {
  computeDirectionalPValues,
  computeNoChangePValue,
  inferLogRatio,
  toChangeInterval,
} from './log-ratio.js';

/** How speed is compared in one cell: raw (optionally on one shared regime's processes) or normalized. */
export type SpeedPlan =
  | { basis: 'raw'; baselineIndices: number[] | null; currentIndices: number[] | null }
  | { basis: 'calibration-normalized'; residualSd: number };

export interface CellEvidence {
  metric: MetricDefinition;
  basis: 'raw' | 'calibration-normalized';
  baseline: SideSummary;
  current: SideSummary;
  inference: LogRatioInference;
  estimate: number | null;
  interval: ChangeInterval;
  bestProcessChange: number;
  /** Systematic margin on bestProcessChange: 1.96 × the residual for normalized speed, else 0. */
  systematicMargin: number;
  pValue: number | null;
  directional: DirectionalPValues | null;
}

/** Times normalized as speed is: each process's ms × its own probe score; null without either. */
function scaleByProbe(values: number[] | null, cell: BaselineCell): number[] | null {
  const probes = cell.probeGflops;
  if (values === null || probes === null) return null;
  return values.map((ms, index) => ms * (probes[index] ?? NaN));
}

/** The metric's per-process values of one side in the plan's basis; null when the side lacks them. */
export function readMetricValues(
  cell: BaselineCell,
  metric: MetricDefinition,
  plan: SpeedPlan,
): number[] | null {
  const normalized = metric.kind === 'speed' && plan.basis === 'calibration-normalized';
  switch (metric.name) {
    case 'throughput':
      return normalized ? cell.normalizedThroughput : cell.throughput;
    case 'peakMemoryMB':
      return cell.peakMemoryMB;
    case 'p95LatencyMs':
      return normalized ? scaleByProbe(cell.p95LatencyMs, cell) : cell.p95LatencyMs;
    case 'coldStartMs':
      return normalized ? scaleByProbe(cell.coldStartMs ?? null, cell) : (cell.coldStartMs ?? null);
    case 'loadRssMB':
      return cell.loadRssMB ?? null;
  }
}

interface SideSelection {
  values: number[];
  /** Every process of the chosen regime, outliers included (the best-process comparison uses them all). */
  picked: number[];
  summary: SideSummary;
}

/** Drops MAD outliers (both ways for speed, only high ones for memory) while at least 2 values remain. */
function trimOutliers(
  values: readonly number[],
  indices: readonly number[],
  highOnly: boolean,
): { kept: number[]; excluded: number[] } {
  if (values.length < 3) return { kept: [...values], excluded: [] };
  const median = computeMedian(values);
  const flagged = new Set(findOutlierIndices(values).filter((i) => !highOnly || (values[i] ?? 0) > median));
  if (values.length - flagged.size < 2) return { kept: [...values], excluded: [] };
  return {
    kept: values.filter((_, i) => !flagged.has(i)),
    excluded: indices.filter((_, i) => flagged.has(i)),
  };
}

function selectSide(
  all: readonly number[],
  chosen: number[] | null,
  metric: MetricDefinition,
): SideSelection {
  const indices = chosen ?? all.map((_, index) => index);
  const picked = indices.map((index) => all[index] ?? NaN);
  const { kept, excluded } = trimOutliers(picked, indices, metric.kind === 'memory');
  const excludedByRegime = all.flatMap((_, index) => (indices.includes(index) ? [] : [index]));
  return {
    values: kept,
    picked,
    summary: {
      processes: all.length,
      used: kept.length,
      median: computeMedian(kept),
      geometricMean: computeGeometricMean(kept),
      best: metric.direction === 'higher-is-better' ? findMax(picked) : findMin(picked),
      excludedOutliers: excluded,
      excludedByRegime,
    },
  };
}

function chooseIndices(plan: SpeedPlan, metric: MetricDefinition, side: 'baseline' | 'current') {
  if (metric.kind !== 'speed' || plan.basis !== 'raw') return null;
  return side === 'baseline' ? plan.baselineIndices : plan.currentIndices;
}

/**
 * The change of the best process, both sides taken at the same number of processes k (the smaller side's):
 * the expected best of k processes (expected-extreme.ts), so a side with more processes is not favoured.
 */
function compareBestProcesses(baseline: number[], current: number[], metric: MetricDefinition): number {
  const k = Math.min(baseline.length, current.length);
  const extreme = metric.direction === 'higher-is-better' ? 'max' : 'min';
  return computeExpectedExtreme(current, k, extreme) / computeExpectedExtreme(baseline, k, extreme) - 1;
}

/** The evidence for one metric of one cell, or null when either side lacks the metric. */
export function gatherCellEvidence(
  metric: MetricDefinition,
  baselineCell: BaselineCell,
  currentCell: BaselineCell,
  plan: SpeedPlan,
  confidence: number,
): CellEvidence | null {
  const baselineValues = readMetricValues(baselineCell, metric, plan);
  const currentValues = readMetricValues(currentCell, metric, plan);
  if (baselineValues === null || currentValues === null) return null;
  if (![...baselineValues, ...currentValues].every((value) => value > 0 && Number.isFinite(value)))
    return null;
  const baseline = selectSide(baselineValues, chooseIndices(plan, metric, 'baseline'), metric);
  const current = selectSide(currentValues, chooseIndices(plan, metric, 'current'), metric);
  const residualSd = metric.kind === 'speed' && plan.basis === 'calibration-normalized' ? plan.residualSd : 0;
  const inference = inferLogRatio(baseline.values, current.values, residualSd);
  return {
    metric,
    basis: metric.kind === 'speed' ? plan.basis : 'raw',
    baseline: baseline.summary,
    current: current.summary,
    inference,
    estimate: Math.expm1(inference.logEstimate),
    interval: toChangeInterval(inference, confidence),
    bestProcessChange: compareBestProcesses(baseline.picked, current.picked, metric),
    systematicMargin: Math.expm1(computeNormalQuantile(0.5 + confidence / 2) * residualSd),
    pValue: computeNoChangePValue(inference),
    directional: computeDirectionalPValues(inference, metric.direction),
  };
}
