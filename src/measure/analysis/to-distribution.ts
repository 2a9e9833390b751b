import type { Distribution, IntervalData, LatencySummary } from '../../ground/schema/common-schema.js';
import { computeQuantile, summarizeSample, type Interval } from '../../ground/stats/index.js';

/** Summarizes per-process values into the schema's distribution (median, geometric-mean CI, outliers). */
export function toDistribution(samples: number[]): Distribution {
  const summary = summarizeSample(samples);
  return {
    n: summary.n,
    median: summary.median,
    mean: summary.mean,
    min: summary.min,
    max: summary.max,
    cv: summary.cv,
    ci95: toIntervalData(summary.ci95),
    samples,
    outlierIndices: summary.outlierIndices,
  };
}

/** Maps a stats interval to the output's interval shape (the point estimate and df stay behind). */
export function toIntervalData(interval: Interval): IntervalData {
  switch (interval.kind) {
    case 'determined':
      return { kind: 'determined', low: interval.low, high: interval.high, confidence: interval.confidence };
    case 'undetermined':
      return { kind: 'undetermined', reason: interval.message };
  }
}

/** Batch latency percentiles pooled over every measured batch of every process. */
export function summarizeLatency(batchMs: number[], textsPerBatch: number): LatencySummary {
  const p50 = computeQuantile(batchMs, 0.5);
  return {
    p50Ms: p50,
    p95Ms: computeQuantile(batchMs, 0.95),
    p99Ms: computeQuantile(batchMs, 0.99),
    meanMs: batchMs.reduce((a, b) => a + b, 0) / batchMs.length,
    perTextMs: p50 / textsPerBatch,
  };
}
