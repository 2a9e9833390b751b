/**
 * `comparison.json`: everything a comparison decided, as data. Renderers (table, Markdown, annotations) read
 * this and decide nothing: every verdict, reason and note is computed before rendering.
 */
import { COLD_START_GROWTH_DEFAULT } from './threshold-settings.js';
import { sideChangesSchema } from './side-changes-schema.js';
import { stageAttributionSchema } from './attribution-schema.js';
import { confirmationSchema } from './confirmation-schema.js';
import { qualitySchema } from './quality-schema.js';
import { z } from 'zod';
import { cellKeySchema } from '../../ground/schema/cell-key.js';
import {
  aggregateSchema,
  cellComparisonSchema,
  changeLocationSchema,
  headFailureSchema,
  metricNameSchema,
  verdictSchema,
} from './comparison-cell-schema.js';

export * from './comparison-cell-schema.js';

export const COMPARISON_SCHEMA_VERSION = 1;

export const machinePolicySchema = z.enum(['normalize', 'warn', 'fail', 'skip']);
export type MachineMismatchPolicy = z.infer<typeof machinePolicySchema>;

export const minimumDetectableSchema = z.object({
  metric: metricNameSchema,
  change: z
    .number()
    .nullable()
    .describe(
      'the smallest change of the aggregate this run would have detected with 90 % power; null when unknown',
    ),
  worstCell: z
    .object({ label: z.string(), change: z.number() })
    .nullable()
    .default(null)
    .describe('the cell of this metric that could detect the least: its smallest detectable change'),
});
export type MinimumDetectable = z.infer<typeof minimumDetectableSchema>;

export const overallSchema = z.object({
  verdict: verdictSchema,
  gate: z.enum(['pass', 'fail', 'skipped']),
  indicativeOnly: z
    .boolean()
    .describe('true when the verdict may not fail the gate (legacy baseline, warn policy)'),
  failingMetrics: z.array(metricNameSchema),
  worstChange: changeLocationSchema
    .nullable()
    .describe('the largest change in the bad direction of a gated metric'),
  aggregateRegressions: z
    .array(changeLocationSchema)
    .default([])
    .describe(
      'gated metrics whose all-cells aggregate regressed, worst first (key null, label "all cells"): what a regression verdict rests on when no single cell regressed',
    ),
  reasons: z.array(z.string()),
  notes: z.array(z.string()),
  minimumDetectable: z
    .array(minimumDetectableSchema)
    .default([])
    .describe('per gated metric, the smallest change this run could have detected (docs/decision-rule.md)'),
  headFailures: z
    .array(headFailureSchema)
    .default([])
    .describe(
      'cells the reference measured that failed or were skipped in the run under test: each fails the gate',
    ),
  baseFailures: z
    .array(headFailureSchema)
    .default([])
    .describe(
      'duet mode: cells the base failed or was stopped in on its own account (so nothing was compared there): each fails the gate, since a check that compared nothing passes nothing',
    ),
});
export type Overall = z.infer<typeof overallSchema>;

export const machineComparisonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('same'), softwareDifferences: z.array(z.string()) }),
  z.object({
    kind: z.literal('different'),
    differences: z.array(z.string()),
    softwareDifferences: z.array(z.string()),
    policy: machinePolicySchema,
  }),
  z.object({ kind: z.literal('unknown'), reason: z.string() }),
]);
export type MachineComparison = z.infer<typeof machineComparisonSchema>;

export const speedRegimeSchema = z.object({
  lowGflops: z.number(),
  highGflops: z.number(),
  baselineProcesses: z.number().int().nonnegative(),
  currentProcesses: z.number().int().nonnegative(),
});

