/**
 * One measurement window: one rate, one round, against one server. It plans the window's open-loop schedule,
 * sends it (send-schedule.ts) and returns the window's figures (summarize-window.ts) as serve-profile.json's
 * ServeWindow, with the successful requests' latencies (for the rate's bootstrap) and their tokens.
 *
 * The schedule's seed is derived from the plan's seed, the texts per request, the rate and the round only: a
 * base and a head server measured at the same (rate, round) get the same requests at the same offsets, so the
 * serve duet can measure them alternately, window by window, and compare them request by request.
 */
import type { Pool } from 'undici';
import { planArrivals } from './plan-arrivals.js';
import { deriveSeed } from './plan-rate-ladder.js';
import type { PreparedApi } from './serve-api.js';
import type { ServePlan, ServeWindow } from './serve-profile-schema.js';
import type { PlannedRequest, RequestRecord, ScheduleRequest } from './serve-types.js';
import { DEFAULT_WAIT_PRECISION, waitUntil } from './wait-until.js';
import { sendSchedule } from './send-schedule.js';
import { summarizeWindow } from './summarize-window.js';

export interface ServeWindowRequest {
  /** The server's base URL (scheme, host, port, optional path prefix). */
  baseUrl: string;
  api: PreparedApi;
  corpus: readonly string[];
  plan: ServePlan;
  textsPerRequest: number;
  ratePerSecond: number;
  /** 0-based round of the sweep (part of the schedule's seed). */
  round: number;
  /** performance.now() at the start of the run: the window's startedAtMs counts from it. */
  runStartMs: number;
  /** A pool from createServePool (plan.maxInFlight connections) kept across windows; else one per window. */
  pool?: Pool;
  /** Tokens of one text (e.g. the model's tokenizer); without it the window's tokens are null. */
  countTokens?: (text: string) => number;
}

export interface MeasuredWindow {
  window: ServeWindow;
  /** Latencies (ms from due time) of the requests that succeeded, in due order. */
  latenciesMs: number[];
  /** Tokens of the texts of the requests that succeeded; null without countTokens. */
  tokens: number | null;
}

/** Plans, sends and summarizes one window. Network errors are counted in the window, never thrown. */
export async function measureServeWindow(request: ServeWindowRequest): Promise<MeasuredWindow> {
  const schedule = buildWindowSchedule(
    request.plan,
    request.textsPerRequest,
    request.ratePerSecond,
    request.round,
  );
  const planned = planArrivals(schedule, request.corpus.length);
  const windowStart = performance.now();
  const startedAtMs = Math.max(0, windowStart - request.runStartMs);
  const result = await sendSchedule({
    baseUrl: request.baseUrl,
    api: request.api,
    corpus: request.corpus,
    schedule,
    plan: planned,
    maxInFlight: request.plan.maxInFlight,
    timeoutMs: request.plan.requestTimeoutMs,
    ...(request.pool === undefined ? {} : { pool: request.pool }),
  });
  // a window lasts its whole length even when its last request ended sooner: the next one starts after it
  await waitUntil(windowStart + request.plan.windowSeconds * 1000, DEFAULT_WAIT_PRECISION);
  const summary = summarizeWindow(result, { latencySloMs: request.plan.latencySloMs });
  const window: ServeWindow = {
    round: request.round,
    startedAtMs,
    planned: summary.planned,
    sent: summary.sent,
    succeeded: summary.succeeded,
    errors: summary.errors,
    errorRate: summary.errorRate,
    achievedRatePerSecond: summary.achievedRatePerSecond,
    goodputPerSecond: summary.goodputPerSecond,
    latencyMs: summary.latencyMs,
    schedulingErrorMs: summary.schedulingErrorMs,
    cappedRequests: summary.cappedRequests,
    serverTimingMs: summary.serverTimingMs,
    latenciesMs: summary.latenciesMs,
  };
  const succeeded = result.records.flatMap((record, i) => (record.error === null ? [i] : []));
  return {
    window,
    latenciesMs: succeeded.map((i) => (result.records[i] as RequestRecord).latencyMs),
    tokens: countWindowTokens(request, planned, succeeded),
  };
}

/** The window's schedule: the plan's arrivals and window length, and a seed of (seed, texts, rate, round). */
export function buildWindowSchedule(
  plan: ServePlan,
  textsPerRequest: number,
  ratePerSecond: number,
  round: number,
): ScheduleRequest {
  return {
    ratePerSecond,
    durationSeconds: plan.windowSeconds,
    arrivals: { kind: plan.arrivals },
    seed: deriveSeed(plan.seed, textsPerRequest, ratePerSecond, round),
    textsPerRequest,
  };
}

/** Token counts per text, kept per counter so that the texts of many windows are counted once. */
const tokenCaches = new WeakMap<(text: string) => number, Map<string, number>>();

function countWindowTokens(
  request: ServeWindowRequest,
  planned: readonly PlannedRequest[],
  succeeded: readonly number[],
): number | null {
  const count = request.countTokens;
  if (count === undefined) return null;
  const cache = tokenCaches.get(count) ?? new Map<string, number>();
  tokenCaches.set(count, cache);
  let tokens = 0;
  for (const i of succeeded) {
    for (const index of (planned[i] as PlannedRequest).textIndices) {
      const text = request.corpus[index] ?? '';
      let n = cache.get(text);
      if (n === undefined) {
        n = count(text);
        cache.set(text, n);
      }
      tokens += Number.isFinite(n) && n > 0 ? n : 0;
    }
  }
  return tokens;
}
