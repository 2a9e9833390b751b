import { z } from 'zod';
import { distributionSchema, latencySchema, stageTimesSchema } from './common-schema.js';

/** One fresh process's time to its first embedding, in its three parts (docs/cold-start.md). */
export const coldStartSchema = z.object({
  bootMs: z
    .number()
    .nonnegative()
    .describe('process start to its modules loaded (Node, ONNX Runtime, tokenizer)'),
  loadMs: z
    .number()
    .nonnegative()
    .describe("the embedder's creation: tokenizer and model loaded, session created"),
  firstBatchMs: z.number().nonnegative().describe('the first batch, warm-up included'),
  totalMs: z.number().nonnegative().describe('time to first embedding: boot + load + first batch'),
});
export type ColdStart = z.infer<typeof coldStartSchema>;

/** What one fresh worker process measured for one cell. */
export const processSampleSchema = z.object({
  round: z.number().int().nonnegative(),
  textsPerSecond: z.number().positive(),
  tokensPerSecond: z.number().nonnegative().nullable(),
  probeGflops: z.number().positive().describe('MatMul probe GFLOP/s in the same process (the MFU ceiling)'),
  referenceScore: z
    .number()
    .positive()
    .describe('reference-encoder sequences/s in the same process (the calibration score)'),
  normalizedThroughput: z.number().positive().describe("texts/s divided by the run's median reference score"),
  mfu: z
    .number()
    .nonnegative()
    .nullable()
    .describe("model FLOP/s (padded tokens) / the run's median MatMul probe FLOP/s"),
  warmupBatches: z.number().int().nonnegative(),
  warmupSteady: z.boolean(),
  measuredBatches: z.number().int().positive(),
  measuredSeconds: z.number().positive(),
  batchLatenciesMs: z.array(z.number().nonnegative()),
  stages: stageTimesSchema.describe('summed over the measured batches'),
  coldStart: coldStartSchema.optional().describe('absent in files written before embedprof measured it'),
  memory: z.object({
    baselineMB: z.number().nonnegative().describe('RSS before the model was loaded'),
    afterLoadMB: z.number().nonnegative(),
    steadyStateMB: z.number().nonnegative().describe('RSS after the measured batches'),
    peakMB: z.number().nonnegative().describe('peak RSS of this process (VmHWM, or the highest sample)'),
    peakSource: z.enum(['vmhwm', 'sampled']),
  }),
});
export type ProcessSample = z.infer<typeof processSampleSchema>;

export const tokenCountsSchema = z.object({
  realPerBatch: z.number().nonnegative(),
  paddedPerBatch: z.number().nonnegative(),
  paddingShare: z.number().min(0).max(1).describe('share of the padded tokens that are padding'),
  truncatedTexts: z.number().int().nonnegative(),
});

const measuredFields = {
  status: z.literal('measured'),
  textsPerBatch: z.number().int().positive(),
  batchesPerProcess: z.number().int().positive(),
  throughput: distributionSchema.describe('texts per second'),
  tokensPerSecond: distributionSchema.nullable(),
  normalizedThroughput: distributionSchema,
  mfu: distributionSchema.nullable(),
  latency: latencySchema,
  peakMemoryMB: distributionSchema.describe('per-process peak RSS; the minimum is the robust figure'),
  tokens: tokenCountsSchema.nullable(),
  stageShares: z.object({
    tokenize: z.number(),
    inference: z.number(),
    pooling: z.number(),
    other: z.number(),
  }),
  processes: z.array(processSampleSchema),
};

const skippedFields = {
  status: z.literal('skipped'),
  reason: z.enum(['memory-cap', 'allocation-failure']),
  detail: z.string(),
};

const failedFields = { status: z.literal('failed'), error: z.string() };

/** The error of a cell none of whose processes completed without one of their own (a duet pair's other side failed). */
export const NO_PROCESS_COMPLETED = 'no process completed';

function createCellSchema<K extends z.ZodRawShape>(key: K) {
  return z.discriminatedUnion('status', [
    z.object({ ...key, ...measuredFields }),
    z.object({ ...key, ...skippedFields }),
    z.object({ ...key, ...failedFields }),
  ]);
}

export const batchCellSchema = createCellSchema({ batchSize: z.number().int().positive() });
export const lengthCellSchema = createCellSchema({
  chars: z.number().int().positive(),
  batchSize: z.number().int().positive(),
});
export type BatchCell = z.infer<typeof batchCellSchema>;
export type LengthCell = z.infer<typeof lengthCellSchema>;
export type MeasuredBatchCell = Extract<BatchCell, { status: 'measured' }>;
export type MeasuredLengthCell = Extract<LengthCell, { status: 'measured' }>;