export const comparisonSettingsSchema = z.object({
  thresholds: z.object({
    throughput: z.number(),
    peakMemoryMB: z.number(),
    p95LatencyMs: z.number(),
    // files written before the cold-start metrics existed lack them: the default they would have had
    coldStartMs: z.number().default(COLD_START_GROWTH_DEFAULT),
    loadRssMB: z.number().default(COLD_START_GROWTH_DEFAULT),
  }),
  gated: z.array(metricNameSchema),
  onMachineMismatch: machinePolicySchema,
  speedRegimes: z.enum(['match', 'ignore']),
  regimeGap: z.number(),
  normalizationResidualCv: z.number(),
  familywiseAlpha: z.number(),
  onInconclusive: z.enum(['pass', 'fail']),
  design: z
    .enum(['independent', 'paired'])
    .default('independent')
    .describe('paired: base and head measured side by side in one job (duet mode), intervals on pair ratios'),
  confidence: z.number(),
});
export type ComparisonSettings = z.infer<typeof comparisonSettingsSchema>;

export const referenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('base-ref'),
    ref: z.string().describe('what --against named, e.g. origin/main or HEAD~1'),
    commit: z.string().describe('the commit that was measured beside the head'),
  }),
  z.object({
    kind: z.literal('baseline'),
    fallbackReason: z
      .string()
      .nullable()
      .describe('why the base could not be measured side by side, when duet mode was asked for'),
  }),
]);
export type ComparisonReference = z.infer<typeof referenceSchema>;

/** The base branch's recorded history of a gated metric at the headline cell (from the history store). */
export const baseHistoryEntrySchema = z.object({
  metric: metricNameSchema,
  cell: z.string().describe('the cell label, e.g. "batch 32"'),
  unit: z.string(),
  value: z.number().describe('the newest recorded value on the branch'),
  runs: z.number().int().positive().describe('recorded runs of the series on the branch'),
  lastChange: z
    .object({ magnitude: z.number(), commit: z.string(), runsAgo: z.number().int().nonnegative() })
    .nullable()
    .describe('the newest change point of the series, null when there is none'),
});

export const baseHistorySchema = z.object({
  branch: z.string().describe('the branch the runs were recorded on, e.g. main'),
  source: z.string().describe('where the history was read, e.g. origin/embedprof-data'),
  entries: z.array(baseHistoryEntrySchema),
});
export type BaseHistory = z.infer<typeof baseHistorySchema>;

export const comparisonSchema = z.object({
  $schema: z.string().optional(),
  schemaVersion: z.literal(COMPARISON_SCHEMA_VERSION),
  baseline: z.object({
    name: z.string(),
    createdAt: z.string(),
    origin: z.enum(['embedprof', 'legacy']),
    file: z
      .object({ path: z.string(), sha256: z.string() })
      .nullable()
      .default(null)
      .describe(
        'the committed baseline file compared with and the sha256 of its bytes; null for a duet base',
      ),
  }),
  current: z.object({ createdAt: z.string(), modelSpec: z.string() }),
  reference: referenceSchema
    .default({ kind: 'baseline', fallbackReason: null })
    .describe('what the run was compared with: the base measured side by side, or a committed baseline'),
  machine: machineComparisonSchema,
  speedRegimes: z.array(speedRegimeSchema).nullable().describe('null when a side has no probe scores'),
  settings: comparisonSettingsSchema,
  cells: z.array(cellComparisonSchema),
  unmatchedCells: z.array(
    z.object({ key: cellKeySchema, label: z.string(), onlyIn: z.enum(['baseline', 'current']) }),
  ),
  aggregates: z.array(aggregateSchema),
  overall: overallSchema,
  attribution: z
    .array(stageAttributionSchema)
    .default([])
    .describe('duet mode: where the time went in each cell whose speed regressed (stage deltas per batch)'),
  confirmation: confirmationSchema
    .nullable()
    .default(null)
    .describe('duet mode: the regressed cells measured again in fresh processes before the check failed'),
  sideChanges: sideChangesSchema
    .nullable()
    .default(null)
    .describe(
      'duet mode: the runtime packages and model graph that differ between the sides; null when none do',
    ),
  quality: qualitySchema
    .nullable()
    .default(null)
    .describe("duet mode: the head's embeddings of a sample of the corpus against the base's"),
  baseHistory: baseHistorySchema
    .nullable()
    .default(null)
    .describe("the base branch's recorded history of each gated metric, when a history store was read"),
});
export type Comparison = z.infer<typeof comparisonSchema>;
