/**
 * The baseline file (`baselines/NAME.json`): what one run measured, reduced to what a later comparison needs —
 * per cell and metric the per-process samples (so intervals can be recomputed), the machine's fingerprint,
 * where the numbers came from, and the calibration probe's scores (to detect speed regimes and normalize).
 */
import { z } from 'zod';
import { cellId, cellKeySchema, formatCellLabel } from '../../ground/schema/cell-key.js';
import { dtypeSchema } from '../../ground/schema/common-schema.js';

export const BASELINE_SCHEMA_VERSION = 1;

/** A name usable as a file name on every OS: `baselines/${name}.json`. */
export const BASELINE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const provenanceSchema = z.object({
  commit: z.string().nullable(),
  ref: z.string().nullable(),
  date: z.string().nullable(),
  runnerName: z.string().nullable(),
  runnerOs: z.string().nullable(),
  actor: z.string().nullable(),
  workflowRunUrl: z.string().nullable(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

export const fingerprintSchema = z.object({
  cpuModel: z.string().describe('"unknown" for legacy files'),
  logicalCores: z.number().int().positive().nullable().describe('null when unknown (legacy)'),
  isaFlags: z.array(z.string()),
  threads: z.number().int().positive().nullable().describe('null when unknown (legacy)'),
  onnxruntime: z.string(),
  node: z.string(),
  modelSha256: z.string().nullable(),
  modelSpec: z.string(),
  dtype: dtypeSchema.nullable(),
});
export type Fingerprint = z.infer<typeof fingerprintSchema>;

export const LEGACY_NOTE = 'machine unknown: indicative only';

export const originSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('embedprof'), toolVersion: z.string() }),
  z.object({
    kind: z.literal('legacy'),
    file: z.string(),
    format: z.enum(['baseline-embeddings', 'batch-size-profile', 'text-length-profile', 'memory-analysis']),
    note: z.literal(LEGACY_NOTE),
    adjustments: z.array(z.string()).describe('what was dropped or derived when reading the file, and why'),
  }),
]);
export type BaselineOrigin = z.infer<typeof originSchema>;
export type LegacyFormat = Extract<BaselineOrigin, { kind: 'legacy' }>['format'];

const samplesSchema = z.array(z.number().positive()).min(1);

/**
 * One batch-size or text-length cell. For embedprof baselines index i of every array is worker process i
 * (so `probeGflops[i]` is the probe of the process that measured `throughput[i]`); the speed arrays must have
 * equal lengths. Legacy arrays are whatever the predecessor recorded (see `origin.adjustments`).
 */
export const baselineCellSchema = z
  .object({
    key: cellKeySchema,
    throughput: samplesSchema.describe('texts per second, one per process'),
    normalizedThroughput: samplesSchema.nullable().describe('texts/s ÷ calibration score; null for legacy'),
    peakMemoryMB: samplesSchema.nullable().describe('peak RSS per process'),
    p95LatencyMs: samplesSchema.nullable().describe('95th percentile batch latency per process'),
    probeGflops: samplesSchema
      .nullable()
      .describe('calibration score per process (reference-encoder sequences/s): regime detection'),
    coldStartMs: samplesSchema
      .nullable()
      .optional()
      .describe('time to first embedding per process (boot + load + first batch); absent in older files'),
    loadRssMB: samplesSchema
      .nullable()
      .optional()
      .describe('RSS after the embedder was created, per process; absent in older files'),
  })
  .superRefine((cell, context) => {
    const aligned = [
      'normalizedThroughput',
      'p95LatencyMs',
      'probeGflops',
      'coldStartMs',
      'loadRssMB',
    ] as const;
    for (const field of aligned) {
      const values = cell[field];
      if (values !== null && values !== undefined && values.length !== cell.throughput.length) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `expected ${cell.throughput.length} values (one per process, like throughput), got ${values.length}`,
        });
      }
    }
  });
export type BaselineCell = z.infer<typeof baselineCellSchema>;

export const baselineMemorySchema = z.object({
  baselineMB: z.number().nonnegative().nullable().describe('RSS before the model was loaded'),
  afterLoadMB: z.number().nonnegative().nullable(),
  peakMB: z.number().nonnegative().nullable(),
});

export const baselineCalibrationSchema = z.object({
  kind: z.literal('ort-matmul'),
  dtype: dtypeSchema,
  gflops: z.array(z.number().positive()).describe('probe score of every worker process of the run'),
});

export const baselineSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(BASELINE_SCHEMA_VERSION),
    name: z.string().regex(BASELINE_NAME_PATTERN, 'expected letters, digits, ".", "_" or "-"'),
    createdAt: z.string(),
    provenance: provenanceSchema,
    fingerprint: fingerprintSchema,
    origin: originSchema,
    memory: baselineMemorySchema,
    calibration: baselineCalibrationSchema.nullable(),
    cells: z.array(baselineCellSchema),
  })
  .superRefine((baseline, context) => {
    const seen = new Set<string>();
    baseline.cells.forEach((cell, index) => {
      const id = cellId(cell.key);
      if (seen.has(id)) {
        const message = `duplicate cell ${formatCellLabel(cell.key)}`;
        context.addIssue({ code: 'custom', path: ['cells', index, 'key'], message });
      }
      seen.add(id);
    });
  });
export type Baseline = z.infer<typeof baselineSchema>;

export const EMPTY_PROVENANCE: Provenance = {
  commit: null,
  ref: null,
  date: null,
  runnerName: null,
  runnerOs: null,
  actor: null,
  workflowRunUrl: null,
};
