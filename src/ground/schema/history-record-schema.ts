/**
 * One history record (`records/<time>-<commit>.json` in a history store): what one run measured, kept small —
 * the commit and where it sits, the machine it ran on, per cell the per-process values of each metric (rounded
 * to 4 significant digits), the calibration's summary, and, when the run was a chained duet, per cell the ratio
 * to the previous recorded commit measured side by side. Cells that failed or were skipped keep their reason.
 * A serve profile's record has no cells and no calibration; its `serve` section holds each sweep's knee and
 * p95 at the reference rate with their intervals.
 */
import { z } from 'zod';
import { cellId, cellKeySchema, formatCellLabel } from './cell-key.js';
import { dtypeSchema } from './common-schema.js';
import { agreementSchema } from './analysis-schema.js';

export const HISTORY_RECORD_SCHEMA_VERSION = 1;

export const commitIdSchema = z
  .string()
  .regex(/^[0-9a-f]{7,64}$/, 'expected a lowercase hex commit id of 7 to 64 digits');

/** `computeMachineId` of the fields below: 12 hex digits. */
export const MACHINE_ID_PATTERN = /^[0-9a-f]{12}$/;

export const historyMachineSchema = z.object({
  id: z
    .string()
    .regex(MACHINE_ID_PATTERN)
    .describe(
      'hash of the machine and configuration fields (not the software ones): a new id splits a series',
    ),
  cpuModel: z.string(),
  logicalCores: z.number().int().positive(),
  isaFlags: z.array(z.string()),
  threads: z.number().int().positive().nullable().describe('ONNX Runtime threads; null for a served model'),
  os: z.string().describe('platform and kernel release; only the platform enters the id'),
  arch: z.string(),
  modelSpec: z.string(),
  dtype: dtypeSchema.nullable(),
  node: z.string().describe('software: recorded, but a change does not change the id'),
  onnxruntime: z
    .string()
    .nullable()
    .describe('software: recorded, but a change does not change the id; null for a served model'),
  modelSha256: z.string().nullable().describe('software: recorded, but a change does not change the id'),
});
export type HistoryMachine = z.infer<typeof historyMachineSchema>;

const valuesSchema = z.array(z.number().positive()).min(1);

const measuredCellSchema = z.object({
  key: cellKeySchema,
  status: z.literal('measured'),
  throughput: valuesSchema.describe('texts per second, one per worker process'),
  normalizedThroughput: valuesSchema
    .nullable()
    .describe('texts/s ÷ the run’s calibration score, per process'),
  p95LatencyMs: valuesSchema.nullable().describe('95th percentile batch latency of each process'),
  peakMemoryMB: valuesSchema.nullable().describe('peak RSS of each process'),
  coldStartMs: valuesSchema
    .nullable()
    .optional()
    .describe('time to first embedding of each process; absent in older records'),
  loadRssMB: valuesSchema
    .nullable()
    .optional()
    .describe('RSS after load of each process; absent in older records'),
});

export const historyCellSchema = z.discriminatedUnion('status', [
  measuredCellSchema,
  z.object({
    key: cellKeySchema,
    status: z.literal('skipped'),
    reason: z.enum(['memory-cap', 'allocation-failure']),
    detail: z.string(),
  }),
  z.object({ key: cellKeySchema, status: z.literal('failed'), error: z.string() }),
]);
export type HistoryCell = z.infer<typeof historyCellSchema>;
export type MeasuredHistoryCell = Extract<HistoryCell, { status: 'measured' }>;

