/**
 * The result files of the Python predecessor (PyTorch sentence-transformers on an unknown CPU), as far as a
 * baseline needs them. Each format is recognised by its top-level keys, then validated with a loose schema
 * (extra keys are kept and ignored).
 */
import { z } from 'zod';
import type { LegacyFormat } from './baseline-schema.js';
import { isJsonObject } from './migrate-baseline.js';

const positive = z.number().positive();
const batchSize = z.number().int().positive();

const systemSchema = z.looseObject({
  model: z.string(),
  python_version: z.string().optional(),
  pytorch_version: z.string().optional(),
});

export const baselineEmbeddingsSchema = z.looseObject({
  timestamp: z.string(),
  system: systemSchema,
  benchmarks: z.looseObject({
    single_text: z
      .looseObject({ avg_latency_ms: positive, p95_latency_ms: positive, iterations: z.number().int() })
      .optional(),
    batch_sizes: z.looseObject({
      batch_results: z
        .array(z.looseObject({ batch_size: batchSize, throughput_texts_per_sec: positive }))
        .min(1),
    }),
    text_lengths: z.looseObject({}).optional(),
    memory: z
      .looseObject({ baseline_mb: z.number().nonnegative(), loaded_mb: z.number(), peak_mb: z.number() })
      .optional(),
  }),
});

const metadataSchema = z.looseObject({
  timestamp: z.string(),
  model: z.string(),
  python_version: z.string().optional(),
  pytorch_version: z.string().optional(),
});

export const batchSizeProfileSchema = z.looseObject({
  metadata: metadataSchema,
  batch_results: z
    .array(
      z.looseObject({
        batch_size: batchSize,
        throughput_texts_per_sec: positive,
        baseline_memory_mb: z.number().nonnegative(),
        peak_memory_mb: positive,
      }),
    )
    .min(1),
});

export const textLengthProfileSchema = z.looseObject({
  metadata: metadataSchema,
  length_results: z
    .array(
      z.looseObject({
        text_length_chars: z.number().int().positive(),
        batch_size: batchSize,
        throughputs: z.array(positive).min(1),
      }),
    )
    .min(1),
});

export const memoryAnalysisSchema = z.looseObject({
  metadata: metadataSchema.extend({ num_test_texts: z.number().int().positive() }),
  batch_memory_analysis: z
    .array(
      z.looseObject({
        batch_size: batchSize,
        peak_memory_mb: positive,
        memory_samples: z.array(z.looseObject({ elapsed_time_s: positive })).min(1),
      }),
    )
    .min(1),
  baseline_memory: z.looseObject({ rss_mb: z.number().nonnegative() }).optional(),
});

export type BaselineEmbeddingsFile = z.infer<typeof baselineEmbeddingsSchema>;
export type BatchSizeProfileFile = z.infer<typeof batchSizeProfileSchema>;
export type TextLengthProfileFile = z.infer<typeof textLengthProfileSchema>;
export type MemoryAnalysisFile = z.infer<typeof memoryAnalysisSchema>;

/** The keys that identify each format, also used in messages. */
export const LEGACY_FORMAT_KEYS: Record<LegacyFormat, readonly string[]> = {
  'baseline-embeddings': ['system', 'benchmarks'],
  'batch-size-profile': ['metadata', 'batch_results'],
  'text-length-profile': ['metadata', 'length_results'],
  'memory-analysis': ['metadata', 'batch_memory_analysis'],
};

const FORMATS: readonly LegacyFormat[] = [
  'baseline-embeddings',
  'batch-size-profile',
  'text-length-profile',
  'memory-analysis',
];

/** Which predecessor format a parsed JSON value is, judged by its top-level keys; null when none. */
export function detectLegacyFormat(raw: unknown): LegacyFormat | null {
  if (!isJsonObject(raw) || 'schemaVersion' in raw) return null;
  return FORMATS.find((format) => LEGACY_FORMAT_KEYS[format].every((key) => key in raw)) ?? null;
}

/** "baseline-embeddings (keys system, benchmarks), …" for messages. */
export function describeLegacyFormats(): string {
  return FORMATS.map((format) => `${format} (keys ${LEGACY_FORMAT_KEYS[format].join(', ')})`).join(', ');
}
