/** Measured windows built from latency arrays, for the pure estimators' tests (no server, no clock). */
import type { MeasuredWindow } from '../../../src/measure/serve/measure-serve-window.js';
import type { ServePlan } from '../../../src/measure/serve/serve-profile-schema.js';
import { createRandom } from '../../../src/ground/random/index.js';

export interface SyntheticWindow {
  /** Planned requests; the ones beyond the latencies failed (as http-5xx). Default: the latencies' count. */
  planned?: number;
  tokens?: number | null;
  goodputPerSecond?: number;
  /** Successful answers per second (default: the latencies' count, a one-second window). */
  achievedRatePerSecond?: number;
  /** The ladder round it belongs to (default 0). */
  round?: number;
}

export function makeWindow(latenciesMs: number[], options: SyntheticWindow = {}): MeasuredWindow {
  const planned = options.planned ?? latenciesMs.length;
  const failed = planned - latenciesMs.length;
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return {
    window: {
      round: options.round ?? 0,
      startedAtMs: 0,
      planned,
      sent: planned,
      succeeded: latenciesMs.length,
      errors: { timeout: 0, 'http-4xx': 0, 'http-5xx': failed, connection: 0, malformed: 0, 'not-sent': 0 },
      errorRate: planned === 0 ? 0 : failed / planned,
      achievedRatePerSecond: options.achievedRatePerSecond ?? latenciesMs.length,
      goodputPerSecond: options.goodputPerSecond ?? latenciesMs.length,
      latencyMs: sorted.length === 0 ? null : { p50: at(0.5), p95: at(0.95), p99: at(0.99) },
      schedulingErrorMs: null,
      cappedRequests: 0,
      serverTimingMs: null,
    },
    latenciesMs,
    tokens: options.tokens === undefined ? null : options.tokens,
  };
}

/** `count` latencies, exponential with the given mean above a floor, from a seeded generator. */
export function drawLatencies(seed: number, count: number, floorMs: number, meanMs: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => floorMs - meanMs * Math.log(1 - random.nextFloat()));
}

export const PLAN: ServePlan = {
  arrivals: 'poisson',
  seed: 1,
  windowSeconds: 1,
  rounds: 3,
  latencySloMs: 20,
  sloQuantile: 'p95',
  maxErrorRate: 0.01,
  maxInFlight: 64,
  requestTimeoutMs: 2000,
  rates: 'auto',
  referenceRatePerSecond: null,
};
