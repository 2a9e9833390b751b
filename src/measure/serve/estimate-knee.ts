/**
 * The statistics of a rate sweep (pure, no I/O): each rate's latency quantiles with intervals, its error rate,
 * goodput and tokens per second, whether it is within the objective; and the knee — the rate where the
 * objective's quantile crosses the latency objective — with its interval. docs/serve-knee.md explains the method.
 *
 * Within the objective means: the quantile `plan.sloQuantile` of the successful requests ≤ latencySloMs and the
 * error rate ≤ maxErrorRate. Both are folded into one load figure, max(quantile / objective, error rate /
 * limit): ≤ 1 within, > 1 beyond (an error-rate breach counts as beyond; a rate where nothing succeeded is
 * infinitely beyond). The knee is where that figure crosses 1 between the highest rate within and the next
 * measured rate (beyond), log(load) interpolated on log(rate); when it is infinite there, the rate within.
 * Its interval: the same crossing in every bootstrap replicate (bootstrap-windows.ts), each rate's replicate
 * b taken together (the rates' windows are independent), the 2.5 % and 97.5 % quantiles of the crossings; a
 * replicate whose crossing leaves the measured range counts at that range's edge. Widened, where wider, to the
 * t interval of the rounds' own knees (round-knee-interval.ts): the drift over the run.
 */
import { computeQuantile, computeSum } from '../../ground/stats/index.js';
import { bootstrapWindows } from './bootstrap-windows.js';
import { deriveSeed } from './plan-rate-ladder.js';
import { computeLoad, findCrossing, type KneePlan } from './knee-crossing.js';
import { computeRoundKneeInterval, findRoundKnees } from './round-knee-interval.js';
import type { MeasuredWindow } from './measure-serve-window.js';
import type { Estimate, Knee, ServeRate } from './serve-profile-schema.js';

export { computeLoad, findCrossing, type Crossing, type KneePlan } from './knee-crossing.js';

export interface RateEstimateRequest {
  ratePerSecond: number;
  phase: ServeRate['phase'];
  measured: readonly MeasuredWindow[];
  plan: KneePlan;
  seed: number;
  /** Bootstrap replicates (default 500). */
  replicates?: number;
}

export interface RateEstimate {
  rate: ServeRate;
  /** Per bootstrap replicate: the objective's quantile (NaN when the replicate drew no success), error rate. */
  replicates: { sloQuantileMs: Float64Array; errorRates: Float64Array };
}

export const DEFAULT_REPLICATES = 500;
const PROBABILITIES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

/** One rate's figures over all its windows, with bootstrap intervals seeded by `seed` (and the rate). */
export function estimateRate(request: RateEstimateRequest): RateEstimate {
  const { measured, plan } = request;
  if (measured.length === 0) throw new RangeError(`rate ${request.ratePerSecond}: no windows to estimate`);
  const boot = bootstrapWindows({
    windows: measured.map((m) => ({ latenciesMs: m.latenciesMs, planned: m.window.planned })),
    probabilities: [PROBABILITIES.p50, PROBABILITIES.p95, PROBABILITIES.p99],
    replicates: request.replicates ?? DEFAULT_REPLICATES,
    seed: deriveSeed(request.seed, 'bootstrap', request.ratePerSecond),
  });
  const [p50, p95, p99] = boot.quantiles as [Float64Array, Float64Array, Float64Array];
  const latencies = measured.flatMap((m) => m.latenciesMs);
  const latencyMs =
    latencies.length === 0
      ? null
      : {
          p50: estimateQuantile(latencies, PROBABILITIES.p50, p50),
          p95: estimateQuantile(latencies, PROBABILITIES.p95, p95),
          p99: estimateQuantile(latencies, PROBABILITIES.p99, p99),
        };
  const planned = computeSum(measured.map((m) => m.window.planned));
  const errorRate = planned === 0 ? 0 : (planned - latencies.length) / planned;
  const sloValue = latencyMs === null ? Number.POSITIVE_INFINITY : latencyMs[plan.sloQuantile].value;
  const rate: ServeRate = {
    ratePerSecond: request.ratePerSecond,
    phase: request.phase,
    windows: measured.map((m) => m.window),
    latencyMs,
    errorRate,
    goodputPerSecond: computeMean(measured.map((m) => m.window.goodputPerSecond)),
    tokensPerSecond: computeTokensPerSecond(measured),
    withinSlo: computeLoad(sloValue, errorRate, plan) <= 1,
  };
  const sloQuantileMs = plan.sloQuantile === 'p95' ? p95 : p99;
  return { rate, replicates: { sloQuantileMs, errorRates: boot.errorRates } };
}

/** Type-7 quantile of the pooled latencies, with the 2.5–97.5 % range of the replicates around it. */
function estimateQuantile(
  latencies: readonly number[],
  probability: number,
  replicates: Float64Array,
): Estimate {
  const value = computeQuantile(latencies, probability);
  const [low, high] = computePercentileInterval(replicates, value);
  return { value, low, high };
}

