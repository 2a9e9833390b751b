/**
 * What the core left in its output folder, parsed with the project's schemas: profile.json and
 * comparison.json (either may be missing when the core stopped early), and the rendered summary and comment.
 * The same readers serve mode comment, where the folder is an artifact from an untrusted run.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  COMPARISON_SCHEMA_VERSION,
  comparisonSchema,
  type Comparison,
} from '../compare/comparison-schema.js';
import { createUsageError, describeError } from '../errors.js';
import { parseDocument } from '../schema/parse-document.js';
import { PROFILE_SCHEMA_VERSION, profileSchema, type Profile } from '../schema/profile-schema.js';

export interface RunResults {
  outDir: string;
  profile: Profile | null;
  comparison: Comparison | null;
  /** summary.md and comment.md as the core wrote them; null when missing. */
  summary: string | null;
  comment: string | null;
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** The file's text, or null when it does not exist; any other read error names the file. */
export async function readOptionalText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return null;
    throw createUsageError({
      input: path,
      expected: 'a readable file',
      received: `a read error (${describeError(error)})`,
      fix: 'Check the folder and its permissions.',
    });
  }
}

export async function readProfileDocument(path: string): Promise<Profile | null> {
  const text = await readOptionalText(path);
  if (text === null) return null;
  return parseDocument(
    text,
    profileSchema,
    { name: 'profile', currentVersion: PROFILE_SCHEMA_VERSION },
    path,
  );
}

export async function readComparisonDocument(path: string): Promise<Comparison | null> {
  const text = await readOptionalText(path);
  if (text === null) return null;
  const kind = { name: 'comparison', currentVersion: COMPARISON_SCHEMA_VERSION };
  return parseDocument(text, comparisonSchema, kind, path);
}

export async function readRunResults(outDir: string): Promise<RunResults> {
  return {
    outDir,
    profile: await readProfileDocument(join(outDir, 'profile.json')),
    comparison: await readComparisonDocument(join(outDir, 'comparison.json')),
    summary: await readOptionalText(join(outDir, 'summary.md')),
    comment: await readOptionalText(join(outDir, 'comment.md')),
  };
}
