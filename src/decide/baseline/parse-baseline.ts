/**
 * Text → Baseline, pure. A document with a schemaVersion goes through parseDocument (corrupt, truncated or
 * future-version files are one clear UsageError) after migration; an object without one is read as a
 * predecessor file when its keys match a known legacy format, and is a UsageError naming the file otherwise.
 */
import { parseDocument } from '../../ground/schema/parse-document.js';
import type { Baseline } from './baseline-schema.js';
import { BASELINE_SCHEMA_VERSION } from './baseline-schema.js';
import { readLegacySeed } from './legacy-seed.js';
import { baselineDocumentSchema, isJsonObject } from './migrate-baseline.js';

export const BASELINE_DOCUMENT_KIND = { name: 'baseline', currentVersion: BASELINE_SCHEMA_VERSION };

function parseJsonQuietly(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Parses the text of a baseline file; `label` (the path) names the file in every error. */
export function parseBaselineText(text: string, label: string): Baseline {
  const parsed = parseJsonQuietly(text);
  if (parsed.ok && isJsonObject(parsed.value) && !('schemaVersion' in parsed.value)) {
    return readLegacySeed(parsed.value, label);
  }
  return parseDocument(text, baselineDocumentSchema, BASELINE_DOCUMENT_KIND, label);
}
