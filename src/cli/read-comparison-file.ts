import { readFile } from 'node:fs/promises';
import { comparisonSchema, COMPARISON_SCHEMA_VERSION, type Comparison } from '../compare/index.js';
import { createUsageError, describeError } from '../errors.js';
import { parseDocument } from '../schema/parse-document.js';

/** Reads a comparison.json; a missing, corrupt or newer-version file is one UsageError naming flag and file. */
export async function readComparisonFile(path: string, flag: string): Promise<Comparison> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw createUsageError({
      input: `${flag} ${path}`,
      expected: 'a readable comparison.json written by `embedprof compare` or `gate`',
      received: `a read error (${describeError(error)})`,
      fix: 'Check the path.',
    });
  }
  const kind = { name: 'comparison', currentVersion: COMPARISON_SCHEMA_VERSION };
  return parseDocument(text, comparisonSchema, kind, path);
}
