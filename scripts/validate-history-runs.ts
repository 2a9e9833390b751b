/**
 * How validate-history scores one signal on one noise model, the way the nightly runs: each night, the series
 * up to that night is checked (decideHistoryCheck, newest 3 nights, a window of the newest 30 points).
 *
 * - detection: 30 nights, then a 10 % throughput step; detected when one of the 3 nights from the step on
 *   fails with a regression change point within one night of the step (exact: at the step's commit);
 * - false change points: 30 warm-up nights, then 100 nights without a step; every distinct change point
 *   (either direction) reported within the newest 3 nights counts once (by index, so a point that moves by a
 *   night counts twice: the figure errs high), and every failing night counts as a false fail.
 */
import type { ChangePoint, HistorySeries } from '../src/history/history-series.js';
import type { SeriesCheckOptions } from '../src/history/check-history.js';
import { decideHistoryCheck, findSeriesChangePoints } from '../src/history/check-history.js';
import { createRandom } from '../src/ground/random/index.js';
import { computeTwoSidedPValue } from '../src/ground/stats/index.js';
import { computeLogMoments, computeWelchStatistics } from '../src/ground/stats/welch.js';
import type { RateEstimate } from '../src/decide/gate/wilson-interval.js';
import { computeWilsonInterval } from '../src/decide/gate/wilson-interval.js';
import type { NoiseModel } from './validate-history-model.js';
import { simulateSeries } from './validate-history-model.js';

/** level: recorded values; chained: duet ratios; cumulative: E-divisive on their running product; samples:
 * Welch's t on the per-process samples of the newest 3 nights against the 27 before. */
export type Signal = 'level' | 'chained' | 'cumulative' | 'samples';

export interface Evaluation {
  detected: RateEstimate;
  exact: RateEstimate;
  /** Found when the whole series up to 10 nights after the step is searched (the dashboard's view); null
   * for the samples test, which only looks at the newest nights. */
  later: RateEstimate | null;
  falseChangePoints: RateEstimate;
  falseFails: RateEstimate;
}

export interface Budget {
  seed: number;
  stepTrials: number;
  nullSeries: number;
  /** Detector settings (defaults: the ones `history check` uses). */
  detection?: Omit<SeriesCheckOptions, 'seed' | 'window'>;
}

const HISTORY = 30;
const NULL_NIGHTS = 100;
const NEWEST = 3;
const WINDOW = 30;
const SAMPLES_P = 0.01;
const LATER = 10;

interface NightCheck {
  /** Change points in the newest nights, either direction. */
  fresh: ChangePoint[];
  fails: boolean;
}

function prepareSeries(series: HistorySeries, signal: Signal): HistorySeries {
  switch (signal) {
    case 'chained':
      return series;
    case 'level':
    case 'samples':
      return { ...series, points: series.points.map((point) => ({ ...point, chainedRatio: null })) };
    case 'cumulative': {
      let level = 1000;
      const points = series.points.map((point) => {
        level *= point.chainedRatio?.value ?? 1;
        return { ...point, value: level, lower: null, upper: null, chainedRatio: null };
      });
      return { ...series, points };
    }
  }
}

function checkSamples(series: HistorySeries): NightCheck {
  const points = series.points;
  const newest = points.slice(-NEWEST).flatMap((point) => point.samples);
  const before = points.slice(-WINDOW, -NEWEST).flatMap((point) => point.samples);
  if (before.length < 2) return { fresh: [], fails: false };
  const welch = computeWelchStatistics(computeLogMoments(before), computeLogMoments(newest));
  const pValue = computeTwoSidedPValue(welch.difference, welch.standardError, welch.df);
  if (pValue > SAMPLES_P) return { fresh: [], fails: false };
  const index = points.length - NEWEST;
  const value = Math.expm1(welch.difference);
  const change = { index, fromCommit: '', toCommit: '', magnitude: { value, lower: null, upper: null } };
  return { fresh: [{ ...change, pValue, regression: value < 0 }], fails: value < 0 };
}

