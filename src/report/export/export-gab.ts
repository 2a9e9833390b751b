/**
 * github-action-benchmark's custom tools: a `tool:` input names one direction per step, so a document holds
 * the metrics of one direction — throughput (bigger is better), or p95 latency and peak memory (smaller is
 * better). Values are in the profile's units; `range` is "± h", the larger distance from the value to an end
 * of its 95 % interval (github-action-benchmark reads a symmetric ±, the interval is not), and `extra`
 * states the interval itself and the processes behind it.
 */
import type { HistoryMetric } from '../../history/history-series.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import type { GabDirection, GabDocument, GabEntry } from './export-schemas.js';
import {
  estimateCellMetric,
  listExportCells,
  type ExportCell,
  type ExportOptions,
  type MetricEstimate,
} from './export-cells.js';

interface GabMetric {
  metric: HistoryMetric;
  /** Appended to the benchmark name: one chart per name. */
  title: string;
  unit: string;
}

export const GAB_METRICS: Readonly<Record<GabDirection, readonly GabMetric[]>> = {
  customBiggerIsBetter: [{ metric: 'throughput', title: 'throughput', unit: 'texts/s' }],
  customSmallerIsBetter: [
    { metric: 'p95LatencyMs', title: 'p95 batch latency', unit: 'ms' },
    { metric: 'peakMemoryMB', title: 'peak memory', unit: 'MB' },
    { metric: 'coldStartMs', title: 'time to first embedding', unit: 'ms' },
    { metric: 'loadRssMB', title: 'RSS after load', unit: 'MB' },
  ],
};

/** Four significant digits, plain digits (no grouping, no locale): 7.68523 → "7.685", 212.25 → "212.3". */
export function formatPlainNumber(value: number): string {
  return String(Number(value.toPrecision(4)));
}

function formatProcesses(count: number): string {
  return `${count} worker ${count === 1 ? 'process' : 'processes'}`;
}

function describeEstimate(estimate: MetricEstimate, unit: string): string {
  const interval =
    estimate.lower === null || estimate.upper === null
      ? `95 % interval undetermined (${estimate.undetermined ?? 'not computed'})`
      : `95 % interval ${formatPlainNumber(estimate.lower)}–${formatPlainNumber(estimate.upper)} ${unit}`;
  return `${interval}\n${formatProcesses(estimate.processes)}`;
}

function toGabEntry(entry: ExportCell, metric: GabMetric): GabEntry[] {
  const estimate = estimateCellMetric(entry, metric.metric);
  if (estimate === null) return [];
  const result: GabEntry = {
    name: `${entry.benchmark} (${metric.title})`,
    unit: metric.unit,
    value: estimate.value,
  };
  if (estimate.lower !== null && estimate.upper !== null) {
    const halfWidth = Math.max(estimate.upper - estimate.value, estimate.value - estimate.lower, 0);
    result.range = `± ${formatPlainNumber(halfWidth)}`;
  }
  result.extra = describeEstimate(estimate, metric.unit);
  return [result];
}

/** The entries of one direction, cell by cell (batch sweep first), metric by metric within a cell. */
export function exportGab(
  profile: Profile,
  direction: GabDirection,
  options: ExportOptions = {},
): GabDocument {
  const metrics = GAB_METRICS[direction];
  return listExportCells(profile, options).flatMap((entry) =>
    metrics.flatMap((metric) => toGabEntry(entry, metric)),
  );
}
