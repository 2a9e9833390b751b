/** The sections of profile.json that do not depend on the settings (its whole schema: protocol/profile-schema.ts). */
import { z } from 'zod';
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
