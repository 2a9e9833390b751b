/**
 * Recommendations from the A/B experiments (truncation, bucketing, threads, dtype). One rule for all: the
 * variant is recommended only when its paired 95 % CI is entirely above zero; entirely below zero says keep
 * the baseline (the variant was slower); anything else says there is no measurable gain. Each carries the
 * measured effect and the experiment it came from. Truncation at a limit no text exceeds is skipped: it
 * changes nothing, so there is nothing to advise.
 */
import type { Effect, Recommendation } from '../../ground/schema/analysis-schema.js';
import { formatChangeInterval, formatPercent, formatSignedPercent } from './format-text.js';
import type { PaddingSummary } from './padding.js';
import type { EffectOutcome, RecommendationKind } from './recommendation-types.js';
import { classifyEffect, describeBatchCell, toRecommendationEffect } from './recommendation-types.js';

interface Wording {
  title: string;
  detail: string;
}

/** "4 threads vs 1 thread: +31.0 % texts/s (95 % CI +25.2 % to +37.1 %, 12 pairs)". */
export function describeEffect(effect: Effect): string {
  const change = `${formatSignedPercent(effect.relativeChange)} texts/s`;
  const interval = `${formatChangeInterval(effect.ci95)}, ${effect.pairs} pairs`;
  return `${effect.variantLabel} vs ${effect.baselineLabel}: ${change} (${interval})`;
}

/** "embeddings vs 256 tokens': mean cosine 0.9991 (min 0.9952, 1st percentile 0.9960) over 64 texts", or null. */
export function describeAgreement(effect: Effect): string | null {
  const agreement = effect.agreement;
  if (agreement === null || agreement === undefined) return null;
  const cosine = (value: number) => value.toFixed(5);
  return `embeddings against ${effect.baselineLabel}'s: mean cosine ${cosine(agreement.meanCosine)} (min ${cosine(agreement.minCosine)}, 1st percentile ${cosine(agreement.p01Cosine)}) over ${agreement.texts} texts`;
}

/** The quality cost as a sentence, or `fallback` when it was not measured. */
function describeQualityCost(effect: Effect, fallback: string): string {
  const agreement = describeAgreement(effect);
  return agreement === null
    ? fallback
    : `Quality cost: ${agreement}; check that retrieval still holds at that.`;
}

function fromEffect(
  kind: RecommendationKind,
  effect: Effect,
  evidence: string[],
  wording: Wording,
): Recommendation {
  return { kind, ...wording, effect: toRecommendationEffect(effect), evidence };
}

/** Baseline-vs-variant wording for the three outcomes; `caveat` is appended when the variant is advised. */
function wordOutcome(effect: Effect, outcome: EffectOutcome, action: string, caveat: string): Wording {
  const measured = describeEffect(effect);
  switch (outcome.kind) {
    case 'faster':
      return { title: action, detail: `${measured}.${caveat}` };
    case 'slower':
      return {
        title: `Keep ${effect.baselineLabel}: ${effect.variantLabel} was slower`,
        detail: `${measured}.`,
      };
    case 'unclear':
      return {
        title: `${effect.variantLabel}: no measurable gain over ${effect.baselineLabel}`,
        detail: `${measured}; no recommendation, because ${outcome.why}.`,
      };
  }
}

export function recommendTruncation(entry: {
  maxTokens: number;
  shareOver: number;
  effect: Effect;
}): Recommendation | null {
  if (entry.shareOver <= 0) return null;
  const evidence = [`experiment truncation ${entry.maxTokens} tokens`];
  const outcome = classifyEffect(entry.effect);
  const share = `${formatPercent(entry.shareOver)} of the texts are longer than ${entry.maxTokens} tokens`;
  const measured = describeEffect(entry.effect);
  if (outcome.kind === 'faster') {
    const caveat = describeQualityCost(
      entry.effect,
      'The cut text no longer shapes the embedding: check retrieval quality before adopting it.',
    );
    const detail = `${share}. Measured: ${measured}. ${caveat}`;
    return fromEffect('truncation', entry.effect, evidence, {
      title: `Truncate texts at ${entry.maxTokens} tokens`,
      detail,
    });
  }
  const why =
    outcome.kind === 'slower' ? 'it was slower' : `there is no measurable speed-up (${outcome.why})`;
  const detail = `${share}, but truncating there is not worth it: ${why}. Measured: ${measured}.`;
  return fromEffect('truncation', entry.effect, evidence, {
    title: `Truncating at ${entry.maxTokens} tokens is not worth it`,
    detail,
  });
}

/** The batch with the most padding in corpus order, as context for the bucketing advice. */
function findWorstPadding(padding: PaddingSummary): PaddingSummary['perBatch'][number] | null {
  return padding.perBatch.reduce<PaddingSummary['perBatch'][number] | null>(
    (worst, row) => (worst === null || row.wasteShare > worst.wasteShare ? row : worst),
    null,
  );
}

export function recommendBucketing(padding: PaddingSummary): Recommendation | null {
  const effect = padding.bucketing;
  if (effect === null) return null;
  const worst = findWorstPadding(padding);
  const context =
    worst === null
      ? ''
      : ` In the batch sweep, ${formatPercent(worst.wasteShare)} of the padded tokens of batch ${worst.batchSize} are padding.`;
  const wording = wordOutcome(
    effect,
    classifyEffect(effect),
    'Sort texts by length before batching',
    context,
  );
  const evidence = ['experiment bucketing', ...(worst === null ? [] : [describeBatchCell(worst.batchSize)])];
  return fromEffect('bucketing', effect, evidence, wording);
}

export function recommendThreads(effect: Effect | null): Recommendation | null {
  if (effect === null) return null;
  const wording = wordOutcome(effect, classifyEffect(effect), `Use ${effect.variantLabel}`, '');
  return fromEffect('threads', effect, ['experiment threads'], wording);
}

export function recommendDtype(effect: Effect | null): Recommendation | null {
  if (effect === null) return null;
  const caveat = ` ${describeQualityCost(effect, 'Quantization changes the embeddings: check retrieval quality before switching.')}`;
  const wording = wordOutcome(effect, classifyEffect(effect), `Use ${effect.variantLabel} weights`, caveat);
  return fromEffect('dtype', effect, ['experiment dtype'], wording);
}
