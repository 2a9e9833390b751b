/** Shared types and helpers of the recommendation rules. */
import type { Analysis, Effect, Recommendation } from '../../ground/schema/analysis-schema.js';
import type { BatchCell } from '../../ground/schema/cell-schema.js';
import { formatCellLabel } from '../../ground/schema/cell-key.js';
import type { PerBatchMemory } from './memory-growth.js';
import type { PaddingSummary } from './padding.js';

export type RecommendationKind = Recommendation['kind'];
export type RecommendationEffect = NonNullable<Recommendation['effect']>;

export interface RecommendationOptions {
  /** p95 batch-latency target in ms; null = no latency recommendation. */
  latencySloMs: number | null;
  /** RSS cap in MB a deployment must stay within. */
  maxMemoryMB: number;
}

export interface RecommendationInput {
  /** The profile's batch sweep, every status. */
  batchCells: readonly BatchCell[];
  /** Peak memory per measured batch size (from summarizeMemoryGrowth). */
  memory: readonly PerBatchMemory[];
  padding: PaddingSummary;
  experiments: Analysis['experiments'];
  options: RecommendationOptions;
}

/** The evidence id of a batch cell: its label, e.g. "batch 32". */
export function describeBatchCell(batchSize: number): string {
  return formatCellLabel({ sweep: 'batch', batchSize });
}

/** How an A/B effect came out: the 95 % CI entirely above zero, entirely below, or neither. */
export type EffectOutcome = { kind: 'faster' } | { kind: 'slower' } | { kind: 'unclear'; why: string };

export function classifyEffect(effect: Effect): EffectOutcome {
  switch (effect.ci95.kind) {
    case 'determined':
      if (effect.ci95.low > 0) return { kind: 'faster' };
      if (effect.ci95.high < 0) return { kind: 'slower' };
      return { kind: 'unclear', why: 'its 95 % CI includes no change' };
    case 'undetermined':
      return { kind: 'unclear', why: `it has no CI (${effect.ci95.reason})` };
  }
}

/** The measured effect of an experiment, as a recommendation carries it. */
export function toRecommendationEffect(effect: Effect): RecommendationEffect {
  return { metric: 'texts/s', relativeChange: effect.relativeChange, ci95: effect.ci95 };
}
