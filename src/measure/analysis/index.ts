/** Public API of the analysis module: pure functions from measurements to the analysis output. */
export type { EffectLabels, EffectPair } from './effect.js';
export { summarizeEffect, toIntervalData } from './effect.js';
export { summarizeLatency, toDistribution } from './to-distribution.js';
export type { LeakCheckOptions, LeakReading } from './leak-check.js';
export {
  DEFAULT_LEAK_THRESHOLD_MB_PER_1000_TEXTS,
  MIN_DETECTABLE_GROWTH_MB,
  assessLeak,
  chooseLeakThreshold,
  skipLeakCheck,
} from './leak-check.js';
export type { MemoryGrowth, PerBatchMemory } from './memory-growth.js';
export { measureBatchMemory, summarizeMemoryGrowth } from './memory-growth.js';
export type { OperatorHotspots, OperatorStat, OperatorTraceOptions } from './ort-trace.js';
export { aggregateOperatorTrace } from './ort-trace.js';
export type { PaddingRow, PaddingSummary } from './padding.js';
export { computeWasteShare, summarizePadding } from './padding.js';
export type {
  EffectOutcome,
  RecommendationEffect,
  RecommendationInput,
  RecommendationKind,
  RecommendationOptions,
} from './recommendation-types.js';
export { classifyEffect } from './recommendation-types.js';
export { recommend } from './recommendations.js';
export { describeEffect } from './recommend-experiments.js';
export { fitSlope } from './slope-fit.js';
