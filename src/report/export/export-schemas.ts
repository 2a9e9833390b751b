/**
 * The documents `embedprof export` writes, in the consumers' own formats. Neither can carry a schemaVersion
 * (every top-level key of a BMF document is a benchmark; a github-action-benchmark document is a bare array):
 * what pins them is the consumer's definition each schema follows.
 *
 * - Bencher Metric Format, JSON Schema https://bencher.dev/bmf.json (draft-07; bencherdev/bencher
 *   services/console/public/bmf.json): an object of benchmarks, each an object of measures, each
 *   `{value, lower_value?, upper_value?}` with numbers. Bencher also limits a benchmark name to 1–1024 bytes
 *   (lib/bencher_valid/src/benchmark_name.rs) and reads a measure key as a slug when it is one (≤ 64
 *   characters, lowercase letters, digits and single hyphens).
 * - github-action-benchmark's `customBiggerIsBetter` / `customSmallerIsBetter` input (src/extract.ts):
 *   a non-empty array of `{name, unit, value, range?, extra?}`; benchmarks are matched across runs by name.
 */
import { z } from 'zod';

export const BMF_SCHEMA_ID = 'https://bencher.dev/bmf.json';
export const BMF_MAX_BENCHMARK_NAME_BYTES = 1024;

const encoder = new TextEncoder();

export const bmfBenchmarkNameSchema = z
  .string()
  .min(1)
  .refine((name) => encoder.encode(name).length <= BMF_MAX_BENCHMARK_NAME_BYTES, {
    message: `a Bencher benchmark name is at most ${BMF_MAX_BENCHMARK_NAME_BYTES} bytes`,
  });

export const bmfMeasureSlugSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a Bencher measure slug: lowercase letters, digits and single hyphens');

export const bmfMetricSchema = z.strictObject({
  value: z.number(),
  lower_value: z.number().optional(),
  upper_value: z.number().optional(),
});

export const bmfDocumentSchema = z.record(
  bmfBenchmarkNameSchema,
  z.record(bmfMeasureSlugSchema, bmfMetricSchema),
);
export type BmfMetric = z.infer<typeof bmfMetricSchema>;
export type BmfDocument = z.infer<typeof bmfDocumentSchema>;

export const gabDirectionSchema = z.enum(['customBiggerIsBetter', 'customSmallerIsBetter']);
export type GabDirection = z.infer<typeof gabDirectionSchema>;

export const gabEntrySchema = z.strictObject({
  name: z.string().min(1),
  unit: z.string().min(1),
  value: z.number(),
  /** "± 7.69": github-action-benchmark reads the number after "±" or "+-" (src/extractRangeInfo.ts). */
  range: z.string().optional(),
  extra: z.string().optional(),
});
export type GabEntry = z.infer<typeof gabEntrySchema>;

export const gabDocumentSchema = z
  .array(gabEntrySchema)
  .min(1, 'github-action-benchmark fails on a document with no benchmark')
  .refine((entries) => new Set(entries.map((entry) => entry.name)).size === entries.length, {
    message: 'github-action-benchmark matches benchmarks across runs by name: names must be unique',
  });
export type GabDocument = z.infer<typeof gabDocumentSchema>;
