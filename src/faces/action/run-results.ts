/**
 * What a mode publishes: the core's documents and their rendered summary and comment. Mode comment reads the
 * same documents from an artifact of an untrusted run, parsed with the project's schemas.
 */
import { readFile } from 'node:fs/promises';
import {
  COMPARISON_SCHEMA_VERSION,
  comparisonSchema,
  type Comparison,
} from '../../decide/compare/comparison-schema.js';
import { createUsageError, describeError } from '../../ground/errors.js';
import { renderComment, renderSummary } from '../../report/index.js';
import { parseDocument } from '../../ground/schema/parse-document.js';
import { profileSchema, type Profile } from '../../measure/protocol/profile-schema.js';
import { PROFILE_SCHEMA_VERSION } from '../../ground/schema/profile-sections-schema.js';

export interface RunResults {
  outDir: string;
  profile: Profile | null;
  comparison: Comparison | null;
  /** summary.md and comment.md as rendered for this run; null without a profile. */
  summary: string | null;
  comment: string | null;
  /** Why nothing was compared: this pull request adds embedprof (a comment worth posting). */
  adoption?: string | null;
}

export function buildRunResults(
  outDir: string,
  profile: Profile | null,
  comparison: Comparison | null,
  adoption: string | null = null,
): RunResults {
  const input = profile === null ? null : { profile, comparison, adoption };
  return {
    outDir,
    profile,
    comparison,
    adoption,
    summary: input === null ? null : renderSummary(input),
    comment: input === null ? null : renderComment(input),
  };
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
