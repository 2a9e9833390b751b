/**
 * Bencher Metric Format: one benchmark per measured cell, three measures each, in the units Bencher's
 * measures use so its plots scale them (lib/bencher_json/src/project/measure/built_in.rs and
 * lib/bencher_valid/src/units.rs in bencherdev/bencher):
 * - `throughput`, the built-in Throughput measure, "operations / second (ops/s)": texts per second;
 * - `latency`, the built-in Latency measure, "nanoseconds (ns)": the p95 batch latency;
 * - `peak-memory`, peak RSS in bytes (Bencher's "bytes (B)" unit). Bencher has no built-in measure for it
 *   and creates one with generic units on first upload; create it first with units "bytes (B)" to get
 *   KB/MB/GB axes.
 * `lower_value`/`upper_value` are the 95 % interval where one was determined and are left out otherwise.
 */
import type { HistoryMetric } from '../../history/history-series.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import type { BmfDocument, BmfMetric } from './export-schemas.js';
import {
  estimateCellMetric,
  EXPORT_METRICS,
  listExportCells,
  type ExportOptions,
  type MetricEstimate,
} from './export-cells.js';

/** embedprof's MB are MiB (RSS in kB / 1024, see platform/process-memory.ts). */
export const BYTES_PER_MB = 1024 * 1024;
export const NANOSECONDS_PER_MS = 1_000_000;

interface BmfMeasure {
  slug: string;
  /** From the profile's unit to the measure's. */
  scale: (value: number) => number;
}

export const BMF_MEASURES: Readonly<Record<HistoryMetric, BmfMeasure>> = {
  throughput: { slug: 'throughput', scale: (textsPerSecond) => textsPerSecond },
  p95LatencyMs: { slug: 'latency', scale: (ms) => Math.round(ms * NANOSECONDS_PER_MS) },
  peakMemoryMB: { slug: 'peak-memory', scale: (mb) => Math.round(mb * BYTES_PER_MB) },
  coldStartMs: { slug: 'cold-start', scale: (ms) => Math.round(ms * NANOSECONDS_PER_MS) },
  loadRssMB: { slug: 'rss-after-load', scale: (mb) => Math.round(mb * BYTES_PER_MB) },
};

function toBmfMetric(estimate: MetricEstimate, scale: (value: number) => number): BmfMetric {
  const metric: BmfMetric = { value: scale(estimate.value) };
  if (estimate.lower !== null && estimate.upper !== null) {
    metric.lower_value = scale(estimate.lower);
    metric.upper_value = scale(estimate.upper);
  }
  return metric;
}

/** `{"<benchmark>": {"throughput"|"latency"|"peak-memory"|"cold-start"|"rss-after-load": {value, lower_value?, upper_value?}}}`. */
export function exportBmf(profile: Profile, options: ExportOptions = {}): BmfDocument {
  const document: BmfDocument = {};
  for (const entry of listExportCells(profile, options)) {
    const measures: Record<string, BmfMetric> = {};
    for (const metric of EXPORT_METRICS) {
      const measure = BMF_MEASURES[metric];
      const estimate = estimateCellMetric(entry, metric);
      if (estimate !== null) measures[measure.slug] = toBmfMetric(estimate, measure.scale);
    }
    document[entry.benchmark] = measures;
  }
  return document;
}
