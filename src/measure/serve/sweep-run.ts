/**
 * The state of one rate sweep while it runs and the steps its phases share: measuring one window (then the
 * drain pause), asking the caller whether to stop, checking the wall-time budget, and the progress lines.
 */
import type { Pool } from 'undici';
import type { PreparedApi } from './serve-api.js';
import type { ServePlan, ServeWindow } from './serve-profile-schema.js';
import { measureServeWindow, type MeasuredWindow } from './measure-serve-window.js';
import type { ProbeLimits } from './plan-rate-ladder.js';
import { sleep } from './serve-probe.js';

export interface RateSweepRequest {
  baseUrl: string;
  api: PreparedApi;
  corpus: readonly string[];
  plan: ServePlan;
  textsPerRequest: number;
  /** Tokens of one text, for tokens per second (null figures without it). */
  countTokens?: (text: string) => number;
  /** Wall-time budget of the sweep in seconds (at least one ladder round runs); none by default. */
  budgetSeconds?: number | null;
  /** Rates on the ladder after an automatic probe (default 5). */
  ladderSize?: number;
  probeLimits?: ProbeLimits;
  /** Sequential requests before the first window (default 5). */
  warmupRequests?: number;
  /** Pause after each window (default 250 ms). */
  drainMs?: number;
  /** Bootstrap replicates per rate (default 500). */
  replicates?: number;
  /** One line per window: `[3/15] 210 req/s, round 2 (14s)`. */
  onProgress?: (line: string) => void;
  /** A sentence for the run's warnings (rounds cut by the budget, the concurrency cap reached). */
  onWarning?: (text: string) => void;
  /** A pool from createServePool (plan.maxInFlight connections); by default one for the sweep. */
  pool?: Pool;
  /**
   * Asked before every window after the first (e.g. whether a started server is still alive): true ends the
   * sweep with the windows measured so far (at least one).
   */
  shouldStop?: () => boolean;
}

export interface SweepRun {
  request: RateSweepRequest;
  pool: Pool;
  runStartMs: number;
  /** Wall time of each window including its drain pause (ms). */
  windowWallMs: number[];
  /** Set once shouldStop said so: no window starts after it. */
  stopped: boolean;
}

/** Measures one window, then pauses for the drain; records the wall time of both. */
export async function measureWindow(
  run: SweepRun,
  ratePerSecond: number,
  round: number,
): Promise<MeasuredWindow> {
  const startedAt = performance.now();
  const { request } = run;
  const measured = await measureServeWindow({
    baseUrl: request.baseUrl,
    api: request.api,
    corpus: request.corpus,
    plan: request.plan,
    textsPerRequest: request.textsPerRequest,
    ratePerSecond,
    round,
    runStartMs: run.runStartMs,
    pool: run.pool,
    ...(request.countTokens === undefined ? {} : { countTokens: request.countTokens }),
  });
  await sleep(request.drainMs ?? 250);
  run.windowWallMs.push(performance.now() - startedAt);
  return measured;
}

/** Whether the caller asked to stop (asked only once a window was measured; once true, it stays true). */
export function checkStop(run: SweepRun): boolean {
  if (!run.stopped && run.windowWallMs.length > 0) run.stopped = run.request.shouldStop?.() ?? false;
  return run.stopped;
}

/** Whether `windows` more windows, each as long as the average so far, end within the budget. */
export function fitsBudget(run: SweepRun, windows: number): boolean {
  const budget = run.request.budgetSeconds;
  if (budget === null || budget === undefined) return true;
  const average = run.windowWallMs.reduce((sum, ms) => sum + ms, 0) / Math.max(1, run.windowWallMs.length);
  return performance.now() - run.runStartMs + windows * average <= budget * 1000;
}

export function describeWindow(window: ServeWindow | undefined, plan: ServePlan): string {
  const quantile = window?.latencyMs?.[plan.sloQuantile];
  const latency = quantile === undefined ? 'no success' : `${plan.sloQuantile} ${quantile.toFixed(1)} ms`;
  return `${latency}, ${((window?.errorRate ?? 0) * 100).toFixed(1)} % errors`;
}

export const elapsedSeconds = (run: SweepRun): number =>
  Math.round((performance.now() - run.runStartMs) / 1000);
export const report = (run: SweepRun, line: string): void => run.request.onProgress?.(line);
export const warn = (run: SweepRun, text: string): void => run.request.onWarning?.(text);
