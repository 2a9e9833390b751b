/**
 * The PR comment's line per gated metric from the base branch's history: "batch 32: 312 texts/s on main, no
 * change point in 14 runs". Pure: the series (from the store) and the comparison in, data out.
 */
import type { BaseHistory, Comparison, MetricName } from '../decide/compare/comparison-schema.js';
import type { HistoryMetric, HistorySeries } from './history-series.js';
import { findSeriesChangePoints } from './series-change-points.js';

/** The detector's seed (the same store gives the same lines). */
const SEED = 1;

/** The cell a metric's line speaks of: batch 32 when measured, else the first compared batch cell. */
function chooseHeadlineCell(comparison: Comparison): string | null {
  const batches = comparison.cells.filter((cell) => cell.key.sweep === 'batch');
  const preferred = batches.find((cell) => cell.key.sweep === 'batch' && cell.key.batchSize === 32);
  return (preferred ?? batches[0] ?? comparison.cells[0])?.label ?? null;
}

/** The series restricted to runs on `branch` (all runs when none names a branch). */
function keepBranch(series: HistorySeries, branch: string): HistorySeries {
  const onBranch = series.points.filter((point) => point.branch === branch);
  return onBranch.length === 0 ? series : { ...series, points: onBranch };
}

function summarizeSeries(series: HistorySeries, metric: MetricName) {
  const newest = series.points[series.points.length - 1];
  if (newest === undefined) return null;
  const report = findSeriesChangePoints(series, { seed: SEED });
  const changes = [...report.level, ...report.chained].sort((a, b) => a.index - b.index);
  const last = changes[changes.length - 1];
  const lastChange =
    last === undefined
      ? null
      : {
          magnitude: last.magnitude.value,
          commit: last.toCommit,
          runsAgo: series.points.length - 1 - last.index,
        };
  return {
    metric,
    cell: series.label,
    unit: series.unit,
    value: newest.value,
    runs: series.points.length,
    lastChange,
  };
}

export function summarizeBaseHistory(
  series: readonly HistorySeries[],
  comparison: Comparison,
  branch: string,
  source: string,
): BaseHistory | null {
  const cell = chooseHeadlineCell(comparison);
  if (cell === null) return null;
  const entries = comparison.settings.gated.flatMap((metric) => {
    const found = series.find((one) => one.label === cell && one.metric === (metric satisfies HistoryMetric));
    const summary = found === undefined ? null : summarizeSeries(keepBranch(found, branch), metric);
    return summary === null ? [] : [summary];
  });
  return entries.length === 0 ? null : { branch, source, entries };
}
