/**
 * The state of one rate sweep while it runs and the steps its phases share: measuring one window on one side
 * (then the drain pause), measuring a (rate, round) on every side as one step, asking the caller whether to
 * stop, checking the wall-time budget, and the progress lines.
 *
 * A sweep measures one server (one side, unnamed) or a duet's two (base and head): the phases are the same,
 * each step then measures the same (rate, round) on both sides back to back, the side that goes first
 * alternating from step to step (base–head, head–base, …: ABBA) so that neither side always runs second.
 */
import type { Pool } from 'undici';
import type { PreparedApi } from './serve-api.js';
import type { ServePlan, ServeWindow } from './serve-profile-schema.js';
import { measureServeWindow, type MeasuredWindow } from './measure-serve-window.js';
import type { ProbeLimits } from './plan-rate-ladder.js';
import { sleep } from './serve-probe.js';

/** What a sweep measures with, whichever server(s) it measures. */
export interface SweepSettings {
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
  /** One line per window: `[3/15] 210 req/s, round 2 (14s)` (a duet names the side: `round 2, head (14s)`). */
  onProgress?: (line: string) => void;
  /** A sentence for the run's warnings (rounds cut by the budget, the concurrency cap reached). */
  onWarning?: (text: string) => void;
}

export interface RateSweepRequest extends SweepSettings {
  baseUrl: string;
  /** A pool from createServePool (plan.maxInFlight connections); by default one for the sweep. */
  pool?: Pool;
  /**
   * Asked before every window after the first (e.g. whether a started server is still alive): true ends the
   * sweep with the windows measured so far (at least one).
   */
  shouldStop?: () => boolean;
}

/** One server of a sweep: its name in progress lines (null for a sweep of one), where and how to reach it. */
export interface SweepSide {
  name: string | null;
  baseUrl: string;
  pool: Pool;
  /** Whether to stop (this server found dead); asked as RateSweepRequest.shouldStop. */
  shouldStop?: () => boolean;
  /** Warnings about this side only (its knee, its curve); else the sweep's onWarning. */
  onWarning?: (text: string) => void;
}

export interface SweepRun {
  request: SweepSettings;
  sides: SweepSide[];
  runStartMs: number;
  /** Wall time of each window including its drain pause (ms). */
  windowWallMs: number[];
  /**
   * Per rate: its index among the rates in the order first measured, and the steps measured at it so far.
   * Their sum's parity decides which side goes first there (takeTurn).
   */
  turns: Map<number, { offset: number; count: number }>;
  /** Set once a side's shouldStop said so: no window starts after it. */
  stopped: boolean;
}

export function createSweepRun(request: SweepSettings, sides: SweepSide[]): SweepRun {
  const turns = new Map<number, { offset: number; count: number }>();
  return { request, sides, runStartMs: performance.now(), windowWallMs: [], turns, stopped: false };
}

/** Measures one window on `side`, then pauses for the drain; records the wall time of both. */
export async function measureWindow(
  run: SweepRun,
  side: SweepSide,
  ratePerSecond: number,
  round: number,
): Promise<MeasuredWindow> {
  const startedAt = performance.now();
  const { request } = run;
  const measured = await measureServeWindow({
    baseUrl: side.baseUrl,
    api: request.api,
    corpus: request.corpus,
    plan: request.plan,
    textsPerRequest: request.textsPerRequest,
    ratePerSecond,
    round,
    runStartMs: run.runStartMs,
    pool: side.pool,
    ...(request.countTokens === undefined ? {} : { countTokens: request.countTokens }),
  });
  await sleep(request.drainMs ?? 250);
  run.windowWallMs.push(performance.now() - startedAt);
  return measured;
}

/**
 * The (rate, round) measured on every side back to back, the first side alternating (takeTurn); one
 * progress line a window (`label` is its `[3/30]` counter, given the window's index within the step). The
 * step's windows, by side (in `run.sides` order). A step once started is measured whole, so the sides pair.
 */
export async function measureStep(
  run: SweepRun,
  ratePerSecond: number,
  round: number,
  label: (index: number) => string,
): Promise<MeasuredWindow[]> {
  const order = orderSides(run.sides.length, takeTurn(run, ratePerSecond));
  const measured: MeasuredWindow[] = new Array<MeasuredWindow>(run.sides.length);
  for (const [index, sideIndex] of order.entries()) {
    const side = run.sides[sideIndex] as SweepSide;
    const name = side.name === null ? '' : `, ${side.name}`;
    report(
      run,
      `${label(index)} ${ratePerSecond} req/s, round ${round + 1}${name} (${elapsedSeconds(run)}s)`,
    );
    measured[sideIndex] = await measureWindow(run, side, ratePerSecond, round);
  }
  return measured;
}

/**
 * The turn of the next step at `rate`: the side that goes first alternates at every rate from round to round
 * (balanced over an even number of rounds, so what the first window leaves the second cancels in each rate's
 * pairs), and rates first measured one after the other start on different sides. A count of steps over the
 * whole sweep would not do: with an even number of rates a round, a rate could go first on one side every round.
 */
export function takeTurn(run: Pick<SweepRun, 'turns'>, rate: number): number {
  let turn = run.turns.get(rate);
  if (turn === undefined) {
    turn = { offset: run.turns.size, count: 0 };
    run.turns.set(rate, turn);
  }
  return turn.offset + turn.count++;
}

/** The order of the sides at turn `turn`: as given on even turns, reversed on odd ones (ABBA). */
export function orderSides(count: number, step: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  return step % 2 === 0 ? order : order.reverse();
}

/** Whether a side asked to stop (asked only once a window was measured; once true, it stays true). */
export function checkStop(run: SweepRun): boolean {
  if (!run.stopped && run.windowWallMs.length > 0) {
    run.stopped = run.sides.some((side) => side.shouldStop?.() ?? false);
  }
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
/** A warning about the sweep (both sides), or about one side when `side` is given. */
export const warn = (run: SweepRun, text: string, side?: SweepSide): void =>
  (side?.onWarning ?? run.request.onWarning)?.(text);
