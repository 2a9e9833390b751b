/**
 * profile.csv and comparison.csv: one row per cell and metric, units in their own column, for spreadsheets
 * and notebooks. Intervals are the 95 % CIs of the profile and the comparison.
 */
import type { CellKey } from '../../ground/schema/cell-key.js';
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type {
  BatchCell,
  LengthCell,
  MeasuredBatchCell,
  MeasuredLengthCell,
} from '../../ground/schema/cell-schema.js';
import type { Distribution } from '../../ground/schema/common-schema.js';
import { listMetricRows } from '../facts/comparison-facts.js';
import { listQualityRows } from './quality-csv-rows.js';
import { describeUnmeasured } from '../facts/profile-facts.js';
import { createCellKey } from '../../ground/schema/cell-key.js';
import { estimateColdStartMetric } from './export-cells.js';
import type { Renderer, ReportInput } from '../renderer.js';

// CSV writing: RFC 4180 quoting, and a guard against spreadsheet formula injection in text fields.

export type CsvValue = string | number | boolean | null;

/** A text field that starts like a formula (=, +, -, @, tab, CR) gets a leading apostrophe (OWASP advice). */
function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Numbers are written in full precision (non-finite → empty), text guarded and quoted, null empty. */
export function formatCsvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quote(guardFormula(value));
}

/** Header and rows, one line each, "\n"-terminated. */
export function renderCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(formatCsvField), ...rows.map((row) => row.map(formatCsvField))];
  return `${lines.map((fields) => fields.join(',')).join('\n')}\n`;
}

export const PROFILE_CSV_HEADER = [
  'sweep',
  'batch_size',
  'chars',
  'metric',
  'unit',
  'median',
  'ci_low',
  'ci_high',
  'n',
  'status',
  'note',
];

type MetricValue = [
  metric: string,
  unit: string,
  median: number,
  low: number | null,
  high: number | null,
  n: number | null,
];

function fromDistribution(metric: string, unit: string, distribution: Distribution | null): MetricValue[] {
  if (distribution === null) return [];
  const ci = distribution.ci95;
  const [low, high] = ci.kind === 'determined' ? [ci.low, ci.high] : [null, null];
  return [[metric, unit, distribution.median, low, high, distribution.n]];
}

/** Time to first embedding and RSS after load: medians of the per-process values (absent in older files). */
function listColdStartMetrics(cell: MeasuredBatchCell | MeasuredLengthCell): MetricValue[] {
  const rows = [
    ['cold_start', 'ms', 'coldStartMs'],
    ['rss_after_load', 'MB', 'loadRssMB'],
  ] as const;
  return rows.flatMap(([name, unit, metric]) => {
    const estimate = estimateColdStartMetric(createCellKey(cell), cell, metric);
    if (estimate === null) return [];
    return [[name, unit, estimate.value, estimate.lower, estimate.upper, estimate.processes] as MetricValue];
  });
}

function listCellMetrics(cell: MeasuredBatchCell | MeasuredLengthCell): MetricValue[] {
  const n = cell.processes.length;
  const single = (metric: string, unit: string, value: number): MetricValue => [
    metric,
    unit,
    value,
    null,
    null,
    n,
  ];
  const { latency, stageShares } = cell;
  return [
    ...fromDistribution('throughput', 'texts/s', cell.throughput),
    ...fromDistribution('tokens_per_second', 'tokens/s', cell.tokensPerSecond),
    ...fromDistribution('normalized_throughput', 'texts/s per calibration score', cell.normalizedThroughput),
    ...fromDistribution('mfu', 'fraction', cell.mfu),
    ...fromDistribution('peak_rss', 'MB', cell.peakMemoryMB),
    single('latency_p50', 'ms', latency.p50Ms),
    single('latency_p95', 'ms', latency.p95Ms),
    single('latency_p99', 'ms', latency.p99Ms),
    single('latency_per_text', 'ms', latency.perTextMs),
    ...(cell.tokens === null ? [] : [single('padding_share', 'fraction', cell.tokens.paddingShare)]),
    single('stage_tokenize', 'fraction', stageShares.tokenize),
    single('stage_inference', 'fraction', stageShares.inference),
    single('stage_pooling', 'fraction', stageShares.pooling),
    single('stage_other', 'fraction', stageShares.other),
    ...listColdStartMetrics(cell),
  ];
}

function listCellRows(sweep: 'batch' | 'length', cell: BatchCell | LengthCell): CsvValue[][] {
  const key: CsvValue[] = [sweep, cell.batchSize, 'chars' in cell ? cell.chars : null];
  switch (cell.status) {
    case 'measured':
      return listCellMetrics(cell).map((value) => [...key, ...value, 'measured', null]);
    case 'skipped':
    case 'failed':
      return [[...key, null, null, null, null, null, null, cell.status, describeUnmeasured(cell)]];
  }
}

export function renderProfileCsv(input: ReportInput): string {
  const { profile } = input;
  const rows = [
    ...profile.batchSweep.flatMap((cell) => listCellRows('batch', cell)),
    ...profile.lengthSweep.flatMap((cell) => listCellRows('length', cell)),
  ];
  return renderCsv(PROFILE_CSV_HEADER, rows);
}

export const COMPARISON_CSV_HEADER = [
  'sweep',
  'batch_size',
  'chars',
  'cell',
  'metric',
  'unit',
  'basis',
  'gated',
  'baseline_median',
  'current_median',
  'baseline_geometric_mean',
  'current_geometric_mean',
  'relative_change',
  'ci_low',
  'ci_high',
  'confidence',
  'p_value',
  'p_holm_worse',
  'baseline_n',
  'current_n',
  'verdict',
];

function formatKey(key: CellKey): CsvValue[] {
  switch (key.sweep) {
    case 'batch':
      return ['batch', key.batchSize, null];
    case 'length':
      return ['length', key.batchSize, key.chars];
  }
}

function listComparisonRows(comparison: Comparison): CsvValue[][] {
  return listMetricRows(comparison).map(({ cell, metric }) => {
    const interval = metric.interval;
    const ci =
      interval.kind === 'determined'
        ? [interval.low, interval.high, interval.confidence]
        : [null, null, null];
    return [
      ...formatKey(cell.key),
      cell.label,
      metric.metric,
      metric.unit,
      metric.basis,
      metric.gated,
      metric.baseline.median,
      metric.current.median,
      metric.baseline.geometricMean,
      metric.current.geometricMean,
      metric.estimate,
      ...ci,
      metric.pValue,
      metric.holmAdjusted?.worse ?? null,
      metric.baseline.used,
      metric.current.used,
      metric.verdict,
    ];
  });
}

/** Header only when there is no comparison. */
export function renderComparisonCsv(input: ReportInput): string {
  const comparison = input.comparison;
  const rows = comparison === null ? [] : [...listComparisonRows(comparison), ...listQualityRows(comparison)];
  return renderCsv(COMPARISON_CSV_HEADER, rows);
}

export const profileCsv: Renderer = { file: 'profile.csv', needs: 'profile', render: renderProfileCsv };
export const comparisonCsv: Renderer = {
  file: 'comparison.csv',
  needs: 'comparison',
  render: renderComparisonCsv,
};
