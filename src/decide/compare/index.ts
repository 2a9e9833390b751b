/** Public API of the compare module: pure functions, no I/O. */
export type {
  Aggregate,
  CellComparison,
  ChangeInterval,
  ChangeLocation,
  Comparison,
  ComparisonSettings,
  MachineComparison,
  MachineMismatchPolicy,
  MetricComparison,
  MetricName,
  Overall,
  SideSummary,
  Verdict,
} from './comparison-schema.js';
export { COMPARISON_SCHEMA_VERSION, comparisonSchema } from './comparison-schema.js';
export type { CompareOptions, MetricDefinition, MetricOverride } from './compare-options.js';
export { METRICS, resolveCompareOptions } from './compare-options.js';
export { compareBaselines, compareProfiles } from './compare-profiles.js';
export type { Decision, DecisionInput } from './decision-rule.js';
export { computeHorizon, decideVerdict } from './decision-rule.js';
export type { LogRatioInference } from './log-ratio.js';
export { computeNoChangePValue, inferLogRatio, toChangeInterval } from './log-ratio.js';
export { combineLogRatios } from './aggregate.js';
export type { RegimeSelection, SpeedRegime } from './speed-regimes.js';
export { detectSpeedRegimes, findRegimeIndex, selectCommonRegime } from './speed-regimes.js';
export type { ServeCompareOptions } from './compare-serve.js';
export { compareServeSweeps } from './compare-serve.js';
export type {
  ServeComparison,
  ServeComparisonSettings,
  ServeMetricComparison,
  ServeMetricName,
  ServePair,
  ServePairUse,
  ServeRoundValue,
  ServeSideFigure,
  ServeSweepComparison,
} from './serve-comparison-schema.js';
export { serveComparisonSchema } from './serve-comparison-schema.js';
