/**
 * The comparison of two serve sweeps measured as a duet (compare-serve.ts): per sweep (texts per request) and
 * metric — the knee (req/s, higher is better) and the p95 latency at the reference rate (ms, lower is better)
 * — each side's figure, every round's pair of windows, the change head / base − 1 with its 95 % interval, the
 * verdict of the decision rule (decision-rule.ts) with its reason and the smallest change the run could see;
 * and the overall verdict over the gated metrics. docs/serve-gate.md explains the method.
 */
import { z } from 'zod';
import { changeIntervalSchema, verdictSchema } from './comparison-cell-schema.js';

export const serveMetricNameSchema = z.enum(['knee', 'p95-at-reference']);
export type ServeMetricName = z.infer<typeof serveMetricNameSchema>;

/** One side's figure: the sweep's own (all its windows pooled), or where its knee lies beyond the rates. */
export const serveSideFigureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('estimate'), value: z.number(), low: z.number(), high: z.number() }),
  z.object({ kind: z.literal('below-lowest'), bound: z.number().positive() }),
  z.object({ kind: z.literal('above-highest'), bound: z.number().positive() }),
  z.object({ kind: z.literal('not-measured'), reason: z.string() }),
]);
export type ServeSideFigure = z.infer<typeof serveSideFigureSchema>;

/** One side's value in one round: measured, bounded (knee outside the rates), or missing (nothing succeeded). */
export const serveRoundValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('value'), value: z.number().positive() }),
  z.object({
    kind: z.literal('at-most'),
    bound: z.number().positive(),
    reason: z.string().describe('the knee lies below the lowest rate: no rate of the round was within'),
  }),
  z.object({
    kind: z.literal('at-least'),
    bound: z.number().positive(),
    reason: z.string().describe('the knee lies above the highest rate: every rate of the round was within'),
  }),
  z.object({ kind: z.literal('missing'), reason: z.string() }),
]);
export type ServeRoundValue = z.infer<typeof serveRoundValueSchema>;

/**
 * How a round's pair enters the interval. exact: both values measured. bounded-worse / bounded-better: a
 * bound stands in for a value (the bound itself is used), and the true change is at least that much worse /
 * better than the value used. uninformative: both knees beyond the same edge (no ratio); missing: a side
 * answered nothing. The last two are left out.
 */
export const servePairUseSchema = z.enum([
  'exact',
  'bounded-worse',
  'bounded-better',
  'uninformative',
  'missing',
]);
export type ServePairUse = z.infer<typeof servePairUseSchema>;

export const servePairSchema = z.object({
  round: z.number().int().nonnegative(),
  base: serveRoundValueSchema,
  head: serveRoundValueSchema,
  use: servePairUseSchema,
  logRatio: z
    .number()
    .nullable()
    .describe('ln(head / base) as used (bounds in place of values); null if left out'),
});
export type ServePair = z.infer<typeof servePairSchema>;

/**
 * round-t: a t interval over the rounds' log ratios (df = pairs − 1). pooled-bootstrap: p95 at the reference
 * rate over each side's pooled requests, the SE from a bootstrap of round pairs and requests (df = pairs − 1).
 */
export const serveMethodSchema = z.enum(['round-t', 'pooled-bootstrap']);
export type ServeMethod = z.infer<typeof serveMethodSchema>;

export const serveMetricComparisonSchema = z.object({
  metric: serveMetricNameSchema,
  unit: z.enum(['req/s', 'ms']),
  direction: z.enum(['higher-is-better', 'lower-is-better']),
  gated: z.boolean(),
  threshold: z.number().describe('the change the gate must catch (maxKneeDrop, maxP95Growth)'),
  horizon: z.number().describe('the decision boundary: threshold / 2'),
  base: serveSideFigureSchema,
  head: serveSideFigureSchema,
  pairs: z.array(servePairSchema).describe('one per round, in round order'),
  pairsUsed: z.number().int().nonnegative(),
  method: serveMethodSchema
    .optional()
    .describe('how the interval was found (absent in comparisons written before the pooled method)'),
  estimate: z
    .number()
    .nullable()
    .describe(
      'round-t: exp(mean of the pairs’ log ratios) − 1; pooled-bootstrap: pooled head p95 / base p95 − 1',
    ),
  interval: changeIntervalSchema,
  pValue: z.number().min(0).max(1).nullable().describe('two-sided, of "no change"'),
  holmAdjusted: z
    .object({ worse: z.number().min(0).max(1), better: z.number().min(0).max(1) })
    .nullable()
    .describe('one-sided p-values, Holm-adjusted over the gated metrics of every sweep'),
  minimumDetectable: z
    .number()
    .nullable()
    .describe('the smallest change in the bad direction this run would detect with 90 % power'),
  verdict: verdictSchema,
  reason: z.string(),
});
export type ServeMetricComparison = z.infer<typeof serveMetricComparisonSchema>;

export const serveSweepComparisonSchema = z.object({
  textsPerRequest: z.number().int().positive(),
  rates: z.array(z.number().positive()).describe('the paired rates the knee is found among, ascending'),
  rounds: z.array(z.number().int().nonnegative()).describe('rounds measured at every paired rate'),
  referenceRatePerSecond: z.number().positive().nullable(),
  metrics: z.array(serveMetricComparisonSchema),
});
export type ServeSweepComparison = z.infer<typeof serveSweepComparisonSchema>;

export const serveComparisonSettingsSchema = z.object({
  thresholds: z.object({ knee: z.number().positive(), 'p95-at-reference': z.number().positive() }),
  gated: z.array(serveMetricNameSchema),
  alpha: z.number().gt(0).lt(1),
  confidence: z.number().gt(0).lt(1),
  latencySloMs: z.number().positive(),
  sloQuantile: z.enum(['p95', 'p99']),
  maxErrorRate: z.number().min(0).max(1),
  bootstrap: z
    .object({
      replicates: z.number().int().positive(),
      seed: z.number().int(),
      resampleRequests: z.boolean().optional(),
    })
    .optional()
    .describe('the pooled p95 bootstrap’s replicates and seed'),
  p95Method: z
    .enum(['pooled', 'per-round'])
    .optional()
    .describe(
      'pooled: p95 from pooled requests when the windows kept them; per-round: always the per-round t',
    ),
});
export type ServeComparisonSettings = z.infer<typeof serveComparisonSettingsSchema>;

export const serveComparisonSchema = z.object({
  design: z.literal('paired-windows'),
  settings: serveComparisonSettingsSchema,
  sweeps: z.array(serveSweepComparisonSchema).min(1),
  overall: z.object({
    verdict: verdictSchema,
    reasons: z.array(z.string()).describe('one line per gated metric of every sweep'),
    failing: z.array(z.object({ textsPerRequest: z.number().int(), metric: serveMetricNameSchema })),
  }),
});
export type ServeComparison = z.infer<typeof serveComparisonSchema>;
