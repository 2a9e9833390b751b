/**
 * Duet mode's quality check: the base's and the head's embeddings of the same sample of the corpus, compared
 * text by text (cosine similarity). Reported in every duet; with `maxQualityDrop` set, a head whose mean
 * cosine to the base fell by more than that (or whose vectors changed dimension) fails the gate, with the
 * figures in the first line. Pure.
 */
import type { EmbeddingAgreement } from '../../ground/schema/analysis-schema.js';
import type { Comparison } from './comparison-schema.js';
import type { Quality } from './quality-schema.js';

/** What the two sides' sample embeddings gave: their agreement, or why there is none. */
export type SampleComparison =
  | { kind: 'compared'; agreement: EmbeddingAgreement }
  /** The head's vectors cannot be compared with the base's (another dimension): a changed output. */
  | { kind: 'incompatible'; reason: string }
  | { kind: 'not-compared'; reason: string };

const cosine = (value: number): string => value.toFixed(5);

/** "mean cosine 0.91234 (min 0.80000, 1st percentile 0.81000) over 64 texts". */
export function describeAgreementFigures(agreement: EmbeddingAgreement): string {
  return `mean cosine ${cosine(agreement.meanCosine)} (min ${cosine(agreement.minCosine)}, 1st percentile ${cosine(agreement.p01Cosine)}) over ${agreement.texts} texts`;
}

function describeQuality(quality: Quality): string {
  const limit =
    quality.maxDrop === null ? 'not gated (max-quality-drop)' : `gated at a drop of ${quality.maxDrop}`;
  if (quality.agreement === null)
    return `embeddings: not compared with the base's (${quality.failure ?? 'unknown'}); ${limit}`;
  return `embeddings: the head's against the base's, ${describeAgreementFigures(quality.agreement)}; ${limit}`;
}

/** Why the head's embeddings fail the quality gate, or null when they do not. */
function findDrift(sample: SampleComparison, maxDrop: number | null): string | null {
  if (maxDrop === null) return null;
  switch (sample.kind) {
    case 'compared':
      return sample.agreement.meanCosine < 1 - maxDrop
        ? `embeddings drifted: ${describeAgreementFigures(sample.agreement)} against the base, beyond max-quality-drop ${maxDrop}`
        : null;
    case 'incompatible':
      return `embeddings changed: ${sample.reason} (max-quality-drop ${maxDrop})`;
    case 'not-compared':
      return null;
  }
}

/** The comparison with its quality section, a note saying it, and a failed gate when the embeddings drifted. */
export function applyQualityGate(
  comparison: Comparison,
  sample: SampleComparison,
  maxDrop: number | null,
): Comparison {
  const drift = findDrift(sample, maxDrop);
  const quality: Quality = {
    reference: 'base',
    agreement: sample.kind === 'compared' ? sample.agreement : null,
    failure: sample.kind === 'compared' ? null : sample.reason,
    maxDrop,
    drifted: drift !== null,
  };
  const { overall } = comparison;
  const notes = [...overall.notes, describeQuality(quality)];
  if (drift === null) return { ...comparison, quality, overall: { ...overall, notes } };
  return {
    ...comparison,
    quality,
    overall: { ...overall, gate: 'fail', notes, reasons: [drift, ...overall.reasons] },
  };
}
