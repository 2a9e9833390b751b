/**
 * What github-action-benchmark requires of a `customBiggerIsBetter` / `customSmallerIsBetter` output file,
 * restated from its source (it is an action, not an npm library): github.com/benchmark-action/
 * github-action-benchmark at commit c38cce98215cf75e178ecd5a0c1a1ab215e93006 (2026-03-31).
 *
 * - src/extract.ts, `BenchmarkResult` and `extractCustomBenchmarkResult`: the file is JSON.parse'd and read
 *   with zod (v4, as here) as an array of `{name: z.coerce.string(), value: z.coerce.number(),
 *   range: z.coerce.string().optional(), unit: z.coerce.string(), extra: z.coerce.string().optional()}`;
 *   `extractResult` then throws "No benchmark result was found" for an empty array.
 * - src/extractRangeInfo.ts: `range` is read as a prefix "±" or "+-", optional spaces, then a number
 *   (`Number()` of the rest); anything else is kept as text and not rescaled.
 * - src/write.ts, `biggerIsBetter`: the direction comes from the `tool:` input alone, never from the file.
 * - src/normalizeBenchmark.ts: a result is matched with the previous run's by `name`.
 *
 * The coercions would hide a wrong type (a numeric string becomes a number), so `readCustomBenchmarks` also
 * returns whether the parse changed anything: a document that needs no coercion has exactly their types.
 */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

const customBenchmarkSchema = z.object({
  name: z.coerce.string(),
  value: z.coerce.number(),
  range: z.coerce.string().optional(),
  unit: z.coerce.string(),
  extra: z.coerce.string().optional(),
});
export type CustomBenchmark = z.infer<typeof customBenchmarkSchema>;

export interface CustomBenchmarkRead {
  benchmarks: CustomBenchmark[];
  /** True when the parsed values equal the file's: nothing was coerced or stripped. */
  exact: boolean;
}

/** Reads an output file's text the way the action does; throws where the action fails. */
export function readCustomBenchmarks(text: string): CustomBenchmarkRead {
  const raw: unknown = JSON.parse(text);
  const benchmarks = z.array(customBenchmarkSchema).parse(raw);
  if (benchmarks.length === 0) throw new Error('No benchmark result was found');
  return { benchmarks, exact: isDeepStrictEqual(benchmarks, raw) };
}

/** The half-width github-action-benchmark reads out of `range`, or undefined when it reads none. */
export function readRangeValue(range: string | undefined): number | undefined {
  if (range === undefined || range === '') return undefined;
  const match = /(?:\+-|±)\s*(\d.*)/.exec(range);
  if (match?.[1] === undefined) return undefined;
  const value = Number(match[1]);
  return Number.isNaN(value) ? undefined : value;
}
