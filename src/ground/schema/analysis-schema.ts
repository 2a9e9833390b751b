import { z } from 'zod';
import { intervalSchema } from './common-schema.js';

/** A straight-line fit with the slope's 95 % CI, or why there is none. */
export const slopeFitSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('determined'),
    slope: z.number(),
    low: z.number(),
    high: z.number(),
    intercept: z.number(),
    rSquared: z.number(),
    n: z.number().int(),
  }),
  z.object({ kind: z.literal('undetermined'), reason: z.string() }),
]);
export type SlopeFit = z.infer<typeof slopeFitSchema>;

/** One GC-settled memory reading, split by who holds the memory. */
export const memoryReadingSchema = z.object({
  rssMB: z.number().nonnegative(),
  heapUsedMB: z.number().nonnegative().describe('V8 JS heap in use'),
  externalMB: z.number().nonnegative().describe('external memory incl. array buffers'),
  arrayBuffersMB: z.number().nonnegative(),
  nativeMB: z.number().describe('RSS − V8 heap total: ONNX Runtime, tokenizer tables, code'),
});
export type MemoryReading = z.infer<typeof memoryReadingSchema>;

export const perBatchMemorySchema = z.object({
  batchSize: z.number().int().positive(),
  peakMB: z.number().nonnegative().describe('minimum over the cell processes of their peak RSS'),
  deltaMB: z.number().describe('peakMB − RSS after load, same processes'),
  paddedTokensPerBatch: z.number().nonnegative().nullable(),
  overCap: z.boolean(),
});

export const leakCheckSchema = z.discriminatedUnion('verdict', [
  z.object({ verdict: z.literal('not-run'), reason: z.string() }),
  z.object({
    verdict: z.enum(['leak', 'no-leak', 'inconclusive']),
    slopeMBPer1000Texts: slopeFitSchema,
    thresholdMBPer1000Texts: z.number().positive(),
    rounds: z.number().int().positive(),
    textsPerRound: z.number().int().positive(),
    readings: z.array(
      z.object({ texts: z.number().int().nonnegative(), rssMB: z.number(), heapUsedMB: z.number() }),
    ),
    reason: z.string(),
  }),
]);
export type LeakCheck = z.infer<typeof leakCheckSchema>;

/** An A/B effect measured interleaved in one process: B's texts/s relative to A's, with a paired CI. */
/** Cosine similarity of two embedders' vectors for the same texts (embedding-agreement.ts). */
export const agreementSchema = z.object({
  texts: z.number().int().positive().describe('texts embedded by both sides'),
  meanCosine: z.number().min(-1).max(1),
  minCosine: z.number().min(-1).max(1),
  p01Cosine: z.number().min(-1).max(1).describe('1st percentile of the per-text cosines'),
});
export type EmbeddingAgreement = z.infer<typeof agreementSchema>;

export const effectSchema = z.object({
  baselineLabel: z.string(),
  variantLabel: z.string(),
  baselineTextsPerSecond: z.number().positive(),
  variantTextsPerSecond: z.number().positive(),
  relativeChange: z.number().describe('variant / baseline − 1 (0.25 = 25 % faster)'),
  ci95: intervalSchema,
  pairs: z.number().int().nonnegative(),
  agreement: agreementSchema
    .nullable()
    .optional()
    .describe("how closely the variant's embeddings agree with the baseline's (dtype and truncation only)"),
});
export type Effect = z.infer<typeof effectSchema>;

export const operatorSchema = z.object({
  opType: z.string(),
  count: z.number().int().nonnegative().describe('node executions in the traced runs'),
  totalMs: z.number().nonnegative(),
  share: z.number().min(0).max(1),
});

export const hotspotsSchema = z.object({
  operators: z
    .object({
      cell: z.string(),
      runs: z.number().int().positive(),
      totalMs: z.number().nonnegative(),
      top: z.array(operatorSchema),
      otherShare: z.number().min(0).max(1),
    })
    .nullable(),
  instrumentationOverhead: effectSchema
    .nullable()
    .describe('the engine with stage timers and checks vs the same work without them'),
  cpuProfile: z.string().nullable().describe('path of the V8 .cpuprofile written by --cpu-profile'),
});

export const recommendationSchema = z.object({
  kind: z.enum([
    'throughput-batch-size',
    'latency-slo-batch-size',
    'memory-cap-batch-size',
    'truncation',
    'bucketing',
    'threads',
    'dtype',
  ]),
  title: z.string(),
  detail: z.string(),
  effect: z
    .object({ metric: z.string(), relativeChange: z.number(), ci95: intervalSchema.nullable() })
    .nullable()
    .describe('measured, never guessed; null when the recommendation is a limit rather than a speed-up'),
  evidence: z.array(z.string()).describe('the cells or experiments it came from'),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const analysisSchema = z.object({
  memory: z.object({
    readings: z.object({
      baseline: memoryReadingSchema,
      afterLoad: memoryReadingSchema,
      steadyState: memoryReadingSchema,
    }),
    perBatch: z.array(perBatchMemorySchema),
    growthPerText: slopeFitSchema.describe('peak MB per extra text in the batch'),
    growthPerToken: slopeFitSchema.describe('peak MB per extra padded token in the batch'),
    capMB: z.number().positive(),
    leak: leakCheckSchema,
  }),
  hotspots: hotspotsSchema,
  padding: z.object({
    perBatch: z.array(
      z.object({
        batchSize: z.number().int().positive(),
        realTokens: z.number().nonnegative(),
        paddedTokens: z.number().nonnegative(),
        wasteShare: z.number().min(0).max(1),
      }),
    ),
    bucketing: effectSchema.nullable().describe('length-sorted batches vs corpus order, same texts'),
  }),
  experiments: z.object({
    truncation: z.array(
      z.object({
        maxTokens: z.number().int().positive(),
        shareOver: z.number().min(0).max(1),
        effect: effectSchema,
      }),
    ),
    threads: effectSchema.nullable(),
    dtype: effectSchema.nullable(),
  }),
  recommendations: z.array(recommendationSchema),
});
export type Analysis = z.infer<typeof analysisSchema>;
