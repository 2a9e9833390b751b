/**
 * What every exporter reads out of a profile: the measured cells under stable benchmark names, each metric's
 * value with its 95 % interval, and the cells left out (skipped or failed) named for the caller to print.
 * Each value is the median across worker processes and each interval the 95 % interval of their geometric
 * mean, as in the profile's distributions and the comparison.
 */
import { createBaselineCell } from '../../decide/baseline/from-profile.js';
import type { Estimate, HistoryMetric } from '../../history/history-series.js';
import type {
  BatchCell,
  LengthCell,
  MeasuredBatchCell,
  MeasuredLengthCell,
} from '../../ground/schema/cell-schema.js';
import { createCellKey, formatCellLabel, type CellKey } from '../../ground/schema/cell-key.js';
import type { Distribution } from '../../ground/schema/common-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { computeGeometricMeanInterval, computeMedian } from '../../ground/stats/index.js';

export interface ExportOptions {
  /** What every benchmark name starts with; default `embedprof/<model spec>`. */
  name?: string | null;
}

export interface ExportCell {
  key: CellKey;
  /** `<prefix>/<cell label>`, e.g. "embedprof/synthetic:all-MiniLM-L6-v2/batch 32". */
  benchmark: string;
  cell: MeasuredBatchCell | MeasuredLengthCell;
}

export interface MetricEstimate extends Estimate {
  /** Worker processes behind the value. */
  processes: number;
  /** Why `lower`/`upper` are null (too few processes, a zero value); null when they are set. */
  undetermined: string | null;
}

/** The metrics the exporters carry, in their output order. */
export const EXPORT_METRICS: readonly HistoryMetric[] = [
  'throughput',
  'p95LatencyMs',
  'peakMemoryMB',
  'coldStartMs',
  'loadRssMB',
];

/** The prefix of every benchmark name: the caller's name, else `embedprof/<model spec>`. */
export function formatBenchmarkPrefix(profile: Profile, options: ExportOptions = {}): string {
  return options.name ?? `embedprof/${profile.model.spec}`;
}

function listAllCells(profile: Profile): (BatchCell | LengthCell)[] {
  return [...profile.batchSweep, ...profile.lengthSweep];
}

/** The measured cells of both sweeps, batch sweep first, with their benchmark names. */
export function listExportCells(profile: Profile, options: ExportOptions = {}): ExportCell[] {
  const prefix = formatBenchmarkPrefix(profile, options);
  return listAllCells(profile).flatMap((cell) => {
    if (cell.status !== 'measured') return [];
    const key = createCellKey(cell);
    return [{ key, benchmark: `${prefix}/${formatCellLabel(key)}`, cell }];
  });
}

/** One line per skipped or failed cell: "embedprof/…/batch 512: not exported, skipped (memory-cap): …". */
export function listUnmeasuredCells(profile: Profile, options: ExportOptions = {}): string[] {
  const prefix = formatBenchmarkPrefix(profile, options);
  return listAllCells(profile).flatMap((cell) => {
    const name = `${prefix}/${formatCellLabel(createCellKey(cell))}`;
    switch (cell.status) {
      case 'measured':
        return [];
      case 'skipped':
        return [`${name}: not exported, skipped (${cell.reason}): ${cell.detail}`];
      case 'failed':
        return [`${name}: not exported, failed: ${cell.error}`];
    }
  });
}

function estimateDistribution(distribution: Distribution): MetricEstimate {
  const ci = distribution.ci95;
  switch (ci.kind) {
    case 'determined':
      return {
        value: distribution.median,
        lower: ci.low,
        upper: ci.high,
        processes: distribution.n,
        undetermined: null,
      };
    case 'undetermined':
      return {
        value: distribution.median,
        lower: null,
        upper: null,
        processes: distribution.n,
        undetermined: ci.reason,
      };
  }
}

/**
 * The cell's p95 batch latency as the comparison and the gate see it: the median of the per-process p95s
 * (baseline/from-profile.ts makes them), with the 95 % interval of their geometric mean — the estimate the
 * profile puts on every other per-process metric. Without per-process p95s (a process recorded no batch
 * latency) it is the profile's pooled p95, without an interval.
 */
export function estimateP95Latency(entry: ExportCell): MetricEstimate {
  const processes = entry.cell.processes.length;
  const perProcess = createBaselineCell(entry.key, entry.cell).p95LatencyMs;
  if (perProcess === null) {
    const undetermined = 'not every worker process recorded batch latencies';
    return { value: entry.cell.latency.p95Ms, lower: null, upper: null, processes, undetermined };
  }
  return estimateValues(perProcess);
}

/** Median and geometric-mean interval of per-process values. */
function estimateValues(values: readonly number[]): MetricEstimate {
  const value = computeMedian(values);
  const interval = computeGeometricMeanInterval(values, 0.95);
  const processes = values.length;
  switch (interval.kind) {
    case 'determined':
      return { value, lower: interval.low, upper: interval.high, processes, undetermined: null };
    case 'undetermined':
      return { value, lower: null, upper: null, processes, undetermined: interval.message };
  }
}

/** The cold-start metrics of a cell from its per-process values; null in a profile from before them. */
export function estimateColdStartMetric(
  key: CellKey,
  cell: MeasuredBatchCell | MeasuredLengthCell,
  metric: 'coldStartMs' | 'loadRssMB',
): MetricEstimate | null {
  const values = createBaselineCell(key, cell)[metric] ?? null;
  return values === null ? null : estimateValues(values);
}

/**
 * One metric of one measured cell, in the profile's units (texts/s, ms, MB); null for a cold-start metric of
 * a profile written before embedprof measured it.
 */
export function estimateCellMetric(entry: ExportCell, metric: HistoryMetric): MetricEstimate | null {
  switch (metric) {
    case 'throughput':
      return estimateDistribution(entry.cell.throughput);
    case 'p95LatencyMs':
      return estimateP95Latency(entry);
    case 'peakMemoryMB':
      return estimateDistribution(entry.cell.peakMemoryMB);
    case 'coldStartMs':
    case 'loadRssMB':
      return estimateColdStartMetric(entry.key, entry.cell, metric);
  }
}
