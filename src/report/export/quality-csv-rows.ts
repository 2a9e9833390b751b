/** comparison.csv's rows of duet mode's embeddings agreement (the other rows: csv.ts). */
import type { Comparison } from '../../decide/compare/comparison-schema.js';

/** A CSV field (csv.ts's CsvValue). */
type CsvValue = string | number | boolean | null;

/**
 * Duet mode's embeddings agreement as rows of sweep "sample": the head's cosine to the base's per text (mean,
 * min, 1st percentile) in current_median, 1 (the base against itself) in baseline_median. Only the mean is
 * gated (max-quality-drop); its verdict is drifted, within or not-gated.
 */
export function listQualityRows(comparison: Comparison): CsvValue[][] {
  const quality = comparison.quality;
  const agreement = quality?.agreement ?? null;
  if (quality === null || agreement === null) return [];
  const gated = quality.maxDrop !== null;
  const meanVerdict = quality.drifted ? 'drifted' : gated ? 'within' : 'not-gated';
  const label = `embeddings (${agreement.texts} texts)`;
  const row = (metric: string, value: number, isGated: boolean, verdict: string): CsvValue[] => {
    const [change, nulls] = [value - 1, [null, null, null, null, null]];
    return [
      'sample',
      null,
      null,
      label,
      metric,
      'cosine',
      'per text',
      isGated,
      1,
      value,
      1,
      value,
      change,
      ...nulls,
      agreement.texts,
      agreement.texts,
      verdict,
    ];
  };
  return [
    row('meanCosine', agreement.meanCosine, gated, meanVerdict),
    row('minCosine', agreement.minCosine, false, 'not-gated'),
    row('p01Cosine', agreement.p01Cosine, false, 'not-gated'),
  ];
}
