/**
 * A Mermaid `xychart-beta` of throughput vs batch size: baseline and current when compared, else the run
 * alone. Only numbers and fixed words go into it (Mermaid has no escaping worth trusting).
 */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { listMeasuredBatchCells } from '../facts/profile-facts.js';

/** More batch sizes than this make an unreadable chart; the tables carry them. */
const MAX_POINTS = 40;

interface Series {
  name: string;
  values: number[];
}

export interface BatchChartData {
  unit: string;
  batchSizes: number[];
  series: Series[];
}

/** Baseline and current medians of throughput per batch cell, on one basis (raw if any cell has it). */
export function collectComparedThroughput(comparison: Comparison): BatchChartData | null {
  const points = comparison.cells.flatMap((cell) => {
    const metric = cell.metrics.find((item) => item.metric === 'throughput');
    return cell.key.sweep === 'batch' && metric !== undefined
      ? [{ batchSize: cell.key.batchSize, metric }]
      : [];
  });
  const raw = points.filter((point) => point.metric.basis === 'raw');
  const chosen = (raw.length > 0 ? raw : points).sort((a, b) => a.batchSize - b.batchSize);
  const first = chosen[0];
  if (first === undefined) return null;
  return {
    unit: first.metric.unit,
    batchSizes: chosen.map((point) => point.batchSize),
    series: [
      { name: 'baseline', values: chosen.map((point) => point.metric.baseline.geometricMean) },
      { name: 'current', values: chosen.map((point) => point.metric.current.geometricMean) },
    ],
  };
}

export function collectProfileThroughput(profile: Profile): BatchChartData | null {
  const cells = listMeasuredBatchCells(profile);
  if (cells.length === 0) return null;
  return {
    unit: 'texts/s',
    batchSizes: cells.map((cell) => cell.batchSize),
    series: [{ name: 'this run', values: cells.map((cell) => cell.throughput.median) }],
  };
}

/** A round axis maximum a little above the largest value: 1234 → 1400. */
export function computeAxisMax(largest: number): number {
  if (!(largest > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(largest)) / 5;
  return Math.ceil((largest * 1.05) / step) * step;
}

function formatMermaidNumber(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 10) / 10) : '0';
}

/** The fenced Mermaid block, with a line saying which line is which (xychart-beta draws no legend). */
export function renderThroughputMermaid(profile: Profile, comparison: Comparison | null): string | null {
  const data =
    comparison === null ? collectProfileThroughput(profile) : collectComparedThroughput(comparison);
  if (data === null || data.batchSizes.length < 2 || data.batchSizes.length > MAX_POINTS) return null;
  const unit = data.unit.replace(/[^A-Za-z0-9 /]/g, ' ');
  const largest = Math.max(...data.series.flatMap((series) => series.values));
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title "Throughput vs batch size (${unit})"`,
    `  x-axis "batch size" [${data.batchSizes.map((size) => `"${size}"`).join(', ')}]`,
    `  y-axis "${unit}" 0 --> ${formatMermaidNumber(computeAxisMax(largest))}`,
    ...data.series.map((series) => `  line [${series.values.map(formatMermaidNumber).join(', ')}]`),
    '```',
  ];
  const legend = data.series.map((series, index) => `${ordinal(index)} line: ${series.name}`).join('; ');
  return `${lines.join('\n')}\n\n_${legend} (medians over processes)._`;
}

function ordinal(index: number): string {
  return ['First', 'second', 'third'][index] ?? `line ${index + 1}`;
}
