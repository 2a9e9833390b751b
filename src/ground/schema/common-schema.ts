import { z } from 'zod';

/** A 95 % (or other) confidence interval, or the reason one could not be computed. */
export const intervalSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('determined'),
    low: z.number(),
    high: z.number(),
    confidence: z.number().gt(0).lt(1),
  }),
  z.object({ kind: z.literal('undetermined'), reason: z.string() }),
]);
export type IntervalData = z.infer<typeof intervalSchema>;

/** One metric measured once per fresh worker process: the per-process samples and their summary. */
export const distributionSchema = z.object({
  n: z.number().int().nonnegative(),
  median: z.number(),
  mean: z.number(),
  min: z.number(),
  max: z.number(),
  cv: z.number().nonnegative().describe('coefficient of variation across processes (stddev / mean)'),
  ci95: intervalSchema.describe('95 % confidence interval of the geometric mean across processes'),
  samples: z.array(z.number()).describe('one value per worker process, in run order'),
  outlierIndices: z.array(z.number().int()).describe('indices into samples flagged by the MAD rule'),
});
export type Distribution = z.infer<typeof distributionSchema>;

export const latencySchema = z.object({
  p50Ms: z.number().nonnegative(),
  p95Ms: z.number().nonnegative(),
  p99Ms: z.number().nonnegative(),
  meanMs: z.number().nonnegative(),
  perTextMs: z.number().nonnegative().describe('median batch latency divided by texts per batch'),
});
export type LatencySummary = z.infer<typeof latencySchema>;

export const stageTimesSchema = z.object({
  tokenizeMs: z.number().nonnegative(),
  inferenceMs: z.number().nonnegative(),
  poolingMs: z.number().nonnegative(),
  otherMs: z.number().nonnegative(),
});
export type StageTimes = z.infer<typeof stageTimesSchema>;

export const dtypeSchema = z.enum(['fp32', 'q8']);
export type Dtype = z.infer<typeof dtypeSchema>;
