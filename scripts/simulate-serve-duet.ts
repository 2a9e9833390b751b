/**
 * A simulated serve duet for validate-serve-compare.ts: two servers measured in alternating windows at the
 * same rates and rounds, as a duet measures them. Deterministic for a seed.
 *
 * - The server: M/D/1-like. With service time s (ms) and ρ = rate · s, a window's quantile q is
 *   s · (1 + k_q · ρ / (1 − ρ)) (k = 0.35, 1.5 for p50, p95); at ρ ≥ 0.98 the queue grows without
 *   bound: ten times the objective and 30 % errors (timeouts).
 * - The machine: a speed regime multiplies s by a level drawn uniformly in [1.0, 1.45] that holds for an
 *   exponential time (mean `regimeSeconds`) over the run's sequence of windows. By default both windows of a
 *   pair see the level of the pair's first window (the brief's model); with `splitPairs` a switch can fall
 *   between them.
 * - Window noise: the window's level is multiplied by exp(σ_shared · Z_pair + σ_own · Z_window): the shared
 *   part is the seeded arrival schedule both sides replay, the own part the server's own jitter.
 * - Requests: each successful request's latency is lognormal around the window's p50 (times its noise) with
 *   σ = ln(p95 / p50) / 1.645, so the model's p95 is the distribution's; the window's quantiles are those of
 *   its requests (a window's p95 carries the sampling noise of its few requests above it, as measured ones
 *   do). With `rawLatencies` the window keeps them (`latenciesMs`), as serve-profile.json now does; without,
 *   the comparison falls back to its per-round method.
 * - The plan: a probe-like bracket [w, 2w] around the base's knee (w placed at random below it), widened by a
 *   quarter of its log-width each side, 5 geometric ladder rates, plus the reference rate (half of w) measured
 *   in every round; in each round the rates in a shuffled order, each pair base-head or head-base (ABBA).
 */
import { createRandom, shuffleCopy } from '../src/ground/random/index.js';
import type { Random } from '../src/ground/random/index.js';
import { computeQuantile } from '../src/ground/stats/index.js';
import type { ServeRate, ServeSweep, ServeWindow } from '../src/measure/serve/serve-profile-schema.js';

export interface DuetModel {
  serviceMs: number;
  /** Per-request slowdown of the head (0.15 = 15 % slower). */
  headSlowdown: number;
  rounds: number;
  windowSeconds: number;
  latencySloMs: number;
  sigmaShared: number;
  sigmaOwn: number;
  regimeSeconds: number;
  splitPairs: boolean;
  /** Keep each window's request latencies (the pooled p95 method); false: quantiles only (the fallback). */
  rawLatencies: boolean;
}

const K = { p50: 0.35, p95: 1.5 };
const ERRORS = { timeout: 0, 'http-4xx': 0, 'http-5xx': 0, connection: 0, malformed: 0, 'not-sent': 0 };

function computeQuantiles(rate: number, serviceMs: number, sloMs: number) {
  const rho = (rate * serviceMs) / 1000;
  if (rho >= 0.98) return { p50: 5 * sloMs, p95: 10 * sloMs, errorRate: 0.3 };
  const at = (k: number) => serviceMs * (1 + (k * rho) / (1 - rho));
  return { p50: at(K.p50), p95: at(K.p95), errorRate: 0 };
}

/** The machine's speed regime over the run: a level per window index, switching at exponential times. */
function createRegimes(random: Random, model: DuetModel) {
  let level = 1 + 0.45 * random.nextFloat();
  let left = -Math.log(1 - random.nextFloat()) * model.regimeSeconds;
  return () => {
    left -= model.windowSeconds;
    while (left <= 0) {
      level = 1 + 0.45 * random.nextFloat();
      left += -Math.log(1 - random.nextFloat()) * model.regimeSeconds;
    }
    return level;
  };
}

/** The successful requests' latencies: lognormal with the model's p50 (times the window's noise) and p95. */
function drawLatencies(random: Random, count: number, p50: number, p95: number): number[] {
  const sigma = Math.log(p95 / p50) / 1.645;
  return Array.from({ length: count }, () => p50 * Math.exp(sigma * random.nextNormal()));
}

