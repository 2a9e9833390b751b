/**
 * The charts of report.html, from the profile and the comparison: each returns an inline SVG figure, or null
 * when there is nothing to draw. Every chart's data-chart name is listed in CHART_NAMES; the sweep charts
 * live in html-sweep-charts.ts.
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { describeMetricName, listMetricRows } from '../facts/comparison-facts.js';
import { formatChange, formatMegabytes, formatQuantity, formatShare } from '../text/format-numbers.js';
import { findLeakRun, listMeasuredBatchCells } from '../facts/profile-facts.js';
import { renderBarChart, renderIntervalChart, renderStackedChart } from '../svg/svg-bar-charts.js';
import type { ReferenceLine } from '../svg/svg-point-charts.js';
import { renderColumnChart, renderScatterChart } from '../svg/svg-point-charts.js';

export const CHART_NAMES = [
  'throughput-vs-batch',
  'latency-vs-batch',
  'throughput-vs-length',
  'tokens-vs-length',
  'memory-per-batch',
  'leak-check',
  'stage-shares',
  'top-operators',
  'comparison',
] as const;
export type ChartName = (typeof CHART_NAMES)[number];

import { highOf, lowOf } from './html-sweep-charts.js';

export { renderLatencyByBatch, renderLengthChart, renderThroughputByBatch } from './html-sweep-charts.js';

export function renderMemoryByBatch(profile: Profile): string | null {
  const { memory } = profile;
  const rows =
    memory.perBatch.length > 0
      ? memory.perBatch
      : listMeasuredBatchCells(profile).map((cell) => ({
          batchSize: cell.batchSize,
          peakMB: cell.peakMemoryMB.min,
        }));
  if (rows.length === 0) return null;
  const largest = Math.max(...rows.map((row) => row.peakMB));
  const references: ReferenceLine[] = [
    {
      label: `after load ${formatMegabytes(memory.afterLoadMB)}`,
      value: memory.afterLoadMB,
      className: 's2',
    },
  ];
  if (memory.capMB <= largest * 1.5)
    references.push({ label: `cap ${formatMegabytes(memory.capMB)}`, value: memory.capMB, className: 'bad' });
  return renderColumnChart({
    name: 'memory-per-batch',
    title: 'Peak RSS per batch size',
    description: `Peak resident memory of each batch size in its own processes, up to ${formatMegabytes(largest)}; the loaded model alone ${formatMegabytes(memory.afterLoadMB)}.`,
    categories: rows.map((row) => String(row.batchSize)),
    values: rows.map((row) => row.peakMB),
    xLabel: 'batch size',
    yLabel: 'MB',
    seriesLabel: 'peak RSS',
    references,
  });
}

export function renderLeakChart(profile: Profile): string | null {
  const leak = findLeakRun(profile);
  if (leak === null || leak.readings.length < 2) return null;
  const fitData = leak.slopeMBPer1000Texts;
  const fit =
    fitData.kind === 'determined'
      ? {
          intercept: fitData.intercept,
          slope: fitData.slope / 1000,
          label: `fit ${formatQuantity(fitData.slope)} MB / 1,000 texts`,
        }
      : null;
  return renderScatterChart({
    name: 'leak-check',
    title: `Leak check: RSS vs texts processed (${leak.verdict})`,
    description: `GC-settled RSS after each round of ${leak.textsPerRound} texts; verdict ${leak.verdict}, threshold ${formatQuantity(leak.thresholdMBPer1000Texts)} MB per 1,000 texts.`,
    points: leak.readings.map((reading) => ({ x: reading.texts, y: reading.rssMB })),
    fit,
    xLabel: 'texts processed',
    yLabel: 'RSS MB',
    pointsLabel: 'RSS reading',
  });
}

export function renderStageShares(profile: Profile): string | null {
  const rows = profile.hotspots.stageShares;
  if (rows.length === 0) return null;
  return renderStackedChart(
    {
      name: 'stage-shares',
      title: 'Share of batch time per stage',
      description: `Tokenize, inference, pooling and other shares of batch time for ${rows.length} cells.`,
    },
    [
      { label: 'tokenize', className: 'swatch s1' },
      { label: 'inference', className: 'swatch s0' },
      { label: 'pooling', className: 'swatch s2' },
      { label: 'other', className: 'swatch s3' },
    ],
    rows.map((row) => ({ label: row.cell, parts: [row.tokenize, row.inference, row.pooling, row.other] })),
  );
}

export function renderTopOperators(profile: Profile): string | null {
  const operators = profile.hotspots.operators;
  if (operators === null || operators.top.length === 0) return null;
  const rows = operators.top.map((op) => ({
    label: op.opType,
    value: op.share,
    text: formatShare(op.share),
  }));
  return renderBarChart(
    {
      name: 'top-operators',
      title: `Top ONNX Runtime operators (${operators.cell})`,
      description: `Share of traced operator time; the largest is ${operators.top[0]?.opType ?? ''}.`,
    },
    rows,
    (value) => `${Math.round(value * 100)} %`,
  );
}

export function renderComparisonChart(comparison: Comparison | null): string | null {
  if (comparison === null) return null;
  const rows = listMetricRows(comparison).flatMap(({ cell, metric }) => {
    if (metric.estimate === null) return [];
    const interval = metric.interval;
    const className =
      metric.verdict === 'regression' ? 'bad' : metric.verdict === 'improvement' ? 'good' : 'neutral';
    return [
      {
        label: `${cell.label} · ${describeMetricName(metric.metric)}`,
        value: metric.estimate,
        low: lowOf(interval),
        high: highOf(interval),
        className,
      },
    ];
  });
  if (rows.length === 0) return null;
  const legend = [
    { label: 'regression', className: 'swatch bad' },
    { label: 'improvement', className: 'swatch good' },
    { label: 'no change or undecided', className: 'swatch neutral' },
  ];
  return renderIntervalChart(
    {
      name: 'comparison',
      title: 'Change vs baseline per cell and metric',
      description: `Relative change current / baseline − 1 with its confidence interval for ${rows.length} cell metrics; red is a regression, green an improvement.`,
    },
    legend,
    rows,
    formatChange,
  );
}
