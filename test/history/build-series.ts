/** Synthetic history series for the history tests: one point per night, seeded noise, a machine per point. */
import type {
  Estimate,
  HistoryMetric,
  HistorySeries,
  SeriesPoint,
} from '../../src/history/history-series.js';
import { createRandom } from '../../src/ground/random/index.js';

export interface SeriesSpec {
  /** The level of each night (before noise). */
  levels: readonly number[];
  /** ln-scale noise between nights (default 0: exact levels). */
  sigma?: number;
  seed?: number;
  metric?: HistoryMetric;
  /** Machine of each night (default 'm1' for all). */
  machines?: readonly string[];
  /** Chained ratio of each night (null: not a duet); with `chainedMargin` its ±interval (ratio × e^±margin). */
  chained?: readonly (number | null)[];
  chainedMargin?: number;
}

const BETTER_WHEN = {
  throughput: 'higher',
  p95LatencyMs: 'lower',
  peakMemoryMB: 'lower',
  coldStartMs: 'lower',
  loadRssMB: 'lower',
} as const;
const UNITS = {
  throughput: 'texts/s',
  p95LatencyMs: 'ms',
  peakMemoryMB: 'MB',
  coldStartMs: 'ms',
  loadRssMB: 'MB',
} as const;

function buildChained(ratio: number | null | undefined, margin: number | undefined): Estimate | null {
  if (ratio === null || ratio === undefined) return null;
  if (margin === undefined) return { value: ratio, lower: null, upper: null };
  return { value: ratio, lower: ratio * Math.exp(-margin), upper: ratio * Math.exp(margin) };
}

export function buildSeries(spec: SeriesSpec): HistorySeries {
  const random = createRandom(spec.seed ?? 1);
  const metric = spec.metric ?? 'throughput';
  const points: SeriesPoint[] = spec.levels.map((level, night) => {
    const value = level * Math.exp((spec.sigma ?? 0) * random.nextNormal());
    return {
      value,
      lower: value * 0.99,
      upper: value * 1.01,
      commit: `commit${night}`,
      parent: night === 0 ? null : `commit${night - 1}`,
      branch: 'main',
      date: new Date(Date.UTC(2026, 0, 1 + night)).toISOString(),
      machine: spec.machines?.[night] ?? 'm1',
      samples: [value * 0.99, value, value * 1.01],
      chainedRatio: buildChained(spec.chained?.[night], spec.chainedMargin),
    };
  });
  return {
    cell: { sweep: 'batch', batchSize: 32 },
    cellId: 'batch:32',
    label: 'batch 32',
    metric,
    unit: UNITS[metric],
    betterWhen: BETTER_WHEN[metric],
    points,
    changePoints: [],
  };
}

/** `count` copies of `value`. */
export function repeat(value: number, count: number): number[] {
  return Array.from({ length: count }, () => value);
}
