/**
 * Hand-built serve sweeps for the serve comparison's tests: an M/D/1-like server (service time `serviceMs`,
 * p95 = s · (1 + 1.5 ρ / (1 − ρ)), ρ = rate · s; at ρ ≥ 0.98 ten times the objective and 20 % errors), every
 * window's p95 optionally scaled by a function of (rate, round). With `raw`, every window keeps its successful
 * requests' latencies, evenly spread from p95 / 2 so that their p95 is near the window's
 * p95 (`spreadLatencies`). Deterministic: no randomness.
 */
import type { ServeSweep, ServeWindow } from '../../../src/measure/serve/serve-profile-schema.js';

export const SLO_MS = 100;
export const RATES = [40, 50, 62.5, 78, 97.5, 122];
export const REFERENCE = 50;

export interface SweepSpec {
  serviceMs: number;
  rounds?: number;
  rates?: readonly number[];
  reference?: number | null;
  textsPerRequest?: number;
  /** Multiplies the window's latencies at (rate, round); default 1. */
  scale?: (rate: number, round: number) => number;
  /** Keep each window's request latencies (serve-profile.json's `latenciesMs`); default false. */
  raw?: boolean;
}

/**
 * n latencies p95 · (0.5 + 0.5 · t / 0.95) at t = (j + 0.5) / n: evenly spread from about half the p95,
 * their type-7 p95 within one spacing (p95 · 0.53 / n) of `p95`.
 */
export function spreadLatencies(n: number, p95: number): number[] {
  return Array.from({ length: n }, (_, j) => p95 * (0.5 + (0.5 * ((j + 0.5) / n)) / 0.95));
}

export function computeP95(rate: number, serviceMs: number): { p95: number; errorRate: number } {
  const rho = (rate * serviceMs) / 1000;
  if (rho >= 0.98) return { p95: 10 * SLO_MS, errorRate: 0.2 };
  return { p95: serviceMs * (1 + (1.5 * rho) / (1 - rho)), errorRate: 0 };
}

function buildWindow(rate: number, round: number, spec: SweepSpec): ServeWindow {
  const { p95: curve, errorRate } = computeP95(rate, spec.serviceMs);
  const p95 = curve * (spec.scale?.(rate, round) ?? 1);
  const planned = Math.round(rate * 5);
  const succeeded = Math.round(planned * (1 - errorRate));
  return {
    round,
    startedAtMs: round * 60_000,
    planned,
    sent: planned,
    succeeded,
    errors: {
      timeout: planned - succeeded,
      'http-4xx': 0,
      'http-5xx': 0,
      connection: 0,
      malformed: 0,
      'not-sent': 0,
    },
    errorRate,
    achievedRatePerSecond: rate,
    goodputPerSecond: succeeded / 5,
    latencyMs: { p50: p95 / 2, p95, p99: p95 * 1.3 },
    schedulingErrorMs: { p50: 0.1, p99: 0.5 },
    cappedRequests: 0,
    serverTimingMs: null,
    ...(spec.raw === true ? { latenciesMs: spreadLatencies(succeeded, p95) } : {}),
  };
}

/** A sweep of ladder rates, `rounds` windows each; its knee and reference are indicative (not compared). */
export function buildSweep(spec: SweepSpec): ServeSweep {
  const rates = spec.rates ?? RATES;
  const rounds = spec.rounds ?? 5;
  const reference = spec.reference === undefined ? REFERENCE : spec.reference;
  const serveRates = rates.map((rate) => {
    const windows = Array.from({ length: rounds }, (_, round) => buildWindow(rate, round, spec));
    const p95 = windows[0]?.latencyMs?.p95 ?? 0;
    return {
      ratePerSecond: rate,
      phase: 'ladder' as const,
      windows,
      latencyMs: {
        p50: { value: p95 / 2, low: p95 / 2, high: p95 / 2 },
        p95: { value: p95, low: p95 * 0.9, high: p95 * 1.1 },
        p99: { value: p95 * 1.3, low: p95 * 1.2, high: p95 * 1.4 },
      },
      errorRate: windows[0]?.errorRate ?? 0,
      goodputPerSecond: rate,
      tokensPerSecond: null,
      withinSlo: p95 <= SLO_MS,
    };
  });
  const knee = 0.857 / (spec.serviceMs / 1000);
  const referenceRate = serveRates.find((rate) => rate.ratePerSecond === reference);
  return {
    textsPerRequest: spec.textsPerRequest ?? 8,
    rates: serveRates,
    knee: {
      kind: 'found',
      ratePerSecond: knee,
      low: knee * 0.95,
      high: knee * 1.05,
      bracket: { within: 78, beyond: 97.5 },
    },
    reference:
      reference === null || referenceRate === undefined
        ? null
        : { ratePerSecond: reference, p95Ms: referenceRate.latencyMs.p95 },
  };
}

/** Per-round machine regimes (shared by both sides of a pair): 1.0, 1.3, 1.1, 1.45, 1.2, … */
export function shareRegime(round: number): number {
  return [1, 1.3, 1.1, 1.45, 1.2][round % 5] ?? 1;
}

/** The objective, and the 10 % p95 threshold these hand-built cases were computed for (the default is 0.3). */
export const OPTIONS = { latencySloMs: SLO_MS, sloQuantile: 'p95' as const, maxP95Growth: 0.1 };
