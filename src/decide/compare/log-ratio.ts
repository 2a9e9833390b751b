/**
 * Inference on ln(current / baseline) for one cell and metric: an estimate, its standard error and degrees
 * of freedom, from which the 95 % interval of the relative change and the p-value of "no change" follow.
 *
 * - Both sides with ≥ 2 samples: Welch's t on the logs (computeRatioInterval of the stats module).
 * - One side with 1 sample (legacy files), the other with ≥ 2: the single value is assumed to scatter like the
 *   replicated side, SE = s·√(1/n₁ + 1/n₂) with df = n − 1 of the replicated side.
 * - A systematic error (`residualSd`, on the log scale) is added in quadrature when speed was normalized by
 *   the calibration probe across regimes or machines; it has infinite df (Welch–Satterthwaite).
 */
import {
  computeMean,
  computeRatioInterval,
  computeSampleVariance,
  computeStudentTCdf,
  computeTwoSidedPValue,
  computeTwoSidedTCritical,
} from '../../ground/stats/index.js';
import type { ChangeInterval } from './comparison-schema.js';

export type LogRatioInference =
  | {
      kind: 'determined';
      logEstimate: number;
      /** Sampling part only (what averages out over cells). */
      samplingStandardError: number;
      samplingDf: number;
      /** Systematic part, identical in every cell of a comparison. */
      residualSd: number;
      standardError: number;
      df: number;
    }
  | { kind: 'undetermined'; logEstimate: number; reason: string };

function computeLogMean(values: readonly number[]): number {
  return computeMean(values.map(Math.log));
}

export function withResidual(
  logEstimate: number,
  se: number,
  df: number,
  residualSd: number,
): LogRatioInference {
  const variance = se * se + residualSd * residualSd;
  const combinedDf = residualSd === 0 ? df : se === 0 ? Infinity : variance ** 2 / (se ** 4 / df);
  return {
    kind: 'determined',
    logEstimate,
    samplingStandardError: se,
    samplingDf: df,
    residualSd,
    standardError: Math.sqrt(variance),
    df: combinedDf,
  };
}

function inferFromSingle(single: number, replicated: readonly number[], sign: 1 | -1, residualSd: number) {
  const logs = replicated.map(Math.log);
  const se = Math.sqrt(computeSampleVariance(logs) * (1 + 1 / logs.length));
  const logEstimate = sign * (computeMean(logs) - Math.log(single));
  return withResidual(logEstimate, se, logs.length - 1, residualSd);
}

/** Log-ratio inference for positive samples; see the module comment for the three cases. */
export function inferLogRatio(
  baseline: readonly number[],
  current: readonly number[],
  residualSd = 0,
): LogRatioInference {
  const logEstimate = computeLogMean(current) - computeLogMean(baseline);
  const [b0] = baseline;
  const [c0] = current;
  if (baseline.length >= 2 && current.length >= 2) {
    const welch = computeRatioInterval(baseline, current);
    if (welch.kind === 'undetermined') return { kind: 'undetermined', logEstimate, reason: welch.message };
    return withResidual(logEstimate, welch.standardError, welch.df, residualSd);
  }
  if (baseline.length === 1 && b0 !== undefined && current.length >= 2) {
    return inferFromSingle(b0, current, 1, residualSd);
  }
  if (current.length === 1 && c0 !== undefined && baseline.length >= 2) {
    return inferFromSingle(c0, baseline, -1, residualSd);
  }
  const reason = `need at least 2 samples on one side, got ${baseline.length} baseline and ${current.length} current`;
  return { kind: 'undetermined', logEstimate, reason };
}

/** The interval of the relative change current / baseline − 1. */
export function toChangeInterval(inference: LogRatioInference, confidence: number): ChangeInterval {
  switch (inference.kind) {
    case 'undetermined':
      return { kind: 'undetermined', reason: inference.reason };
    case 'determined': {
      const margin =
        inference.standardError === 0
          ? 0
          : computeTwoSidedTCritical(confidence, inference.df) * inference.standardError;
      return {
        kind: 'determined',
        low: Math.expm1(inference.logEstimate - margin),
        high: Math.expm1(inference.logEstimate + margin),
        confidence,
        df: Number.isFinite(inference.df) ? inference.df : null,
      };
    }
  }
}

/** Two-sided p-value of H0 "no change" (t = estimate / SE); null when undetermined. */
export function computeNoChangePValue(inference: LogRatioInference): number | null {
  switch (inference.kind) {
    case 'undetermined':
      return null;
    case 'determined':
      return computeTwoSidedPValue(inference.logEstimate, inference.standardError, inference.df);
  }
}

export interface DirectionalPValues {
  /** One-sided p-value for "current is worse" (H0: not worse). */
  worse: number;
  /** One-sided p-value for "current is better" (H0: not better). */
  better: number;
}

/** One-sided p-values in both directions; `direction` says which way is better. Null when undetermined. */
export function computeDirectionalPValues(
  inference: LogRatioInference,
  direction: 'higher-is-better' | 'lower-is-better',
): DirectionalPValues | null {
  if (inference.kind === 'undetermined') return null;
  let lower: number;
  if (inference.standardError === 0) lower = inference.logEstimate < 0 ? 0 : 1;
  else lower = computeStudentTCdf(inference.logEstimate / inference.standardError, inference.df);
  const higher = inference.standardError === 0 ? (inference.logEstimate > 0 ? 0 : 1) : 1 - lower;
  return direction === 'higher-is-better'
    ? { worse: lower, better: higher }
    : { worse: higher, better: lower };
}
