import type { Comparison } from '../compare/comparison-schema.js';
import { comparisonSchema } from '../compare/comparison-schema.js';
import { writeJsonAtomically } from './output-files.js';

/**
 * Writes DIR/comparison.json atomically, validated as it will be read back: JSON has no Infinity, so an
 * infinite Welch df is written (and validated) as null.
 */
export async function writeComparison(dir: string, comparison: Comparison): Promise<string> {
  const asJson: unknown = JSON.parse(JSON.stringify(comparison));
  return writeJsonAtomically(dir, 'comparison.json', comparisonSchema.parse(asJson));
}
