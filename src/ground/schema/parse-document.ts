import type { z } from 'zod';
import { createUsageError } from '../errors.js';
import { locateJsonError } from './json-error-location.js';

export interface DocumentKind {
  /** What the file is, for messages: "profile", "baseline", "comparison". */
  name: string;
  currentVersion: number;
}

/**
 * Parses a JSON document of a known kind. Corrupt JSON, a missing or unknown schemaVersion, or a shape that
 * does not match the schema is a UsageError naming the file; there is never an empty default.
 */
export function parseDocument<S extends z.ZodType>(
  text: string,
  schema: S,
  kind: DocumentKind,
  label: string,
): z.infer<S> {
  const raw = parseJson(text, kind, label);
  checkVersion(raw, kind, label);
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw createUsageError({
      input: label,
      expected: `a valid ${kind.name} file (schemaVersion ${kind.currentVersion})`,
      received: `${result.error.issues.length} schema problem(s): ${issues}`,
      fix: `Regenerate the ${kind.name} with this version of embedprof, or fix the fields named.`,
    });
  }
  return result.data;
}

function parseJson(text: string, kind: DocumentKind, label: string): unknown {
  if (text.trim() === '') {
    throw createUsageError({
      input: label,
      expected: `a ${kind.name} JSON document`,
      received: 'an empty file',
      fix: `Regenerate the ${kind.name}; the file may have been truncated.`,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const at = locateJsonError(text);
    throw createUsageError({
      input: label,
      expected: `valid JSON for a ${kind.name}`,
      received:
        at === undefined
          ? `unparseable text (${detail})`
          : `invalid JSON at line ${at.line}, column ${at.column} (unexpected ${at.found})`,
      fix: 'The file is corrupt or truncated: regenerate it or restore it from version control.',
    });
  }
}

function checkVersion(raw: unknown, kind: DocumentKind, label: string): void {
  const version = typeof raw === 'object' && raw !== null ? Reflect.get(raw, 'schemaVersion') : undefined;
  if (typeof version !== 'number') {
    throw createUsageError({
      input: label,
      expected: `a ${kind.name} with a numeric "schemaVersion"`,
      received: version === undefined ? 'no schemaVersion' : `schemaVersion ${JSON.stringify(version)}`,
      fix: `Is this really an embedprof ${kind.name}? Regenerate it with embedprof.`,
    });
  }
  if (version > kind.currentVersion) {
    throw createUsageError({
      input: label,
      expected: `${kind.name} schemaVersion ≤ ${kind.currentVersion}`,
      received: `schemaVersion ${version}, written by a newer embedprof`,
      fix: 'Upgrade embedprof to read it.',
    });
  }
}
