/** The comparison as table data: what changed (worst first), every cell and metric, per-metric aggregates. */
import type { Comparison, MetricComparison, SideSummary } from '../../decide/compare/comparison-schema.js';
import type { MetricRow } from './comparison-facts.js';
import { describeMetricName, listMetricRows } from './comparison-facts.js';
import {
  formatChangeWithInterval,
  formatFixed,
  formatPValue,
  formatQuantity,
} from '../text/format-numbers.js';
import type { TableData } from './table-data.js';
import { createTable } from './table-data.js';

/** A side as the Δ is computed from it: the geometric mean of the processes used (pairs kept, in duet mode). */
function formatSide(side: SideSummary, metric: MetricComparison): string {
  return `${formatQuantity(side.geometricMean)} ${metric.unit}`;
}

/** "base" and "head" when measured side by side, else "baseline" and "current"; both geometric means. */
function describeSideColumns(comparison: Comparison): [string, string] {
  const [before, after] =
    comparison.reference.kind === 'base-ref' ? ['base', 'head'] : ['baseline', 'current'];
  return [`${before} (geo. mean)`, `${after} (geo. mean)`];
}

/** The Holm-adjusted p-value of the worse direction, else the raw one; "–" without either. */
function formatMetricPValue(metric: MetricComparison): string {
  const p = metric.holmAdjusted?.worse ?? metric.pValue;
  return p === null ? '–' : formatPValue(p);
}

/** "Δ [95 % CI]" with the comparison's own confidence level. */
function describeChangeColumn(comparison: Comparison): string {
  return `Δ [${formatFixed(comparison.settings.confidence * 100)} % CI]`;
}

/** The rows given (already filtered and sorted): metric, cell, baseline, current, change, verdict. */
export function buildChangesTable(comparison: Comparison, rows: readonly MetricRow[]): TableData {
  const [before, after] = describeSideColumns(comparison);
  return createTable(
    'What changed, worst first',
    [
      ['metric', 'l'],
      ['cell', 'l'],
      [before, 'r'],
      [after, 'r'],
      [describeChangeColumn(comparison), 'r'],
      ['verdict', 'l'],
    ],
    rows.map(({ cell, metric }) => [
      describeMetricName(metric.metric),
      cell.label,
      formatSide(metric.baseline, metric),
      formatSide(metric.current, metric),
      formatChangeWithInterval(metric.estimate, metric.interval),
      metric.gated ? metric.verdict : `${metric.verdict} (not gated)`,
    ]),
  );
}

/** Every cell and metric in the comparison's order, with processes used and the Holm-adjusted p-value. */
export function buildAllCellsTable(comparison: Comparison): TableData {
  const [before, after] = describeSideColumns(comparison);
  return createTable(
    'Every cell and metric',
    [
      ['cell', 'l'],
      ['metric', 'l'],
      [before, 'r'],
      [after, 'r'],
      [describeChangeColumn(comparison), 'r'],
      ['processes', 'r'],
      ['p (worse)', 'r'],
      ['verdict', 'l'],
    ],
    listMetricRows(comparison).map(({ cell, metric }) => [
      cell.label,
      `${describeMetricName(metric.metric)}${metric.basis === 'calibration-normalized' ? ' (normalized)' : ''}`,
      formatSide(metric.baseline, metric),
      formatSide(metric.current, metric),
      formatChangeWithInterval(metric.estimate, metric.interval),
      `${metric.baseline.used} vs ${metric.current.used}`,
      formatMetricPValue(metric),
      metric.gated ? metric.verdict : `${metric.verdict} (not gated)`,
    ]),
  );
}

export function buildAggregatesTable(comparison: Comparison): TableData {
  return createTable(
    'Per metric, geometric mean over cells',
    [
      ['metric', 'l'],
      ['gated', 'l'],
      ['cells', 'r'],
      [describeChangeColumn(comparison), 'r'],
      ['verdict', 'l'],
    ],
    comparison.aggregates.map((aggregate) => [
      `${describeMetricName(aggregate.metric)}${aggregate.basis === 'calibration-normalized' ? ' (normalized)' : ''}`,
      comparison.settings.gated.includes(aggregate.metric) ? 'yes' : 'no',
      String(aggregate.cells),
      formatChangeWithInterval(aggregate.estimate, aggregate.interval),
      aggregate.verdict,
    ]),
  );
}
