/**
 * One rate sweep at one texts-per-request value: a few sequential warm-up requests, the probe ramp that
 * brackets the knee (skipped for explicit rates), then the ladder's rates in rounds of seeded order; each rate's
 * figures and the knee from estimate-knee.ts. Windows run one after another, never overlapping, with a short
 * drain pause between them (the server finishes what a window left it before the next window starts).
 *
 * The wall-time budget bounds the ladder: a round after the first starts only when the elapsed time plus the
 * round's windows (each as long as the windows so far took on average) fits. Network errors are counted in the
 * windows, never thrown; a server that fails everything gives a sweep whose knee is below the lowest rate.
 * The caller's shouldStop (a started server found dead) ends the sweep early with the windows measured so far.
 */
import type { Pool } from 'undici';
import type { PreparedApi } from './serve-api.js';
import type { ServePlan, ServeSweep, ServeWindow } from './serve-profile-schema.js';
import {
  isWithinSlo,
  estimateKnee,
  estimateRate,
  findReference,
  type RateEstimate,
} from './estimate-knee.js';
import { measureServeWindow, type MeasuredWindow } from './measure-serve-window.js';
import {
  DEFAULT_PROBE_LIMITS,
  deriveSeed,
  findBracket,
  planLadder,
  planNextProbeRate,
  planProbeStart,
  type ProbeLimits,
  type ProbeStep,
} from './plan-rate-ladder.js';
import { createServePool } from './send-schedule.js';
import { sleep } from './serve-probe.js';
import { listSweepWarnings } from './sweep-warnings.js';
import { warmUpServer } from './warm-up-server.js';

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

interface SweepRun {
  request: RateSweepRequest;
  pool: Pool;
  runStartMs: number;
  /** Wall time of each window including its drain pause (ms). */
  windowWallMs: number[];
  /** Set once shouldStop said so: no window starts after it. */
  stopped: boolean;
}

/** Warm-up, probe, ladder rounds; the sweep's rates (ascending), knee and reference p95. */
export async function runRateSweep(request: RateSweepRequest): Promise<ServeSweep> {
  const pool = request.pool ?? createServePool(request.baseUrl, request.plan.maxInFlight);
  const run: SweepRun = { request, pool, runStartMs: performance.now(), windowWallMs: [], stopped: false };
  try {
    const warmup = await warmUpServer({ ...request, pool, requests: request.warmupRequests ?? 5 });
    const probe = request.plan.rates === 'auto' ? await runProbe(run, warmup) : [];
    const ladder = await runLadder(run, probe);
    const seed = deriveSeed(request.plan.seed, request.textsPerRequest);
    const estimate = (phase: 'probe' | 'ladder', rate: number, measured: MeasuredWindow[]): RateEstimate =>
      estimateRate({
        ratePerSecond: rate,
        phase,
        measured,
        plan: request.plan,
        seed,
        replicates: request.replicates,
      });
    const estimates = [
      ...probe.map((step) => estimate('probe', step.ratePerSecond, step.measured)),
      ...[...ladder]
        .filter(([, measured]) => measured.length > 0)
        .map(([rate, measured]) => estimate('ladder', rate, measured)),
    ].sort((a, b) => a.rate.ratePerSecond - b.rate.ratePerSecond);
    const knee = estimateKnee(estimates, request.plan);
    for (const text of listSweepWarnings(request.plan, estimates, knee)) warn(run, text);
    return {
      textsPerRequest: request.textsPerRequest,
      rates: estimates.map((e) => e.rate),
      knee,
      reference: findReference(estimates, request.plan.referenceRatePerSecond),
    };
  } finally {
    if (request.pool === undefined) await pool.destroy().catch(() => undefined);
  }
}

type ProbeWindow = ProbeStep & { measured: MeasuredWindow[] };

/** Doubles (or halves) the rate from the warm-up's start until a rate lands on the other side of the objective. */
async function runProbe(run: SweepRun, warmupLatenciesMs: readonly number[]): Promise<ProbeWindow[]> {
  const limits = run.request.probeLimits ?? DEFAULT_PROBE_LIMITS;
  const start = planProbeStart(warmupLatenciesMs, limits);
  const steps: ProbeWindow[] = [];
  for (let rate = planNextProbeRate(steps, start, limits); rate !== null && !checkStop(run);) {
    const rampingUp = steps.length > 0 && steps.every((step) => step.withinSlo);
    steps.push(await probeRate(run, rate, rampingUp));
    rate = planNextProbeRate(steps, start, limits);
  }
  return steps;
}

