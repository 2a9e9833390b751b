/**
 * The per-cell part of `comparison.json` (comparison-schema.ts re-exports it): the metrics, their verdicts and
 * intervals, each side's summary, the cells, the aggregate, where a change sits, and the cells the head failed.
 */
import { z } from 'zod';
import { cellKeySchema } from '../../ground/schema/cell-key.js';
export const metricNameSchema = z.enum([
  'throughput',
  'peakMemoryMB',
  'p95LatencyMs',
  'coldStartMs',
  'loadRssMB',
]);
export type MetricName = z.infer<typeof metricNameSchema>;

export const verdictSchema = z.enum(['regression', 'improvement', 'no-change', 'inconclusive']);
export type Verdict = z.infer<typeof verdictSchema>;

/** Interval of the relative change current / baseline − 1 (−0.1 = 10 % lower). */
export const changeIntervalSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('determined'),
    low: z.number(),
    high: z.number(),
    confidence: z.number().gt(0).lt(1),
    df: z
      .number()
      .positive()
      .describe('Welch–Satterthwaite degrees of freedom (Infinity is written as null)')
      .nullable(),
  }),
  z.object({ kind: z.literal('undetermined'), reason: z.string() }),
]);
export type ChangeInterval = z.infer<typeof changeIntervalSchema>;

export const sideSummarySchema = z.object({
  processes: z.number().int().nonnegative().describe('samples the side has for this metric'),
  used: z
    .number()
    .int()
    .nonnegative()
    .describe('samples behind the interval, after regime matching and outliers'),
  median: z.number().describe('median of the samples used'),
  geometricMean: z
    .number()
    .describe('geometric mean of the samples used: current ÷ baseline − 1 of these is the estimate (Δ)'),
  best: z
    .number()
    .describe('best process among those compared: highest throughput, lowest peak memory or latency'),
  excludedOutliers: z.array(z.number().int()).describe('process indices dropped by the MAD rule'),
  excludedByRegime: z.array(z.number().int()).describe('process indices measured in another speed regime'),
});
export type SideSummary = z.infer<typeof sideSummarySchema>;

export const metricComparisonSchema = z.object({
  metric: metricNameSchema,
  unit: z.string(),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  basis: z.enum(['raw', 'calibration-normalized']),
  gated: z.boolean(),
  threshold: z.number().describe('the change the gate must catch (maxThroughputDrop, maxMemoryGrowth, …)'),
  horizon: z.number().describe('the decision boundary: threshold / 2'),
  baseline: sideSummarySchema,
  current: sideSummarySchema,
  estimate: z.number().nullable().describe('relative change of the geometric means, current / baseline − 1'),
  interval: changeIntervalSchema,
  bestProcessChange: z
    .number()
    .describe(
      'relative change of the best processes (current best / baseline best − 1), robust to slowed or bloated ones',
    ),
  systematicMargin: z
    .number()
    .nonnegative()
    .describe('how far the calibration-normalization residual could move bestProcessChange; 0 on raw basis'),
  pValue: z.number().min(0).max(1).nullable().describe('two-sided, H0: no change'),
  holmAdjusted: z
    .object({
      worse: z
        .number()
        .min(0)
        .max(1)
        .describe('one-sided "current is worse", Holm-adjusted over the metric\'s cells'),
      better: z.number().min(0).max(1).describe('one-sided "current is better", Holm-adjusted likewise'),
    })
    .nullable(),
  verdict: verdictSchema,
  reason: z.string(),
});
export type MetricComparison = z.infer<typeof metricComparisonSchema>;

export const cellComparisonSchema = z.object({
  key: cellKeySchema,
  label: z.string(),
  metrics: z.array(metricComparisonSchema),
});
export type CellComparison = z.infer<typeof cellComparisonSchema>;

export const aggregateSchema = z.object({
  metric: metricNameSchema,
  basis: z.enum(['raw', 'calibration-normalized']),
  cells: z.number().int().nonnegative().describe('cells in the geometric mean'),
  estimate: z.number().nullable().describe('geometric mean over cells of current / baseline, minus 1'),
  interval: changeIntervalSchema,
  verdict: verdictSchema,
  reason: z.string(),
});
export type Aggregate = z.infer<typeof aggregateSchema>;

export const changeLocationSchema = z.object({
  metric: metricNameSchema,
  key: cellKeySchema.nullable().describe('null for an aggregate'),
  label: z.string(),
  estimate: z.number(),
  interval: changeIntervalSchema,
});
export type ChangeLocation = z.infer<typeof changeLocationSchema>;

/** A cell the reference measured and the run under test did not: why, as the worker reported it. */
export const headFailureSchema = z.object({
  key: cellKeySchema,
  label: z.string(),
  cause: z.enum(['memory-cap', 'allocation-failure', 'crash', 'timeout', 'embedder-error']),
  detail: z.string(),
});
export type HeadFailure = z.infer<typeof headFailureSchema>;
