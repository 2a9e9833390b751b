/** Public API of the stats module: pure functions, no I/O. */
export {
  computeGeometricMean,
  computeMean,
  computeMedian,
  computeQuantile,
  computeSampleVariance,
  computeSum,
  findMax,
  findMin,
} from './descriptive.js';
export { computeExpectedExtreme, type Extreme } from './expected-extreme.js';
export {
  computeNormalCdf,
  computeNormalPdf,
  computeNormalQuantile,
  computeStudentTCdf,
  computeStudentTPdf,
  computeStudentTQuantile,
  computeTwoSidedPValue,
  computeTwoSidedTCritical,
} from './distributions.js';
export { computeRegularizedIncompleteBeta } from './special-functions.js';
export type {
  DeterminedInterval,
  Interval,
  RatioDesign,
  RatioInterval,
  UndeterminedInterval,
  UndeterminedReason,
} from './interval-types.js';
export type { MeasurementPair } from './intervals.js';
export {
  computeGeometricMeanInterval,
  computeMeanInterval,
  computePairedRatioInterval,
  computeRatioInterval,
} from './intervals.js';
export type { ModifiedZScale, ModifiedZScores } from './outliers.js';
export { DEFAULT_OUTLIER_THRESHOLD, computeModifiedZScores, findOutlierIndices } from './outliers.js';
export type { DeterminedLineFit, LineFit } from './linear-fit.js';
export { fitLine } from './linear-fit.js';
export { adjustHolmBonferroni } from './multiple-testing.js';
export type { SampleSummary } from './summary.js';
export { summarizeSample } from './summary.js';
