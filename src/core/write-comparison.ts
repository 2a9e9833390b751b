import type { Comparison } from '../decide/compare/comparison-schema.js';
import { comparisonSchema } from '../decide/compare/comparison-schema.js';
import { writeFileAtomically } from './output-files.js';

/**
 * Writes DIR/comparison.json atomically, validated as it will be read back: JSON has no Infinity, so an
 * infinite Welch df is written (and validated) as null.
 */
export async function writeComparison(dir: string, comparison: Comparison): Promise<string> {
  return writeFileAtomically(dir, 'comparison.json', serializeComparison(comparison));
}

/** comparison.json's text, validated as it will be read back. */
export function serializeComparison(comparison: Comparison): string {
  const asJson: unknown = JSON.parse(JSON.stringify(comparison));
  return `${JSON.stringify(comparisonSchema.parse(asJson), null, 2)}\n`;
}