function checkNight(series: HistorySeries, signal: Signal, seed: number, budget: Budget): NightCheck {
  if (signal === 'samples') return checkSamples(series);
  const verdict = decideHistoryCheck([series], {
    gatedMetrics: ['throughput'],
    newestNights: NEWEST,
    detection: { ...budget.detection, seed, window: WINDOW },
  });
  const judgement = verdict.judgements[0];
  if (judgement === undefined || judgement.kind === 'insufficient') return { fresh: [], fails: false };
  const found = judgement.signal === 'chained' ? judgement.report.chained : judgement.report.level;
  const fresh = found.filter((change) => change.index >= series.points.length - NEWEST);
  return { fresh, fails: verdict.kind === 'fail' };
}

function prefix(series: HistorySeries, nights: number): HistorySeries {
  return { ...series, points: series.points.slice(0, nights) };
}

interface StepOutcome {
  detected: boolean;
  exact: boolean;
  later: boolean;
}

/** Whether the series up to `LATER` nights after the step, searched whole, has the step (±1 night). */
function findLater(series: HistorySeries, signal: Signal, seed: number, budget: Budget): boolean {
  if (signal === 'samples') return false;
  const report = findSeriesChangePoints(series, { ...budget.detection, seed });
  const found = signal === 'chained' ? report.chained : report.level;
  return found.some((change) => change.regression && Math.abs(change.index - HISTORY) <= 1);
}

function runStepTrial(model: NoiseModel, signal: Signal, seed: number, budget: Budget): StepOutcome {
  const scenario = { nights: HISTORY + LATER, stepAt: HISTORY, stepFactor: 0.9, chained: true };
  const series = prepareSeries(simulateSeries(createRandom(seed), model, scenario), signal);
  let detected = false;
  let exact = false;
  for (let night = HISTORY; night < HISTORY + NEWEST; night++) {
    const check = checkNight(prefix(series, night + 1), signal, seed, budget);
    if (!check.fails) continue;
    const hits = check.fresh.filter((change) => change.regression && Math.abs(change.index - HISTORY) <= 1);
    detected ||= hits.length > 0;
    exact ||= hits.some((change) => change.index === HISTORY);
  }
  return { detected, exact, later: findLater(series, signal, seed, budget) };
}

function runNullSeries(
  model: NoiseModel,
  signal: Signal,
  seed: number,
  budget: Budget,
): { changePoints: number; fails: number } {
  const scenario = { nights: HISTORY + NULL_NIGHTS, stepAt: null, stepFactor: 1, chained: true };
  const series = prepareSeries(simulateSeries(createRandom(seed), model, scenario), signal);
  const seen = new Set<number>();
  let fails = 0;
  for (let night = HISTORY; night < HISTORY + NULL_NIGHTS; night++) {
    const check = checkNight(prefix(series, night + 1), signal, seed, budget);
    for (const change of check.fresh) seen.add(change.index);
    if (check.fails) fails++;
  }
  return { changePoints: seen.size, fails };
}

/** Scores `signal` on `model` with the given number of step trials and null series (100 nights each). */
export function evaluateSignal(model: NoiseModel, signal: Signal, budget: Budget): Evaluation {
  let detected = 0;
  let exact = 0;
  let later = 0;
  for (let trial = 0; trial < budget.stepTrials; trial++) {
    const outcome = runStepTrial(model, signal, budget.seed + trial, budget);
    if (outcome.detected) detected++;
    if (outcome.exact) exact++;
    if (outcome.later) later++;
  }
  let changePoints = 0;
  let fails = 0;
  for (let run = 0; run < budget.nullSeries; run++) {
    const outcome = runNullSeries(model, signal, budget.seed + 1_000_000 + run, budget);
    changePoints += outcome.changePoints;
    fails += outcome.fails;
  }
  const nights = budget.nullSeries * NULL_NIGHTS;
  return {
    detected: computeWilsonInterval(detected, budget.stepTrials),
    exact: computeWilsonInterval(exact, budget.stepTrials),
    later: signal === 'samples' ? null : computeWilsonInterval(later, budget.stepTrials),
    falseChangePoints: computeWilsonInterval(Math.min(changePoints, nights), nights),
    falseFails: computeWilsonInterval(fails, nights),
  };
}
