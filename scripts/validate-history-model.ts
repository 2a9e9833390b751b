/**
 * The noise model validate-history simulates nightly series with, taken from shared/notes (measurements of
 * 2026-11-23 and 2026-12-01 on this 2-vCPU EPYC):
 *
 * - A night's run lasts 1.5–5 minutes, inside one speed regime (regimes last minutes; nights are a day
 *   apart). Its throughput is level × e^ε ÷ slow, ε ~ N(0, runSigma): the between-run CV of ≈ 8 % left
 *   after dividing by a same-kernel probe; slow = 1 in the fast regime and U(1.30, 1.45) in the slow one.
 * - Slow nights: a two-state chain; a fast night is followed by a slow one with probability `slowEnter`, a
 *   slow one by another with `slowStay` (independent nights: slowStay = slowEnter).
 * - Within a run, processes scatter by withinSigma (CV 0.7–1.1 % inside one regime).
 * - Chained duet: ln(head ÷ previous) = true step + N(0, chainedSigma), plus N(0, chainedRegimeSigma) on a
 *   slow night (its interleaved sides may not share the regime fully). Its own 95 % interval is
 *   ±1.96·chainedSigma·s with s² ~ χ²₉ / 9 (10 interleaved pairs).
 */
import type { Random } from '../src/ground/random/index.js';
import type { Estimate, HistorySeries, SeriesPoint } from '../src/history/history-series.js';

export interface NoiseModel {
  name: string;
  runSigma: number;
  slowEnter: number;
  slowStay: number;
  slowFactor: readonly [number, number];
  withinSigma: number;
  processes: number;
  chainedSigma: number;
  chainedRegimeSigma: number;
}

export const BASE_MODEL: NoiseModel = {
  name: '8 % + slow nights 10 %',
  runSigma: 0.08,
  slowEnter: 0.1,
  slowStay: 0.1,
  slowFactor: [1.3, 1.45],
  withinSigma: 0.01,
  processes: 5,
  chainedSigma: 0.03,
  chainedRegimeSigma: 0.02,
};

export interface Scenario {
  nights: number;
  /** Index of the first night after the step, or null for no step. */
  stepAt: number | null;
  /** Throughput multiplier from `stepAt` on (0.9 = 10 % slower). */
  stepFactor: number;
  /** Whether the points carry chained ratios. */
  chained: boolean;
}

const Z95 = 1.959963984540054;

function drawSlowNights(random: Random, model: NoiseModel, nights: number): boolean[] {
  const slow: boolean[] = [];
  let previous = random.nextFloat() < model.slowEnter / (1 - model.slowStay + model.slowEnter);
  for (let night = 0; night < nights; night++) {
    const chance = night === 0 ? (previous ? 1 : 0) : previous ? model.slowStay : model.slowEnter;
    previous = random.nextFloat() < chance;
    slow.push(previous);
  }
  return slow;
}

function drawChiScale(random: Random, df: number): number {
  let sum = 0;
  for (let i = 0; i < df; i++) sum += random.nextNormal() ** 2;
  return Math.sqrt(sum / df);
}

function drawChained(random: Random, model: NoiseModel, logStep: number, slow: boolean): Estimate {
  const noise = model.chainedSigma * random.nextNormal();
  const leak = slow ? model.chainedRegimeSigma * random.nextNormal() : 0;
  const logRatio = logStep + noise + leak;
  const margin = Z95 * model.chainedSigma * drawChiScale(random, 9);
  return {
    value: Math.exp(logRatio),
    lower: Math.exp(logRatio - margin),
    upper: Math.exp(logRatio + margin),
  };
}

function drawNight(random: Random, model: NoiseModel, level: number, slow: boolean): number[] {
  const [low, high] = model.slowFactor;
  const divisor = slow ? low + (high - low) * random.nextFloat() : 1;
  const run = (level * Math.exp(model.runSigma * random.nextNormal())) / divisor;
  return Array.from(
    { length: model.processes },
    () => run * Math.exp(model.withinSigma * random.nextNormal()),
  );
}

function summarizeNight(samples: readonly number[]): Estimate {
  const logs = samples.map(Math.log);
  const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
  const variance = logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (logs.length - 1);
  const margin = 2.776 * Math.sqrt(variance / logs.length);
  return { value: Math.exp(mean), lower: Math.exp(mean - margin), upper: Math.exp(mean + margin) };
}

/** One throughput series of `scenario.nights` nights on one machine, 1000 texts/s before any step. */
export function simulateSeries(random: Random, model: NoiseModel, scenario: Scenario): HistorySeries {
  const slow = drawSlowNights(random, model, scenario.nights);
  const points: SeriesPoint[] = slow.map((isSlow, night) => {
    const stepped = scenario.stepAt !== null && night >= scenario.stepAt;
    const samples = drawNight(random, model, stepped ? 1000 * scenario.stepFactor : 1000, isSlow);
    const logStep = night === scenario.stepAt ? Math.log(scenario.stepFactor) : 0;
    const chained = scenario.chained && night > 0 ? drawChained(random, model, logStep, isSlow) : null;
    return {
      ...summarizeNight(samples),
      commit: `c${night}`,
      parent: night === 0 ? null : `c${night - 1}`,
      branch: 'main',
      date: new Date(Date.UTC(2026, 0, 1 + night, 3)).toISOString(),
      machine: 'sim',
      samples,
      chainedRatio: chained,
    };
  });
  return {
    cell: { sweep: 'batch', batchSize: 32 },
    cellId: 'batch:32',
    label: 'batch 32',
    metric: 'throughput',
    unit: 'texts/s',
    betterWhen: 'higher',
    points,
    changePoints: [],
  };
}