export const historyEstimateSchema = z.object({
  value: z.number(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});

const chainedEstimateSchema = historyEstimateSchema.extend({
  changeFound: z
    .boolean()
    .optional()
    .describe(
      'true when the duet’s own decision rule (the pull-request gate’s) found a change here, a regression or an improvement; absent in older records',
    ),
});

const chainedCellSchema = z.object({
  key: cellKeySchema,
  throughput: chainedEstimateSchema.nullable(),
  p95LatencyMs: chainedEstimateSchema.nullable(),
  peakMemoryMB: chainedEstimateSchema.nullable(),
  coldStartMs: chainedEstimateSchema.nullable().optional(),
  loadRssMB: chainedEstimateSchema.nullable().optional(),
});

export const chainedRatiosSchema = z.object({
  baseCommit: commitIdSchema.describe('the previous recorded commit this run measured side by side'),
  cells: z
    .array(chainedCellSchema)
    .describe('per cell, this commit ÷ baseCommit with its 95 % interval (paired ratios)'),
  quality: agreementSchema
    .nullable()
    .default(null)
    .describe("this commit's embeddings of the corpus sample against baseCommit's (cosine per text)"),
});
export type ChainedRatios = z.infer<typeof chainedRatiosSchema>;

const serveSweepRecordSchema = z.object({
  textsPerRequest: z.number().int().positive(),
  kneeRatePerSecond: historyEstimateSchema
    .nullable()
    .describe('requests/s at the knee with its 95 % interval; null when it lay outside the rates measured'),
  reference: z
    .object({ ratePerSecond: z.number().positive(), p95LatencyMs: historyEstimateSchema })
    .nullable()
    .describe('p95 latency at the reference rate with its 95 % interval; null when none was measured'),
});

export const serveRecordSchema = z.object({
  api: z.enum(['openai', 'tei', 'template']),
  latencySloMs: z.number().positive(),
  sloQuantile: z.enum(['p95', 'p99']),
  sweeps: z.array(serveSweepRecordSchema).min(1),
  serverPeakMemoryMB: z
    .number()
    .positive()
    .nullable()
    .describe('peak RSS of the started server’s process group; null for a server given by URL'),
});
export type ServeRecord = z.infer<typeof serveRecordSchema>;

const calibrationSummarySchema = z.object({
  n: z.number().int().positive(),
  median: z.number(),
  min: z.number(),
  max: z.number(),
  cv: z.number().nonnegative(),
});

export const historyRecordSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(HISTORY_RECORD_SCHEMA_VERSION),
    commit: commitIdSchema,
    parent: commitIdSchema.nullable(),
    branch: z.string().nullable(),
    date: z.iso.datetime({ precision: 3 }).describe('UTC time of the run, e.g. 2026-11-24T10:00:00.000Z'),
    toolVersion: z.string(),
    preset: z.enum(['quick', 'full', 'pr', 'smoke']).nullable().describe('null for a serve profile'),
    machine: historyMachineSchema,
    calibration: z.object({
      referenceScore: calibrationSummarySchema.nullable().describe('reference-encoder sequences/s'),
      gflops: calibrationSummarySchema.nullable().describe('MatMul probe GFLOP/s'),
    }),
    cells: z.array(historyCellSchema),
    chained: chainedRatiosSchema.nullable().default(null).describe('null unless the run was a chained duet'),
    serve: serveRecordSchema
      .nullable()
      .default(null)
      .describe('a serve profile’s knee and p95 at the reference rate; null for a profile of the embedder'),
  })
  .superRefine((record, context) => {
    const seen = new Set<string>();
    record.cells.forEach((cell, index) => {
      const id = cellId(cell.key);
      if (seen.has(id)) {
        const message = `duplicate cell ${formatCellLabel(cell.key)}`;
        context.addIssue({ code: 'custom', path: ['cells', index, 'key'], message });
      }
      seen.add(id);
      if (cell.status !== 'measured') return;
      for (const field of ['normalizedThroughput', 'p95LatencyMs', 'peakMemoryMB'] as const) {
        const values = cell[field];
        if (values === null || values.length === cell.throughput.length) continue;
        const message = `expected ${cell.throughput.length} values (one per process, like throughput), got ${values.length}`;
        context.addIssue({ code: 'custom', path: ['cells', index, field], message });
      }
    });
  });
export type HistoryRecord = z.infer<typeof historyRecordSchema>;