/** The 95 % percentile interval of the finite replicates, widened to hold the point estimate. */
function computePercentileInterval(replicates: ArrayLike<number>, value: number): [number, number] {
  const finite = Array.from(replicates).filter((x) => Number.isFinite(x));
  if (finite.length === 0) return [value, value];
  return [Math.min(value, computeQuantile(finite, 0.025)), Math.max(value, computeQuantile(finite, 0.975))];
}

/** Tokens of the successes per second of each window's span (succeeded / achieved rate), averaged. */
function computeTokensPerSecond(measured: readonly MeasuredWindow[]): number | null {
  if (measured.some((m) => m.tokens === null)) return null;
  const perWindow = measured.map(({ window, tokens }) =>
    window.succeeded === 0 || window.achievedRatePerSecond === 0
      ? 0
      : ((tokens ?? 0) * window.achievedRatePerSecond) / window.succeeded,
  );
  return computeMean(perWindow);
}

const computeMean = (values: readonly number[]): number =>
  values.length === 0 ? 0 : computeSum(values) / values.length;

/** Whether the windows together keep the objective's quantile and the error rate within their limits. */
export function isWithinSlo(measured: readonly MeasuredWindow[], plan: KneePlan): boolean {
  const latencies = measured.flatMap((m) => m.latenciesMs);
  const planned = computeSum(measured.map((m) => m.window.planned));
  const errorRate = planned === 0 ? 0 : (planned - latencies.length) / planned;
  const quantile =
    latencies.length === 0 ? Number.NaN : computeQuantile(latencies, PROBABILITIES[plan.sloQuantile]);
  return computeLoad(quantile, errorRate, plan) <= 1;
}

/** The knee over the ladder's rates (all rates when there is no ladder), with its bootstrap interval. */
export function estimateKnee(estimates: readonly RateEstimate[], plan: KneePlan): Knee {
  const ladder = estimates.filter((e) => e.rate.phase === 'ladder');
  const used = (ladder.length > 0 ? ladder : [...estimates]).sort(
    (a, b) => a.rate.ratePerSecond - b.rate.ratePerSecond,
  );
  const rates = used.map((e) => e.rate.ratePerSecond);
  const lowest = rates[0];
  const highest = rates[rates.length - 1];
  if (lowest === undefined || highest === undefined) throw new RangeError('no rates to find the knee in');
  const loads = used.map((e) =>
    computeLoad(e.rate.latencyMs?.[plan.sloQuantile].value ?? Number.NaN, e.rate.errorRate, plan),
  );
  const point = findCrossing(rates, loads);
  switch (point.kind) {
    case 'below':
      return { kind: 'below-lowest', lowestRatePerSecond: lowest };
    case 'above':
      return { kind: 'above-highest', highestRatePerSecond: highest };
    case 'found': {
      const crossings = replicateCrossings(used, plan, lowest, highest);
      const [windowLow, windowHigh] = computePercentileInterval(crossings, point.rate);
      const rounds = computeRoundKneeInterval(
        findRoundKnees(
          used.map((e) => e.rate),
          plan,
        ),
      );
      // the wider of the window bootstrap's and the rounds' interval at each end (round-knee-interval.ts), within
      // the rates measured, as the bootstrap's crossings are
      const low = Math.max(lowest, Math.min(windowLow, rounds?.low ?? windowLow));
      const high = Math.min(highest, Math.max(windowHigh, rounds?.high ?? windowHigh));
      const bracket = { within: point.within, beyond: point.beyond };
      return { kind: 'found', ratePerSecond: point.rate, low, high, bracket };
    }
    default: {
      const unknown: never = point;
      throw new RangeError(`unknown crossing ${JSON.stringify(unknown)}`);
    }
  }
}

/** Each replicate's crossing; one that leaves the measured range counts at its edge. */
function replicateCrossings(used: readonly RateEstimate[], plan: KneePlan, lowest: number, highest: number) {
  const rates = used.map((e) => e.rate.ratePerSecond);
  const count = Math.min(...used.map((e) => e.replicates.errorRates.length));
  return Array.from({ length: count }, (_, b) => {
    const loads = used.map((e) =>
      computeLoad(e.replicates.sloQuantileMs[b] as number, e.replicates.errorRates[b] as number, plan),
    );
    const crossing = findCrossing(rates, loads);
    return crossing.kind === 'found' ? crossing.rate : crossing.kind === 'below' ? lowest : highest;
  });
}

/** The p95 at the reference rate, when a ladder rate is it. */
export function findReference(estimates: readonly RateEstimate[], referenceRate: number | null) {
  if (referenceRate === null) return null;
  const match = estimates.find((e) => e.rate.phase === 'ladder' && e.rate.ratePerSecond === referenceRate);
  const p95 = match?.rate.latencyMs?.p95;
  return p95 === undefined ? null : { ratePerSecond: referenceRate, p95Ms: p95 };
}
