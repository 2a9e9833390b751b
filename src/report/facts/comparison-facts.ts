/**
 * What the renderers read out of a comparison: its cell × metric rows in a fixed order, the ones that changed
 * sorted worst first, and readable metric names. Decides nothing the comparison has not decided.
 */
import type {
  CellComparison,
  Comparison,
  MetricComparison,
  MetricName,
  Verdict,
} from '../../decide/compare/comparison-schema.js';

export interface MetricRow {
  cell: CellComparison;
  metric: MetricComparison;
}

/** "throughput", "peak memory", "p95 latency". */
export function describeMetricName(metric: MetricName): string {
  switch (metric) {
    case 'throughput':
      return 'throughput';
    case 'peakMemoryMB':
      return 'peak memory';
    case 'p95LatencyMs':
      return 'p95 latency';
    case 'coldStartMs':
      return 'time to first embedding';
    case 'loadRssMB':
      return 'RSS after load';
  }
}

function rankVerdict(verdict: Verdict): number {
  switch (verdict) {
    case 'regression':
      return 0;
    case 'inconclusive':
      return 1;
    case 'improvement':
      return 2;
    case 'no-change':
      return 3;
  }
}

/** How far a change went in the metric's bad direction (larger is worse); −∞ without an estimate. */
export function computeBadness(metric: MetricComparison): number {
  if (metric.estimate === null) return Number.NEGATIVE_INFINITY;
  return metric.direction === 'higher-is-better' ? -metric.estimate : metric.estimate;
}

/** Every cell × metric in the comparison's own order. */
export function listMetricRows(comparison: Comparison): MetricRow[] {
  return comparison.cells.flatMap((cell) => cell.metrics.map((metric) => ({ cell, metric })));
}

function compareRows(a: MetricRow, b: MetricRow): number {
  const byVerdict = rankVerdict(a.metric.verdict) - rankVerdict(b.metric.verdict);
  if (byVerdict !== 0) return byVerdict;
  const byGate = Number(b.metric.gated) - Number(a.metric.gated);
  if (byGate !== 0) return byGate;
  return computeBadness(b.metric) - computeBadness(a.metric) || 0;
}

/** Whether a row says something changed: any verdict but no-change when gated; a decided change when not. */
function showsChange(row: MetricRow): boolean {
  const { verdict, gated } = row.metric;
  if (verdict === 'no-change') return false;
  return gated || verdict === 'regression' || verdict === 'improvement';
}

/**
 * The rows that changed: regressions first, then undecided, then improvements; worst first. An ungated metric
 * the run could not decide (p95 latency, cold start when not gated) stays in the full table only.
 */
export function listChangedRows(comparison: Comparison): MetricRow[] {
  return listMetricRows(comparison).filter(showsChange).sort(compareRows);
}

/** The worst row of a verdict among gated metrics (the first in listChangedRows order), or null. */
export function findWorstRow(comparison: Comparison, verdict: Verdict): MetricRow | null {
  const rows = listMetricRows(comparison).filter((row) => row.metric.gated && row.metric.verdict === verdict);
  return rows.sort(compareRows)[0] ?? null;
}

/** The gated row that improved most, or null. */
export function findBestImprovement(comparison: Comparison): MetricRow | null {
  const rows = listMetricRows(comparison).filter(
    (row) => row.metric.gated && row.metric.verdict === 'improvement',
  );
  return rows.sort((a, b) => computeBadness(a.metric) - computeBadness(b.metric) || 0)[0] ?? null;
}
