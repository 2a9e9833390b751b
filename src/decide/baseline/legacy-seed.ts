/**
 * Reads the predecessor's result files as legacy baselines: same cells and metrics as an embedprof baseline,
 * `origin.kind = 'legacy'`, and a fingerprint that says the machine is unknown. Pure functions over parsed
 * JSON; the format is recognised by its keys (legacy-formats.ts) and mapped by legacy-converters.ts.
 */
import type { z } from 'zod';
import { createUsageError } from '../../ground/errors.js';
import type { Baseline, LegacyFormat } from './baseline-schema.js';
import { BASELINE_SCHEMA_VERSION, EMPTY_PROVENANCE, LEGACY_NOTE } from './baseline-schema.js';
import type { LegacyContent } from './legacy-converters.js';
import {
  convertBaselineEmbeddings,
  convertBatchSizeProfile,
  convertMemoryAnalysis,
  convertTextLengthProfile,
} from './legacy-converters.js';
import {
  baselineEmbeddingsSchema,
  batchSizeProfileSchema,
  describeLegacyFormats,
  detectLegacyFormat,
  memoryAnalysisSchema,
  textLengthProfileSchema,
} from './legacy-formats.js';
import { isJsonObject } from './migrate-baseline.js';

export { COLD_ITERATION_FACTOR, dropColdIterations } from './legacy-converters.js';

/** `batch_size_profile_2025-10-31` from `…/batch_size_profile_2025-10-31.json`, made a valid baseline name. */
export function deriveLegacyName(file: string): string {
  const stem = (file.split(/[\\/]/).pop() ?? file).replace(/\.json$/i, '');
  const safe = stem.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[._-]+/, '');
  return (safe === '' ? 'legacy' : safe).slice(0, 128);
}

function toBaseline(content: LegacyContent, file: string, format: LegacyFormat): Baseline {
  return {
    schemaVersion: BASELINE_SCHEMA_VERSION,
    name: deriveLegacyName(file),
    createdAt: content.timestamp,
    provenance: { ...EMPTY_PROVENANCE, date: content.timestamp },
    fingerprint: {
      cpuModel: 'unknown',
      logicalCores: null,
      isaFlags: [],
      threads: null,
      onnxruntime: `none (PyTorch ${content.pytorch ?? 'unknown'})`,
      node: `none (Python ${content.python ?? 'unknown'})`,
      modelSha256: null,
      modelSpec: content.model,
      dtype: null,
    },
    origin: { kind: 'legacy', file, format, note: LEGACY_NOTE, adjustments: content.adjustments },
    memory: content.memory,
    calibration: null,
    cells: content.cells,
  };
}

function parseFormat<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  file: string,
  format: LegacyFormat,
): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw createUsageError({
    input: file,
    expected: `a complete predecessor ${format} file`,
    received: `${result.error.issues.length} problem(s): ${issues}`,
    fix: 'Restore the original file; legacy files are read as they were written and cannot be repaired here.',
  });
}

function describeReceived(raw: unknown): string {
  if (Array.isArray(raw)) return 'a JSON array';
  if (!isJsonObject(raw)) return `a JSON ${raw === null ? 'null' : typeof raw}`;
  const keys = Object.keys(raw);
  return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.slice(0, 8).join(', ')}`;
}

/** Reads one predecessor file (parsed JSON) as a legacy baseline; anything unrecognised is a UsageError. */
export function readLegacySeed(raw: unknown, file: string): Baseline {
  const format = detectLegacyFormat(raw);
  switch (format) {
    case null:
      throw createUsageError({
        input: file,
        expected: `an embedprof baseline (with "schemaVersion") or a predecessor result file: ${describeLegacyFormats()}`,
        received: describeReceived(raw),
        fix: 'Pass a file written by `embedprof baseline`, or one of the predecessor files unchanged.',
      });
    case 'baseline-embeddings':
      return toBaseline(
        convertBaselineEmbeddings(parseFormat(baselineEmbeddingsSchema, raw, file, format)),
        file,
        format,
      );
    case 'batch-size-profile':
      return toBaseline(
        convertBatchSizeProfile(parseFormat(batchSizeProfileSchema, raw, file, format)),
        file,
        format,
      );
    case 'text-length-profile':
      return toBaseline(
        convertTextLengthProfile(parseFormat(textLengthProfileSchema, raw, file, format)),
        file,
        format,
      );
    case 'memory-analysis':
      return toBaseline(
        convertMemoryAnalysis(parseFormat(memoryAnalysisSchema, raw, file, format)),
        file,
        format,
      );
  }
}
