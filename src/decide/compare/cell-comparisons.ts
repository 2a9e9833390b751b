/**
 * Per cell: pair the two sides' cells, gather the evidence of every metric, adjust the p-values (Holm) and
 * decide each cell × metric verdict with the decision rule.
 */
import type { Baseline, BaselineCell } from '../baseline/baseline-schema.js';
import { cellId, formatCellLabel } from '../../ground/schema/cell-key.js';
import { adjustHolmBonferroni } from '../../ground/stats/index.js';
import type { CellEvidence } from './cell-evidence.js';
import { gatherCellEvidence } from './cell-evidence.js';
import { gatherPairedEvidence } from './paired-evidence.js';
import { METRICS } from './compare-options.js';
import type {
  CellComparison,
  Comparison,
  ComparisonSettings,
  MetricComparison,
} from './comparison-schema.js';
import { computeHorizon, decideVerdict } from './decision-rule.js';
import type { SpeedContext } from './plan-speed.js';
import { planSpeed } from './plan-speed.js';

type AdjustedPValues = NonNullable<MetricComparison['holmAdjusted']>;

interface EvidenceGroup {
  cell: BaselineCell;
  items: CellEvidence[];
}

export interface ComparedCells {
  cells: CellComparison[];
  /** Every cell × metric evidence, for the aggregates. */
  evidence: CellEvidence[];
  unmatched: Comparison['unmatchedCells'];
}

function listUnmatched(
  cells: readonly BaselineCell[],
  others: readonly BaselineCell[],
  onlyIn: 'baseline' | 'current',
) {
  const keys = new Set(others.map((cell) => cellId(cell.key)));
  return cells
    .filter((cell) => !keys.has(cellId(cell.key)))
    .map((cell) => ({ key: cell.key, label: formatCellLabel(cell.key), onlyIn }));
}

function gatherEvidence(
  metric: (typeof METRICS)[number],
  cells: { baseline: BaselineCell; current: BaselineCell },
  context: SpeedContext,
  settings: ComparisonSettings,
): CellEvidence | null {
  const { baseline, current } = cells;
  const paired =
    settings.design === 'paired'
      ? gatherPairedEvidence(metric, baseline, current, settings.confidence)
      : null;
  if (paired !== null) return paired;
  return gatherCellEvidence(
    metric,
    baseline,
    current,
    planSpeed(context, baseline, current),
    settings.confidence,
  );
}

function gatherGroups(
  baseline: Baseline,
  current: Baseline,
  context: SpeedContext,
  settings: ComparisonSettings,
) {
  const byKey = new Map(current.cells.map((cell) => [cellId(cell.key), cell]));
  return baseline.cells.flatMap((cell): EvidenceGroup[] => {
    const match = byKey.get(cellId(cell.key));
    if (match === undefined) return [];
    const items = METRICS.flatMap((metric) => {
      const item = gatherEvidence(metric, { baseline: cell, current: match }, context, settings);
      return item === null ? [] : [item];
    });
    return [{ cell, items }];
  });
}

/**
 * Holm-adjusted one-sided p-values keyed by evidence. One family per metric and direction: "did any cell of
 * this metric get worse?" — 12 cells must not be 12 chances of a false alarm. A gate over throughput and
 * memory thus has a family-wise error of at most 2α before the decision rule's horizon conditions, which
 * make it far smaller (see the simulation test).
 */
function adjustFamilies(evidence: readonly CellEvidence[]): Map<CellEvidence, AdjustedPValues> {
  const adjusted = new Map<CellEvidence, AdjustedPValues>();
  for (const metric of METRICS) {
    const family = evidence.flatMap((item) =>
      item.metric === metric && item.directional !== null ? [{ item, p: item.directional }] : [],
    );
    const worse = adjustHolmBonferroni(family.map((entry) => entry.p.worse));
    const better = adjustHolmBonferroni(family.map((entry) => entry.p.better));
    family.forEach((entry, index) => {
      adjusted.set(entry.item, { worse: worse[index] ?? 1, better: better[index] ?? 1 });
    });
  }
  return adjusted;
}

function toMetricComparison(
  item: CellEvidence,
  holmAdjusted: AdjustedPValues | null,
  settings: ComparisonSettings,
): MetricComparison {
  const threshold = settings.thresholds[item.metric.name];
  const decision = decideVerdict({
    direction: item.metric.direction,
    threshold,
    estimate: item.estimate,
    interval: item.interval,
    bestProcessChange: item.bestProcessChange,
    systematicMargin: item.systematicMargin,
    adjustedPValues: holmAdjusted ?? { worse: 1, better: 1 },
    alpha: settings.familywiseAlpha,
  });
  return {
    metric: item.metric.name,
    unit: item.basis === 'raw' ? item.metric.unit : item.metric.normalizedUnit,
    direction: item.metric.direction,
    basis: item.basis,
    gated: settings.gated.includes(item.metric.name),
    threshold,
    horizon: computeHorizon(threshold),
    baseline: item.baseline,
    current: item.current,
    estimate: item.estimate,
    interval: item.interval,
    bestProcessChange: item.bestProcessChange,
    systematicMargin: item.systematicMargin,
    pValue: item.pValue,
    holmAdjusted,
    verdict: decision.verdict,
    reason: decision.reason,
  };
}

/** Every cell both sides measured, compared metric by metric; cells of one side only are listed. */
export function compareCells(
  baseline: Baseline,
  current: Baseline,
  context: SpeedContext,
  settings: ComparisonSettings,
): ComparedCells {
  const groups = gatherGroups(baseline, current, context, settings);
  const evidence = groups.flatMap((group) => group.items);
  const adjusted = adjustFamilies(evidence);
  const cells = groups.map((group) => ({
    key: group.cell.key,
    label: formatCellLabel(group.cell.key),
    metrics: group.items.map((item) => toMetricComparison(item, adjusted.get(item) ?? null, settings)),
  }));
  const unmatched = [
    ...listUnmatched(baseline.cells, current.cells, 'baseline'),
    ...listUnmatched(current.cells, baseline.cells, 'current'),
  ];
  return { cells, evidence, unmatched };
}
