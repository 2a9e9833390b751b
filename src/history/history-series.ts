/**
 * The shape the history's readers share: one series per cell × metric over the recorded runs, in commit order,
 * with the change points found in it. The store builds it from records; `history check`, the dashboard and the
 * PR comment's history line read it.
 */
import type { CellKey } from '../ground/schema/cell-key.js';

/** cellId and label of the all-cells series. */
export const ALL_CELLS_ID = 'all-cells';
export const ALL_CELLS_LABEL = 'all cells';

export type HistoryMetric = 'throughput' | 'p95LatencyMs' | 'peakMemoryMB' | 'coldStartMs' | 'loadRssMB';

export interface MetricInfo {
  metric: HistoryMetric;
  unit: string;
  betterWhen: 'higher' | 'lower';
}

export interface Estimate {
  value: number;
  /** 95 % interval; null when the run had too few processes for one. */
  lower: number | null;
  upper: number | null;
}

export interface SeriesPoint extends Estimate {
  commit: string;
  parent: string | null;
  branch: string | null;
  /** ISO 8601 time of the run. */
  date: string;
  /** The machine fingerprint's id: a change of machine starts a new segment. */
  machine: string;
  /** The per-process values the point summarizes. */
  samples: number[];
  /** Head ÷ previous recorded commit, measured side by side in this run (chained duet); null when not a duet. */
  chainedRatio: ChainedEstimate | null;
}

export interface ChainedEstimate extends Estimate {
  /** Whether the duet's own decision rule found a change here; undefined in records older than the field. */
  changeFound?: boolean | undefined;
}

export interface ChangePoint {
  /** Index into `points` of the first point after the change. */
  index: number;
  /** The commit range the change happened in: the last point before and the first point after. */
  fromCommit: string;
  toCommit: string;
  /** Relative change of the level, after ÷ before − 1, with its 95 % interval. */
  magnitude: Estimate;
  /** Significance of the split (permutation test), lower is stronger. */
  pValue: number;
  /** Whether the change makes the metric worse (throughput down, latency or memory up). */
  regression: boolean;
}

export interface HistorySeries {
  /** The cell, or null for the series of all cells (geometric mean over the cells each run measured). */
  cell: CellKey | null;
  /** `cellId(cell)`, or ALL_CELLS_ID */
  cellId: string;
  /** `formatCellLabel(cell)`, or "all cells" */
  label: string;
  metric: HistoryMetric;
  unit: string;
  betterWhen: 'higher' | 'lower';
  points: SeriesPoint[];
  changePoints: ChangePoint[];
}
