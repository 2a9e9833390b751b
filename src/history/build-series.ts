/**
 * Records → one series per cell × metric, in time order (pure). A point is the median of the run's
 * per-process values with the 95 % interval of their geometric mean (t on the logs, as the profile's ci95),
 * widened to hold the median in the rare run where it falls outside; runs of 1 process have no interval.
 * Cells a run skipped or failed, and metrics it could not measure, leave no point (a series without any
 * point is left out). Change points are left empty for the detector to fill.
 */
import { cellId, formatCellLabel, type CellKey } from '../ground/schema/cell-key.js';
import type { HistoryRecord, MeasuredHistoryCell } from '../ground/schema/history-record-schema.js';
import { computeGeometricMeanInterval, computeMedian } from '../ground/stats/index.js';
import type { Estimate, HistoryMetric, HistorySeries, MetricInfo, SeriesPoint } from './history-series.js';
import { sortRecords } from './record-file.js';
import { buildAllCellsSeries } from './all-cells-series.js';
import { buildServeSeries } from './serve-series.js';

export const HISTORY_METRICS: readonly MetricInfo[] = [
  { metric: 'throughput', unit: 'texts/s', betterWhen: 'higher' },
  { metric: 'p95LatencyMs', unit: 'ms', betterWhen: 'lower' },
  { metric: 'peakMemoryMB', unit: 'MB', betterWhen: 'lower' },
  { metric: 'coldStartMs', unit: 'ms', betterWhen: 'lower' },
  { metric: 'loadRssMB', unit: 'MB', betterWhen: 'lower' },
];

/** Median and 95 % interval of one run's per-process values (all > 0). */
export function estimatePoint(samples: readonly number[]): Estimate {
  const value = computeMedian(samples);
  const interval = computeGeometricMeanInterval(samples, 0.95);
  if (interval.kind !== 'determined') return { value, lower: null, upper: null };
  return { value, lower: Math.min(interval.low, value), upper: Math.max(interval.high, value) };
}

function readSamples(cell: MeasuredHistoryCell, metric: HistoryMetric): number[] | null {
  switch (metric) {
    case 'throughput':
      return cell.throughput;
    case 'p95LatencyMs':
      return cell.p95LatencyMs;
    case 'peakMemoryMB':
      return cell.peakMemoryMB;
    case 'coldStartMs':
      return cell.coldStartMs ?? null;
    case 'loadRssMB':
      return cell.loadRssMB ?? null;
  }
}

function findChainedRatio(record: HistoryRecord, id: string, metric: HistoryMetric): Estimate | null {
  const cell = record.chained?.cells.find((each) => cellId(each.key) === id);
  return cell === undefined ? null : (cell[metric] ?? null);
}

function createPoint(record: HistoryRecord, cell: MeasuredHistoryCell, metric: HistoryMetric) {
  const samples = readSamples(cell, metric);
  if (samples === null) return null;
  const point: SeriesPoint = {
    ...estimatePoint(samples),
    commit: record.commit,
    parent: record.parent,
    branch: record.branch,
    date: record.date,
    machine: record.machine.id,
    samples: [...samples],
    chainedRatio: findChainedRatio(record, cellId(cell.key), metric),
  };
  return point;
}

/** Batch cells by batch size, then length cells by length and batch size. */
function compareCells(a: CellKey, b: CellKey): number {
  if (a.sweep !== b.sweep) return a.sweep === 'batch' ? -1 : 1;
  const byChars = a.sweep === 'length' && b.sweep === 'length' ? a.chars - b.chars : 0;
  return byChars !== 0 ? byChars : a.batchSize - b.batchSize;
}

function collectCells(records: readonly HistoryRecord[]): CellKey[] {
  const cells = new Map<string, CellKey>();
  for (const record of records) for (const cell of record.cells) cells.set(cellId(cell.key), cell.key);
  return [...cells.values()].sort(compareCells);
}

function buildOneSeries(records: readonly HistoryRecord[], key: CellKey, info: MetricInfo): HistorySeries {
  const id = cellId(key);
  const points: SeriesPoint[] = [];
  for (const record of records) {
    const cell = record.cells.find((each) => cellId(each.key) === id);
    if (cell?.status !== 'measured') continue;
    const point = createPoint(record, cell, info.metric);
    if (point !== null) points.push(point);
  }
  return { cell: key, cellId: id, label: formatCellLabel(key), ...info, points, changePoints: [] };
}

/**
 * Every cell × metric series of `records` (any order) that has at least one point: cells in sweep order,
 * metrics as HISTORY_METRICS; then, when there are two cells or more, the all-cells series of each metric
 * (all-cells-series.ts); last, the serve records' series (serve-series.ts).
 */
export function buildHistorySeries(records: readonly HistoryRecord[]): HistorySeries[] {
  const ordered = sortRecords(records);
  const cells = collectCells(ordered);
  const perCell = cells
    .flatMap((key) => HISTORY_METRICS.map((info) => buildOneSeries(ordered, key, info)))
    .filter((series) => series.points.length > 0);
  const serve = buildServeSeries(ordered);
  if (cells.length < 2) return [...perCell, ...serve];
  const all = HISTORY_METRICS.map((info) =>
    buildAllCellsSeries(
      perCell.filter((series) => series.metric === info.metric),
      info,
      cells.length,
    ),
  );
  return [...perCell, ...all.filter((series) => series.points.length > 0), ...serve];
}
