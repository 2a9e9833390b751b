/**
 * Steps in a chained series: each night's ratio head ÷ previous commit, measured side by side in one run, so
 * the machine's speed regimes cancel. A step in the level shows up as one night whose log ratio is far from 0;
 * the nights after it are back at ≈ 1. Each night is tested against the spread of the nights before it that
 * were not steps themselves (so an earlier step does not inflate it): t = ln r ÷ SD of their log ratios,
 * two-sided, df = their number − 1, exact for normal noise. Testing against earlier nights only makes a
 * night's decision final once made.
 * A night whose own interval includes 1 is never a step (the run itself could not tell). A night whose own
 * interval lies wholly beyond the horizon (±5 % by default, half the PR gate's threshold) is a step whatever
 * the history says, unless the run's own decision rule (the PR gate's, on the same paired evidence) did not
 * call it a change. With fewer than `minHistory` earlier nights that rule alone
 * decides, and a night with neither is skipped.
 */
import { computeSampleVariance } from './descriptive.js';
import { computeNormalQuantile, computeTwoSidedPValue, computeTwoSidedTCritical } from './distributions.js';
import type { RelativeChange } from './change-points.js';
import { assertConfidence, assertInteger } from './validate.js';

export interface RatioObservation {
  /** head ÷ previous commit, > 0. */
  ratio: number;
  /** The run's own interval of the ratio (at `confidence`), or null when it had none. */
  low: number | null;
  high: number | null;
  /**
   * Whether the run's own decision rule (the pull-request gate's, which also asks the best processes to agree
   * and a Holm-adjusted test) found a change; undefined when not known. A night the run itself did not call a
   * change is never a step by its own interval.
   */
  changeFound?: boolean | undefined;
}

export interface RatioStepOptions {
  /** A night is a step when its p-value is at most this (default 0.003). */
  maxPValue?: number;
  /** Earlier nights needed before their spread is used (default 8, at least 2). */
  minHistory?: number;
  /** Steps with |ratio − 1| below this are not reported (default 0). */
  minMagnitude?: number;
  /** Confidence of the runs' own intervals and of the reported magnitude's (default 0.95). */
  confidence?: number;
  /** A night whose own interval lies wholly beyond 1 ± this is a step (default 0.05, half the gate's 10 %). */
  horizon?: number;
}

export interface DetectedRatioStep {
  /** Index of the night whose ratio steps. */
  index: number;
  /** ratio − 1 with its interval (the run's own when it has one). */
  magnitude: RelativeChange;
  pValue: number;
  /** What the night was tested against. */
  scale: 'history' | 'own-interval';
}

interface Scale {
  standardError: number;
  df: number;
  scale: DetectedRatioStep['scale'];
}

const NORMAL_DF = 1e6;

function computeOwnStandardError(observation: RatioObservation, confidence: number): number | null {
  if (observation.low === null || observation.high === null) return null;
  if (!(observation.low > 0 && observation.high >= observation.low)) return null;
  const z = computeNormalQuantile(0.5 + confidence / 2);
  return (Math.log(observation.high) - Math.log(observation.low)) / (2 * z);
}

/** The spread of the earlier nights' log ratios, or null when there are too few. */
function computeHistorySpread(earlier: readonly number[], minHistory: number): Scale | null {
  if (earlier.length < minHistory) return null;
  return {
    standardError: Math.sqrt(computeSampleVariance(earlier)),
    df: earlier.length - 1,
    scale: 'history',
  };
}

/** The run's own interval lies wholly beyond 1 ± horizon: the duet alone resolves a change. */
function isBeyondHorizon(observation: RatioObservation, horizon: number): boolean {
  if (observation.low === null || observation.high === null) return false;
  return observation.high < 1 - horizon || observation.low > 1 + horizon;
}

function isOwnIntervalClear(observation: RatioObservation): boolean {
  if (observation.low === null || observation.high === null) return true;
  return observation.high < 1 || observation.low > 1;
}

function describeMagnitude(observation: RatioObservation, logRatio: number, margin: number): RelativeChange {
  if (observation.low !== null && observation.high !== null) {
    return { estimate: observation.ratio - 1, low: observation.low - 1, high: observation.high - 1 };
  }
  return {
    estimate: observation.ratio - 1,
    low: Math.expm1(logRatio - margin),
    high: Math.expm1(logRatio + margin),
  };
}

function readRatioSettings(options: RatioStepOptions): Required<RatioStepOptions> {
  const settings = {
    maxPValue: options.maxPValue ?? 0.003,
    minHistory: options.minHistory ?? 8,
    minMagnitude: options.minMagnitude ?? 0,
    confidence: options.confidence ?? 0.95,
    horizon: options.horizon ?? 0.05,
  };
  if (!(settings.maxPValue > 0 && settings.maxPValue < 1)) {
    throw new RangeError(`maxPValue is ${settings.maxPValue}: expected a number in (0, 1), e.g. 0.003`);
  }
  assertInteger(settings.minHistory, 'minHistory', 2);
  assertConfidence(settings.confidence);
  return settings;
}

function readLogRatios(observations: readonly (RatioObservation | null)[]): (number | null)[] {
  return observations.map((observation, index) => {
    if (observation === null) return null;
    if (!(observation.ratio > 0 && Number.isFinite(observation.ratio))) {
      throw new RangeError(`chained ratio ${index} is ${observation.ratio}: expected a finite ratio > 0`);
    }
    return Math.log(observation.ratio);
  });
}

/** The step at night `index`, or null when its ratio is not one. */
function testNight(
  logs: readonly (number | null)[],
  index: number,
  observation: RatioObservation,
  settings: Required<RatioStepOptions>,
): DetectedRatioStep | null {
  const logRatio = Math.log(observation.ratio);
  if (Math.abs(observation.ratio - 1) < settings.minMagnitude || !isOwnIntervalClear(observation))
    return null;
  const earlier = logs.slice(0, index).filter((value): value is number => value !== null);
  const own = computeOwnStandardError(observation, settings.confidence);
  const history = computeHistorySpread(earlier, settings.minHistory);
  const beyond = isBeyondHorizon(observation, settings.horizon) && observation.changeFound !== false;
  const historyP = history === null ? 1 : computeTwoSidedPValue(logRatio, history.standardError, history.df);
  const byHistory = history !== null && historyP <= settings.maxPValue;
  if (!byHistory && !(beyond && own !== null)) return null;
  const scale: Scale =
    byHistory && history !== null
      ? history
      : { standardError: own ?? 0, df: NORMAL_DF, scale: 'own-interval' };
  const pValue = byHistory ? historyP : computeTwoSidedPValue(logRatio, scale.standardError, scale.df);
  const margin = computeTwoSidedTCritical(settings.confidence, scale.df) * scale.standardError;
  const magnitude = describeMagnitude(observation, logRatio, margin);
  return { index, magnitude, pValue, scale: scale.scale };
}

/** The nights of `observations` (null where the run was not a chained duet) whose ratio is a step. */
export function detectRatioSteps(
  observations: readonly (RatioObservation | null)[],
  options: RatioStepOptions = {},
): DetectedRatioStep[] {
  const settings = readRatioSettings(options);
  const logs = readLogRatios(observations);
  const steps: DetectedRatioStep[] = [];
  const earlier: number[] = [];
  observations.forEach((observation, index) => {
    const logRatio = logs[index];
    if (observation === null || logRatio === null || logRatio === undefined) return;
    const step = testNight(earlier, index, observation, settings);
    if (step === null) earlier.push(logRatio);
    else steps.push(step);
  });
  return steps;
}
