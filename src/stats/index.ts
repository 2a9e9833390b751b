/** Public API of the stats module: pure functions, no I/O. */
export {
  MAD_NORMAL_SCALE,
  computeCoefficientOfVariation,
  computeGeometricMean,
  computeMean,
  computeMedian,
  computeMedianAbsoluteDeviation,
  computeQuantile,
  computeQuantiles,
  computeSampleVariance,
  computeScaledMedianAbsoluteDeviation,
  computeStandardDeviation,
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
  computeTwoSidedTCritical,
} from './distributions.js';
export { computeRegularizedIncompleteBeta } from './special-functions.js';
export type {
  BootstrapInterval,
  DeterminedBootstrapInterval,
  DeterminedInterval,
  Interval,
  RatioDesign,
  RatioInterval,
  UndeterminedInterval,
  UndeterminedReason,
} from './interval-types.js';
export type { MeasurementPair } from './intervals.js';
export {
  bootstrapMedianInterval,
  computeGeometricMeanInterval,
  computeMeanInterval,
  computePairedRatioInterval,
  computeRatioInterval,
} from './intervals.js';
export type { ModifiedZScale, ModifiedZScores } from './outliers.js';
export { DEFAULT_OUTLIER_THRESHOLD, computeModifiedZScores, findOutlierIndices } from './outliers.js';
export type { DeterminedLineFit, LineFit } from './linear-fit.js';
export { fitLine } from './linear-fit.js';
export type { PValueResult } from './multiple-testing.js';
export { adjustHolmBonferroni, computePairedLogPValue, computeWelchLogPValue } from './multiple-testing.js';
export type { SampleSummary } from './summary.js';
export { summarizeSample } from './summary.js';
