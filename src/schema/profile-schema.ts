import { z } from 'zod';
import { batchCellSchema, lengthCellSchema } from './cell-schema.js';
import { analysisSchema } from './analysis-schema.js';
import { distributionSchema, dtypeSchema } from './common-schema.js';

export const PROFILE_SCHEMA_VERSION = 1;

export const environmentSchema = z.object({
  cpuModel: z.string(),
  logicalCores: z.number().int().positive(),
  isaFlags: z.array(z.string()).describe('the SIMD flags that matter for inference, e.g. avx2, avx512f'),
  totalMemoryMB: z.number().positive(),
  os: z.string(),
  arch: z.string(),
  node: z.string(),
  onnxruntime: z.string(),
  threads: z.number().int().positive(),
  ci: z.boolean(),
});
export type Environment = z.infer<typeof environmentSchema>;

export const calibrationSchema = z.object({
  kind: z.literal('reference-encoder+matmul'),
  reference: z
    .object({
      layers: z.number().int(),
      vocabSize: z.number().int(),
      batch: z.number().int(),
      tokens: z.number().int(),
    })
    .describe('the fixed 2-layer MiniLM-shaped encoder whose speed normalizes throughput'),
  referenceScore: distributionSchema
    .nullable()
    .describe('reference-encoder sequences/s per worker process; null when no process completed'),
  dtype: dtypeSchema,
  shape: z.object({ m: z.number().int(), k: z.number().int(), n: z.number().int() }),
  flopsPerRun: z.number().positive(),
  gflops: distributionSchema
    .nullable()
    .describe('probe score per worker process, measured after each cell; null when no process completed'),
  ceiling: z
    .object({
      gflops: z.number().positive().describe("MFU's denominator, GFLOP/s (fp32) or GOP/s (q8)"),
      source: z
        .enum(['hardware', 'probe', 'model'])
        .describe('which was highest: the hardware peak, the MatMul probe, or the model itself'),
      hardware: z
        .object({ gflops: z.number().positive(), detail: z.string() })
        .nullable()
        .describe(
          'cores × clock × operations per cycle of the best vector unit; null when the clock is unknown',
        ),
      reachedGflops: z.number().nonnegative().describe('the fastest process of the model, for comparison'),
    })
    .nullable()
    .default(null)
    .describe('MFU is model FLOP/s over this ceiling, so no cell exceeds 100 % (docs/mfu-ceiling.md)'),
});

export const modelInfoSchema = z.object({
  spec: z.string(),
  source: z.enum(['synthetic', 'local', 'hub', 'embedder']),
  dtype: dtypeSchema.nullable(),
  onnxPath: z.string().nullable(),
  sha256: z.string().nullable(),
  parameters: z.number().int().nonnegative().nullable(),
  denseFlopsPerToken: z.number().nonnegative().nullable(),
  attentionFlopsPerTokenPerPosition: z.number().nonnegative().nullable(),
  hiddenSize: z.number().int().positive().nullable(),
  maxTokens: z.number().int().positive().nullable(),
  maxTokensSource: z.string().nullable(),
  tokenizer: z.string().describe('tokenizer.json folder, or "builtin-hash" for the offline fallback'),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const corpusInfoSchema = z.object({
  source: z.string(),
  format: z.string(),
  texts: z.number().int().positive(),
  sha256: z.string(),
  meanChars: z.number().nonnegative(),
});

export const configSchema = z.object({
  preset: z.enum(['quick', 'full', 'pr']),
  batchSizes: z.array(z.number().int().positive()),
  lengths: z.array(z.number().int().positive()),
  lengthBatchSize: z.number().int().positive(),
  processesPerCell: z.number().int().positive(),
  minMeasuredBatches: z.number().int().positive(),
  minMeasuredSeconds: z.number().nonnegative(),
  maxWarmupBatches: z.number().int().positive(),
  threads: z.number().int().positive(),
  graphOptimization: z.enum(['disabled', 'basic', 'extended', 'all']),
  ortSpinning: z
    .enum(['auto', 'on', 'off'])
    .optional()
    .describe("ONNX Runtime's spin-waiting threads (absent in files written before the setting)"),
  maxMemoryMB: z.number().positive(),
  latencySloMs: z.number().positive().nullable(),
  analysis: z.boolean().describe('whether the leak check, operator profile and experiments ran'),
  seed: z.number().int(),
  shard: z
    .object({ index: z.number().int().positive(), count: z.number().int().positive() })
    .nullable()
    .default(null)
    .describe('the slice of the sweep this profile measured (--shard i/n); null for the whole sweep'),
});
export type ProfileConfig = z.infer<typeof configSchema>;

export const profileSchema = z.object({
  $schema: z.string().optional(),
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('embedprof'), version: z.string() }),
  createdAt: z.string(),
  wallSeconds: z.number().nonnegative(),
  environment: environmentSchema,
  calibration: calibrationSchema,
  model: modelInfoSchema,
  corpus: corpusInfoSchema,
  config: configSchema,
  commit: z.string().nullable().optional().describe('the commit this run measured (--commit, else git HEAD)'),
  /** The settings not taken from their defaults, each with where it came from (flag, input, config, preset). */
  settings: z
    .array(z.object({ key: z.string(), value: z.string(), source: z.string() }))
    .optional()
    .describe('settings not taken from their defaults, with their sources'),
  batchSweep: z.array(batchCellSchema),
  lengthSweep: z.array(lengthCellSchema),
  memory: analysisSchema.shape.memory.extend({
    baselineMB: z.number().nonnegative(),
    afterLoadMB: z.number().nonnegative(),
    modelMB: z.number().describe('afterLoadMB − baselineMB'),
    steadyStateMB: z.number().nonnegative(),
    peakMB: z.number().nonnegative().describe('highest per-cell peak (each cell in its own processes)'),
  }),
  hotspots: analysisSchema.shape.hotspots.extend({
    stageShares: z
      .array(
        z.object({
          cell: z.string(),
          tokenize: z.number(),
          inference: z.number(),
          pooling: z.number(),
          other: z.number(),
        }),
      )
      .describe('share of batch time per stage, per measured cell; each row sums to 1'),
  }),
  padding: analysisSchema.shape.padding,
  experiments: analysisSchema.shape.experiments,
  recommendations: analysisSchema.shape.recommendations,
  warnings: z.array(z.string()).describe('analysis steps that failed or were skipped, and why'),
});
export type Profile = z.infer<typeof profileSchema>;