function buildWindow(
  window: { round: number; rate: number; serviceMs: number; noise: number },
  random: Random,
  model: DuetModel,
): ServeWindow {
  const { round, rate } = window;
  const q = computeQuantiles(rate, window.serviceMs, model.latencySloMs);
  const planned = Math.max(1, Math.round(rate * model.windowSeconds));
  const succeeded = Math.round(planned * (1 - q.errorRate));
  const latencies = drawLatencies(random, succeeded, q.p50 * window.noise, q.p95 * window.noise);
  const quantile = (p: number) => computeQuantile(latencies, p);
  return {
    round,
    startedAtMs: 0,
    planned,
    sent: planned,
    succeeded,
    errors: { ...ERRORS, timeout: planned - succeeded },
    errorRate: q.errorRate,
    achievedRatePerSecond: rate,
    goodputPerSecond: succeeded / model.windowSeconds,
    latencyMs: succeeded === 0 ? null : { p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99) },
    schedulingErrorMs: null,
    cappedRequests: 0,
    serverTimingMs: null,
    ...(model.rawLatencies ? { latenciesMs: latencies } : {}),
  };
}

function planRates(random: Random, model: DuetModel): { ladder: number[]; reference: number } {
  const rhoAtSlo = (sloOverS: number) => (sloOverS - 1) / (sloOverS - 1 + K.p95);
  const meanService = model.serviceMs * 1.225;
  const knee = (rhoAtSlo(model.latencySloMs / meanService) * 1000) / meanService;
  const within = knee * 2 ** -random.nextFloat();
  const low = Math.log(within) - Math.log(2) / 4;
  const high = Math.log(within * 2) + Math.log(2) / 4;
  const ladder = Array.from(
    { length: 5 },
    (_, i) => Math.round(Math.exp(low + ((high - low) * i) / 4) * 10) / 10,
  );
  return { ladder, reference: Math.round(within / 2) };
}

function toSweep(rates: number[], windows: Map<number, ServeWindow[]>, reference: number): ServeSweep {
  const serveRates: ServeRate[] = rates.map((ratePerSecond) => ({
    ratePerSecond,
    phase: 'ladder',
    windows: windows.get(ratePerSecond) ?? [],
    latencyMs: null,
    errorRate: 0,
    goodputPerSecond: 0,
    tokensPerSecond: null,
    withinSlo: true,
  }));
  const p95 = { value: 1, low: 1, high: 1 };
  return {
    textsPerRequest: 8,
    rates: serveRates,
    knee: { kind: 'above-highest', highestRatePerSecond: rates[rates.length - 1] ?? 1 },
    reference: { ratePerSecond: reference, p95Ms: p95 },
  };
}

/** One simulated duet: the base's and the head's sweeps. Their pooled figures are placeholders (not compared). */
export function simulateServeDuet(model: DuetModel, seed: number): { base: ServeSweep; head: ServeSweep } {
  const random = createRandom(seed);
  const { ladder, reference } = planRates(random, model);
  const rates = [...new Set([reference, ...ladder])].sort((a, b) => a - b);
  const nextRegime = createRegimes(random, model);
  const sides = { base: new Map<number, ServeWindow[]>(), head: new Map<number, ServeWindow[]>() };
  let headFirst = false;
  for (let round = 0; round < model.rounds; round += 1) {
    for (const rate of shuffleCopy(rates, (bound) => random.nextInt(bound))) {
      const shared = model.sigmaShared * random.nextNormal();
      const first = nextRegime();
      const next = nextRegime();
      const second = model.splitPairs ? next : first;
      const order = headFirst ? (['head', 'base'] as const) : (['base', 'head'] as const);
      headFirst = !headFirst;
      order.forEach((side, i) => {
        const slowdown = side === 'head' ? 1 + model.headSlowdown : 1;
        const noise = Math.exp(shared + model.sigmaOwn * random.nextNormal());
        const service = model.serviceMs * slowdown * (i === 0 ? first : second);
        const list = sides[side].get(rate) ?? [];
        list.push(buildWindow({ round, rate, serviceMs: service, noise }, random, model));
        sides[side].set(rate, list);
      });
    }
  }
  return { base: toSweep(rates, sides.base, reference), head: toSweep(rates, sides.head, reference) };
}
