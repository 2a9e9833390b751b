/**
 * Serve profiles for the report tests, built from a deterministic latency model and parsed by
 * serveProfileSchema: p95 = 20 ms / (1 − rate / capacity), p50 half and p99 twice that, intervals −8 % / +10 %,
 * errors past the capacity's 85 %. A rate beyond the capacity answers nothing (latency null, every request an
 * error). Whether a rate is within the objective, and the knee, follow from those numbers.
 */
import type {
  Knee,
  ServeProfile,
  ServeRate,
  ServeSweep,
  ServeWindow,
} from '../../../src/measure/serve/serve-profile-schema.js';
import { serveProfileSchema } from '../../../src/measure/serve/serve-profile-schema.js';
import { TEST_ENVIRONMENT } from '../../decide/compare/test-profile.js';

export const FIXTURE_SLO_MS = 100;
const MAX_ERROR_RATE = 0.01;
const WINDOW_SECONDS = 10;

export interface SweepSpec {
  textsPerRequest: number;
  /** Requests per second at which latency grows without bound. */
  capacity: number;
  rates: number[];
  knee: Knee;
}

export interface FixtureOptions {
  sweeps: SweepSpec[];
  serverMemory?: boolean;
  serverTiming?: boolean;
  target?: 'url' | 'command';
  warnings?: string[];
  referenceRate?: number | null;
  /** Rounds at every rate (all ladder rates); absent: 3 rounds and 1-round probes alternately. */
  rounds?: number;
}

const round3 = (value: number) => Number(value.toPrecision(6));
const estimate = (value: number) => ({
  value: round3(value),
  low: round3(value * 0.92),
  high: round3(value * 1.1),
});

function modelP95(rate: number, capacity: number): number | null {
  return rate >= capacity ? null : 20 / (1 - rate / capacity);
}

function modelErrorRate(rate: number, capacity: number): number {
  if (rate >= capacity) return 1;
  return rate > capacity * 0.85 ? 0.02 : 0;
}

function buildWindow(rate: number, spec: SweepSpec, round: number, options: FixtureOptions): ServeWindow {
  const planned = rate * WINDOW_SECONDS;
  const errorRate = modelErrorRate(rate, spec.capacity);
  const failed = Math.round(planned * errorRate);
  const p95 = modelP95(rate, spec.capacity);
  const achieved = round3(rate * (0.99 + 0.004 * round));
  return {
    round,
    startedAtMs: round * 12_000,
    planned,
    sent: planned,
    succeeded: planned - failed,
    errors: {
      timeout: errorRate === 1 ? failed - 2 : 0,
      'http-4xx': 0,
      'http-5xx': errorRate === 1 ? 0 : failed,
      connection: errorRate === 1 ? 2 : 0,
      malformed: 0,
      'not-sent': 0,
    },
    errorRate,
    achievedRatePerSecond: achieved,
    goodputPerSecond: round3(achieved * (1 - errorRate)),
    latencyMs: p95 === null ? null : { p50: round3(p95 / 2), p95: round3(p95), p99: round3(p95 * 2) },
    schedulingErrorMs: { p50: 0.05, p99: 0.4 },
    cappedRequests: errorRate === 1 ? 40 + round : 0,
    serverTimingMs:
      options.serverTiming === true && p95 !== null
        ? { queue: round3(p95 / 4), tokenization: 1.5, inference: 8 + round, compute: round3(9.5 + round) }
        : null,
  };
}

function buildRate(rate: number, spec: SweepSpec, index: number, options: FixtureOptions): ServeRate {
  const rounds = options.rounds ?? (index % 2 === 0 ? 3 : 1);
  const windows = Array.from({ length: rounds }, (_, round) => buildWindow(rate, spec, round, options));
  const p95 = modelP95(rate, spec.capacity);
  const errorRate = modelErrorRate(rate, spec.capacity);
  return {
    ratePerSecond: rate,
    phase: options.rounds === undefined && rounds === 1 ? 'probe' : 'ladder',
    windows,
    latencyMs: p95 === null ? null : { p50: estimate(p95 / 2), p95: estimate(p95), p99: estimate(p95 * 2) },
    errorRate,
    goodputPerSecond: round3(rate * (1 - errorRate)),
    tokensPerSecond: p95 === null ? null : round3(rate * spec.textsPerRequest * (1 - errorRate) * 24),
    withinSlo: p95 !== null && p95 <= FIXTURE_SLO_MS && errorRate <= MAX_ERROR_RATE,
  };
}

function buildSweep(spec: SweepSpec, options: FixtureOptions): ServeSweep {
  const reference = options.referenceRate ?? null;
  const p95 = reference === null ? null : modelP95(reference, spec.capacity);
  return {
    textsPerRequest: spec.textsPerRequest,
    rates: spec.rates.map((rate, index) => buildRate(rate, spec, index, options)),
    knee: spec.knee,
    reference: reference === null || p95 === null ? null : { ratePerSecond: reference, p95Ms: estimate(p95) },
  };
}

function buildTarget(options: FixtureOptions): ServeProfile['target'] {
  if (options.target === 'command')
    return {
      kind: 'command',
      command: 'node reference-server.js --port 0',
      readyMs: 812.4,
      firstEmbeddingMs: 1240.7,
    };
  return { kind: 'url', url: 'http://127.0.0.1:8080' };
}

export function buildServeFixture(options: FixtureOptions): ServeProfile {
  const samples = [0, 1000, 2000, 3000].map((atMs, index) => ({ atMs, rssMB: 180 + index * 12.5 }));
  return serveProfileSchema.parse({
    schemaVersion: 1,
    tool: { name: 'embedprof', version: '0.9.0' },
    createdAt: '2026-12-07T01:00:00.000Z',
    wallSeconds: 184.2,
    environment: TEST_ENVIRONMENT,
    commit: 'abc1234',
    settings: [{ key: 'latency-slo-ms', value: String(FIXTURE_SLO_MS), source: 'cli' }],
    target: buildTarget(options),
    api: { kind: 'openai', path: '/v1/embeddings', model: 'all-MiniLM-L6-v2' },
    corpus: { source: 'builtin', format: 'builtin', texts: 100, sha256: 'def', meanChars: 80 },
    plan: {
      arrivals: 'poisson',
      seed: 7,
      windowSeconds: WINDOW_SECONDS,
      rounds: options.rounds ?? 3,
      latencySloMs: FIXTURE_SLO_MS,
      sloQuantile: 'p95',
      maxErrorRate: MAX_ERROR_RATE,
      maxInFlight: 256,
      requestTimeoutMs: 5000,
      rates: 'auto',
      referenceRatePerSecond: options.referenceRate ?? null,
    },
    sweeps: options.sweeps.map((spec) => buildSweep(spec, options)),
    serverMemory: options.serverMemory === true ? { peakMB: 217.5, samples } : null,
    warnings: options.warnings ?? [],
  });
}
