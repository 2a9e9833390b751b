/** The sweep charts of report.html: throughput and latency vs batch size, throughput and tokens/s vs length. */
import type { Comparison } from '../../decide/compare/comparison-schema.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { formatQuantity } from '../text/format-numbers.js';
import { collectComparedThroughput } from '../markdown/mermaid-chart.js';
import { listMeasuredBatchCells, listMeasuredLengthCells } from '../facts/profile-facts.js';
import type { LineSeries } from '../svg/svg-line-chart.js';
import { renderLineChart } from '../svg/svg-line-chart.js';

type Interval = { kind: 'determined'; low: number; high: number } | { kind: 'undetermined' };
export const lowOf = (ci: Interval) => (ci.kind === 'determined' ? ci.low : null);
export const highOf = (ci: Interval) => (ci.kind === 'determined' ? ci.high : null);

function findBaselineSeries(comparison: Comparison | null, batchSizes: readonly number[]): LineSeries[] {
  const compared = comparison === null ? null : collectComparedThroughput(comparison);
  const baseline = compared?.series[0];
  if (compared === null || baseline === undefined || compared.unit !== 'texts/s') return [];
  const values = batchSizes.map((size) => {
    const index = compared.batchSizes.indexOf(size);
    return index < 0 ? null : (baseline.values[index] ?? null);
  });
  return [{ label: 'baseline (median)', className: 's1', values }];
}

export function renderThroughputByBatch(profile: Profile, comparison: Comparison | null): string | null {
  const cells = listMeasuredBatchCells(profile);
  if (cells.length === 0) return null;
  const sizes = cells.map((cell) => cell.batchSize);
  const current: LineSeries = {
    label: 'this run (median, 95 % CI)',
    className: 's0',
    values: cells.map((cell) => cell.throughput.median),
    low: cells.map((cell) => lowOf(cell.throughput.ci95)),
    high: cells.map((cell) => highOf(cell.throughput.ci95)),
  };
  const best = cells.reduce((a, b) => (b.throughput.median > a.throughput.median ? b : a));
  return renderLineChart({
    name: 'throughput-vs-batch',
    title: 'Throughput vs batch size',
    description: `Texts per second for batch sizes ${sizes.join(', ')}; highest ${formatQuantity(best.throughput.median)} texts/s at batch ${best.batchSize}.`,
    categories: sizes.map(String),
    xLabel: 'batch size',
    yLabel: 'texts/s',
    series: [current, ...findBaselineSeries(comparison, sizes)],
  });
}

export function renderLatencyByBatch(profile: Profile): string | null {
  const cells = listMeasuredBatchCells(profile);
  if (cells.length === 0) return null;
  const line = (
    label: string,
    className: string,
    pick: (ms: (typeof cells)[number]['latency']) => number,
  ) => ({
    label,
    className,
    values: cells.map((cell) => pick(cell.latency)),
  });
  const last = cells[cells.length - 1];
  return renderLineChart({
    name: 'latency-vs-batch',
    title: 'Batch latency vs batch size',
    description: `p50, p95 and p99 batch latency in milliseconds; p95 ${last === undefined ? '' : `${formatQuantity(last.latency.p95Ms)} ms at batch ${last.batchSize}`}.`,
    categories: cells.map((cell) => String(cell.batchSize)),
    xLabel: 'batch size',
    yLabel: 'ms per batch',
    series: [
      line('p50', 's2', (l) => l.p50Ms),
      line('p95', 's0', (l) => l.p95Ms),
      line('p99', 's3', (l) => l.p99Ms),
    ],
  });
}

export function renderLengthChart(profile: Profile, metric: 'texts' | 'tokens'): string | null {
  const cells = listMeasuredLengthCells(profile).flatMap((cell) => {
    const distribution = metric === 'texts' ? cell.throughput : cell.tokensPerSecond;
    return distribution === null ? [] : [{ chars: cell.chars, distribution }];
  });
  if (cells.length === 0) return null;
  const unit = metric === 'texts' ? 'texts/s' : 'tokens/s';
  return renderLineChart({
    name: metric === 'texts' ? 'throughput-vs-length' : 'tokens-vs-length',
    title: `${metric === 'texts' ? 'Throughput' : 'Tokens per second'} vs text length`,
    description: `${unit} for texts of ${cells.map((cell) => cell.chars).join(', ')} characters.`,
    categories: cells.map((cell) => String(cell.chars)),
    xLabel: 'text length (chars)',
    yLabel: unit,
    series: [
      {
        label: `${unit} (median, 95 % CI)`,
        className: metric === 'texts' ? 's0' : 's2',
        values: cells.map((cell) => cell.distribution.median),
        low: cells.map((cell) => lowOf(cell.distribution.ci95)),
        high: cells.map((cell) => highOf(cell.distribution.ci95)),
      },
    ],
  });
}
