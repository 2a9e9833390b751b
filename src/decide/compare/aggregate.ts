/**
 * The aggregate a gate decides on: the geometric mean over cells of current / baseline, with its interval.
 * On the log scale it is the mean of the cells' log ratios; the cells are fixed (we care about these cells),
 * so its variance is Σ SEᵢ² / K² with Welch–Satterthwaite df over the cells. A systematic error shared by every
 * cell (the calibration-normalization residual) does not average out and is added once.
 *
 * Cells compared on raw speed are preferred: when some cells are raw and others normalized, only the raw ones
 * enter (mixing would carry the residual error into a figure that does not need it).
 */
import type { Aggregate, ComparisonSettings } from './comparison-schema.js';
import type { CellEvidence } from './cell-evidence.js';
import type { MetricDefinition } from './compare-options.js';
import { METRICS } from './compare-options.js';
import { decideVerdict } from './decision-rule.js';
import type { LogRatioInference } from './log-ratio.js';
import { toChangeInterval } from './log-ratio.js';

type Determined = Extract<LogRatioInference, { kind: 'determined' }>;

interface PickedCells {
  basis: Aggregate['basis'];
  inferences: Determined[];
  /** The cells' best-process changes, for the same safeguard the per-cell rule applies. */
  bestChanges: number[];
  systematicMargin: number;
}

function pickCells(evidence: readonly CellEvidence[]): PickedCells {
  const pick = (basis: Aggregate['basis']): PickedCells => {
    const items = evidence.filter((item) => item.basis === basis && item.inference.kind === 'determined');
    return {
      basis,
      inferences: items.flatMap((item) => (item.inference.kind === 'determined' ? [item.inference] : [])),
      bestChanges: items.map((item) => item.bestProcessChange),
      systematicMargin: Math.max(0, ...items.map((item) => item.systematicMargin)),
    };
  };
  const raw = pick('raw');
  return raw.inferences.length > 0 ? raw : pick('calibration-normalized');
}

/** The geometric mean of the cells' best-process changes (null without cells). */
function combineBestChanges(changes: readonly number[]): number | null {
  if (changes.length === 0) return null;
  return Math.expm1(changes.reduce((sum, change) => sum + Math.log1p(change), 0) / changes.length);
}

/** Combines cell log ratios into the log ratio of the geometric mean. */
export function combineLogRatios(inferences: readonly Determined[]): LogRatioInference {
  const k = inferences.length;
  if (k === 0) return { kind: 'undetermined', logEstimate: 0, reason: 'no cell could be compared' };
  const logEstimate = inferences.reduce((sum, item) => sum + item.logEstimate, 0) / k;
  const shares = inferences.map((item) => item.samplingStandardError ** 2 / (k * k));
  const sampling = shares.reduce((sum, share) => sum + share, 0);
  const residualSd = Math.max(...inferences.map((item) => item.residualSd));
  const denominator = shares.reduce(
    (sum, share, i) => sum + share ** 2 / (inferences[i]?.samplingDf ?? 1),
    0,
  );
  const variance = sampling + residualSd ** 2;
  const df = denominator === 0 ? Infinity : variance ** 2 / denominator;
  return {
    kind: 'determined',
    logEstimate,
    samplingStandardError: Math.sqrt(sampling),
    samplingDf: denominator === 0 ? Infinity : sampling ** 2 / denominator,
    residualSd,
    standardError: Math.sqrt(variance),
    df,
  };
}

/** The aggregate of one metric over the cells that have it, with its verdict (a single test: no Holm). */
export function aggregateMetric(
  metric: MetricDefinition,
  evidence: readonly CellEvidence[],
  settings: ComparisonSettings,
): Aggregate {
  const { basis, inferences, bestChanges, systematicMargin } = pickCells(evidence);
  const combined = combineLogRatios(inferences);
  const interval = toChangeInterval(combined, settings.confidence);
  const estimate = combined.kind === 'determined' ? Math.expm1(combined.logEstimate) : null;
  const decision = decideVerdict({
    direction: metric.direction,
    threshold: settings.thresholds[metric.name],
    estimate,
    interval,
    // like a cell, the aggregate needs its best processes to agree: a few disturbed processes on one side
    // must not add up to a regression that no undisturbed process shows
    bestProcessChange: combineBestChanges(bestChanges),
    systematicMargin,
    adjustedPValues: null,
    alpha: settings.familywiseAlpha,
  });
  return {
    metric: metric.name,
    basis,
    cells: inferences.length,
    estimate,
    interval,
    verdict: decision.verdict,
    reason: `geometric mean over ${inferences.length} cell(s) ${decision.reason}`,
  };
}

/** The aggregate of every metric that at least one cell could compare. */
export function aggregateMetrics(
  evidence: readonly CellEvidence[],
  settings: ComparisonSettings,
): Aggregate[] {
  return METRICS.map((metric) =>
    aggregateMetric(
      metric,
      evidence.filter((item) => item.metric === metric),
      settings,
    ),
  ).filter((aggregate) => aggregate.cells > 0);
}