/**
 * One window at the rate. The first "beyond" after rates within is measured once more (round 1) and decided on
 * both windows together: one stall of a loaded machine must not end the ramp (and place the ladder) too low.
 */
async function probeRate(run: SweepRun, rate: number, confirmBeyond: boolean): Promise<ProbeWindow> {
  const plan = run.request.plan;
  const measured = [await measureWindow(run, rate, 0)];
  let withinSlo = isWithinSlo(measured, plan);
  report(
    run,
    `probe ${rate} req/s: ${describeWindow(measured[0]?.window, plan)}, ${describeVerdict(withinSlo)}`,
  );
  if (!withinSlo && confirmBeyond && !checkStop(run)) {
    const again = await measureWindow(run, rate, 1);
    measured.push(again);
    withinSlo = isWithinSlo(measured, plan);
    const verdict = describeVerdict(withinSlo);
    report(run, `probe ${rate} req/s again: ${describeWindow(again.window, plan)}; both windows ${verdict}`);
  }
  return { ratePerSecond: rate, withinSlo, measured };
}

const describeVerdict = (withinSlo: boolean): string => (withinSlo ? 'within' : 'beyond');

/** The ladder's rounds while they fit the budget (the first always); each rate's windows in round order. */
async function runLadder(run: SweepRun, probe: readonly ProbeStep[]): Promise<Map<number, MeasuredWindow[]>> {
  const { plan, textsPerRequest } = run.request;
  const limits = run.request.probeLimits ?? DEFAULT_PROBE_LIMITS;
  const rates =
    plan.rates === 'auto'
      ? { kind: 'bracket' as const, bracket: findBracket(probe), count: run.request.ladderSize ?? 5, limits }
      : { kind: 'explicit' as const, rates: plan.rates };
  const seed = deriveSeed(plan.seed, 'ladder', textsPerRequest);
  const ladder = planLadder({ rates, extraRate: plan.referenceRatePerSecond, rounds: plan.rounds, seed });
  const windows = new Map(ladder.rates.map((rate) => [rate, [] as MeasuredWindow[]]));
  const total = ladder.rounds.length * ladder.rates.length;
  let done = 0;
  for (const [round, order] of ladder.rounds.entries()) {
    if (round > 0 && !fitsBudget(run, order.length)) {
      warn(
        run,
        `measured ${round} of ${plan.rounds} rounds: the next would exceed the budget of ${run.request.budgetSeconds} s`,
      );
      break;
    }
    for (const rate of order) {
      if (checkStop(run)) return windows;
      report(run, `[${++done}/${total}] ${rate} req/s, round ${round + 1} (${elapsedSeconds(run)}s)`);
      windows.get(rate)?.push(await measureWindow(run, rate, round));
    }
  }
  return windows;
}

/** Measures one window, then pauses for the drain; records the wall time of both. */
async function measureWindow(run: SweepRun, ratePerSecond: number, round: number): Promise<MeasuredWindow> {
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
function checkStop(run: SweepRun): boolean {
  if (!run.stopped && run.windowWallMs.length > 0) run.stopped = run.request.shouldStop?.() ?? false;
  return run.stopped;
}

/** Whether `windows` more windows, each as long as the average so far, end within the budget. */
function fitsBudget(run: SweepRun, windows: number): boolean {
  const budget = run.request.budgetSeconds;
  if (budget === null || budget === undefined) return true;
  const average = run.windowWallMs.reduce((sum, ms) => sum + ms, 0) / Math.max(1, run.windowWallMs.length);
  return performance.now() - run.runStartMs + windows * average <= budget * 1000;
}

function describeWindow(window: ServeWindow | undefined, plan: ServePlan): string {
  const quantile = window?.latencyMs?.[plan.sloQuantile];
  const latency = quantile === undefined ? 'no success' : `${plan.sloQuantile} ${quantile.toFixed(1)} ms`;
  return `${latency}, ${((window?.errorRate ?? 0) * 100).toFixed(1)} % errors`;
}

const elapsedSeconds = (run: SweepRun): number => Math.round((performance.now() - run.runStartMs) / 1000);
const report = (run: SweepRun, line: string): void => run.request.onProgress?.(line);
const warn = (run: SweepRun, text: string): void => run.request.onWarning?.(text);
