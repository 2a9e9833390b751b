/**
 * Which cells of a run adaptive sampling should measure again. Under the stop rule 'every-cell': those where a
 * gated metric came out `inconclusive`. Under 'aggregate' (the default): none once a gated metric is a
 * regression (the check fails whatever more pairs show); the inconclusive ones while a gated aggregate is
 * undecided; once every gated aggregate is decided, only the cells whose interval still reaches the threshold
 * on the bad side (a regression of T confined to that cell is not ruled out). Cells with only ungated metrics
 * undecided, decided cells, and cells the comparison never saw (unmatched, skipped, failed) are left alone.
 */
import type { Comparison } from '../compare/comparison-schema.js';
import type { CellKey } from '../../ground/schema/cell-key.js';

/** When the gate's adaptive sampling stops; 'aggregate' by default. */
export const STOP_RULES = ['aggregate', 'every-cell'] as const;
export type StopRule = (typeof STOP_RULES)[number];

type ComparedKey = Comparison['cells'][number]['key'];

/** True when a protocol cell and a comparison cell are the same cell of the sweep. */
export function isSameCell(cell: CellKey, key: ComparedKey): boolean {
  switch (cell.sweep) {
    case 'batch':
      return key.sweep === 'batch' && key.batchSize === cell.batchSize;
    case 'length':
      return key.sweep === 'length' && key.chars === cell.chars && key.batchSize === cell.batchSize;
  }
}

/** True when some gated metric of the compared cell is inconclusive. */
export function isUndecided(cell: Comparison['cells'][number]): boolean {
  return cell.metrics.some((metric) => metric.gated && metric.verdict === 'inconclusive');
}

type MetricComparison = Comparison['cells'][number]['metrics'][number];

/** True when an inconclusive metric's interval reaches its threshold on the bad side. */
export function reachesThreshold(metric: MetricComparison): boolean {
  if (!metric.gated || metric.verdict !== 'inconclusive') return false;
  if (metric.interval.kind !== 'determined') return true;
  const worst = metric.direction === 'higher-is-better' ? -metric.interval.low : metric.interval.high;
  return worst >= metric.threshold;
}

/** True when every gated metric's aggregate reached a verdict other than inconclusive. */
export function hasDecidedAggregates(comparison: Comparison): boolean {
  const gated = comparison.settings.gated;
  return gated.every((metric) =>
    comparison.aggregates.some(
      (item) => item.metric === metric && item.cells > 0 && item.verdict !== 'inconclusive',
    ),
  );
}

/** True when a gated metric regressed, in its aggregate or in a cell. */
export function hasRegressed(comparison: Comparison): boolean {
  const gated = comparison.settings.gated;
  const aggregate = comparison.aggregates.some(
    (item) => gated.includes(item.metric) && item.verdict === 'regression',
  );
  return (
    aggregate ||
    comparison.cells.some((cell) => cell.metrics.some((m) => m.gated && m.verdict === 'regression'))
  );
}

/** The cells of `cells` (in their order) that the stop rule says to measure again. */
export function findCellsToSample(
  comparison: Comparison,
  cells: readonly CellKey[],
  rule: StopRule = 'every-cell',
): CellKey[] {
  if (rule === 'aggregate' && hasRegressed(comparison)) return [];
  const narrow = rule === 'aggregate' && hasDecidedAggregates(comparison);
  const undecided = comparison.cells.filter((cell) =>
    narrow ? cell.metrics.some(reachesThreshold) : isUndecided(cell),
  );
  return cells.filter((cell) => undecided.some((compared) => isSameCell(cell, compared.key)));
}
