import { comparisonSchema, COMPARISON_SCHEMA_VERSION, type Comparison } from '../decide/compare/index.js';
import { readDocumentFile } from '../ground/files/read-document-file.js';

/** Reads a comparison.json; a missing, corrupt or newer-version file is one UsageError naming flag and file. */
export function readComparisonFile(path: string, flag: string): Promise<Comparison> {
  return readDocumentFile({
    path,
    input: `${flag} ${path}`,
    schema: comparisonSchema,
    kind: { name: 'comparison', currentVersion: COMPARISON_SCHEMA_VERSION },
    expected: 'a readable comparison.json written by `embedprof compare` or `gate`',
    fix: 'Check the path.',
  });
}
