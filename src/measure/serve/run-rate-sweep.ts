/**
 * One rate sweep at one texts-per-request value: a few sequential warm-up requests, the probe ramp that
 * brackets the knee (skipped for explicit rates), then the ladder's rates in rounds of seeded order and its
 * extension when it missed the knee (run-ladder.ts); each rate's figures and the knee from estimate-knee.ts.
 * Windows run one after another, never overlapping, with a short drain pause between them (the server
 * finishes what a window left it before the next window starts).
 *
 * The same phases measure a duet's two servers (run-duet-sweep.ts): each side warmed up and probed alone,
 * then one ladder over the union of their brackets whose every (rate, round) is measured on both sides back
 * to back (sweep-run.ts); one ServeSweep a side.
 *
 * The wall-time budget bounds the ladder: a round after the first starts only when the elapsed time plus the
 * round's windows (each as long as the windows so far took on average) fits. Network errors are counted in the
 * windows, never thrown; a server that fails everything gives a sweep whose knee is below the lowest rate.
 * The caller's shouldStop (a started server found dead) ends the sweep early with the windows measured so far.
 */
import type { ServeSweep } from './serve-profile-schema.js';
import {
  estimateKnee,
  estimateRate,
  findReference,
  isWithinSlo,
  type RateEstimate,
} from './estimate-knee.js';
import type { MeasuredWindow } from './measure-serve-window.js';
import {
  DEFAULT_PROBE_LIMITS,
  deriveSeed,
  findBracket,
  planNextProbeRate,
  planProbeStart,
  uniteBrackets,
  type ProbeStep,
} from './plan-rate-ladder.js';
import { runLadder } from './run-ladder.js';
import { createServePool } from './send-schedule.js';
import {
  checkStop,
  createSweepRun,
  describeWindow,
  measureWindow,
  report,
  warn,
  type RateSweepRequest,
  type SweepRun,
  type SweepSettings,
  type SweepSide,
} from './sweep-run.js';
import { listSweepWarnings } from './sweep-warnings.js';
import { warmUpServer } from './warm-up-server.js';

export type { RateSweepRequest } from './sweep-run.js';

/** Warm-up, probe, ladder rounds; the sweep's rates (ascending), knee and reference p95. */
export async function runRateSweep(request: RateSweepRequest): Promise<ServeSweep> {
  const pool = request.pool ?? createServePool(request.baseUrl, request.plan.maxInFlight);
  const side: SweepSide = {
    name: null,
    baseUrl: request.baseUrl,
    pool,
    ...(request.shouldStop === undefined ? {} : { shouldStop: request.shouldStop }),
  };
  try {
    const [sweep] = await runSweepSides(request, [side]);
    return sweep as ServeSweep;
  } finally {
    if (request.pool === undefined) await pool.destroy().catch(() => undefined);
  }
}

/**
 * The sweep's phases on every side (whose pools the caller owns): each side warmed up, then probed alone;
 * one ladder over the union of the brackets, measured on every side. One ServeSweep a side, in order.
 */
export async function runSweepSides(request: SweepSettings, sides: SweepSide[]): Promise<ServeSweep[]> {
  const run = createSweepRun(request, sides);
  const warmups: number[][] = [];
  for (const side of sides) {
    warmups.push(await warmUpServer({ ...request, ...side, requests: request.warmupRequests ?? 5 }));
  }
  const probes: ProbeWindow[][] = [];
  for (const [i, side] of sides.entries()) {
    probes.push(request.plan.rates === 'auto' ? await runProbe(run, side, warmups[i] ?? []) : []);
  }
  const bracket = request.plan.rates === 'auto' ? uniteBrackets(probes.map(findBracket)) : null;
  const ladder = await runLadder(run, bracket);
  return sides.map((side, i) => summarizeSide(run, side, probes[i] ?? [], ladder[i] ?? new Map()));
}

/** One side's sweep: its probe and ladder windows estimated per rate, its knee and reference figures. */
function summarizeSide(
  run: SweepRun,
  side: SweepSide,
  probe: readonly ProbeWindow[],
  ladder: ReadonlyMap<number, MeasuredWindow[]>,
): ServeSweep {
  const { request } = run;
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
  for (const text of listSweepWarnings(request.plan, estimates, knee)) warn(run, text, side);
  return {
    textsPerRequest: request.textsPerRequest,
    rates: estimates.map((e) => e.rate),
    knee,
    reference: findReference(estimates, request.plan.referenceRatePerSecond),
  };
}

type ProbeWindow = ProbeStep & { measured: MeasuredWindow[] };

/** Doubles (or halves) the rate from the warm-up's start until a rate lands on the other side of the objective. */
async function runProbe(
  run: SweepRun,
  side: SweepSide,
  warmupLatenciesMs: readonly number[],
): Promise<ProbeWindow[]> {
  const limits = run.request.probeLimits ?? DEFAULT_PROBE_LIMITS;
  const start = planProbeStart(warmupLatenciesMs, limits);
  const steps: ProbeWindow[] = [];
  for (let rate = planNextProbeRate(steps, start, limits); rate !== null && !checkStop(run);) {
    const rampingUp = steps.length > 0 && steps.every((step) => step.withinSlo);
    steps.push(await probeRate(run, side, rate, rampingUp));
    rate = planNextProbeRate(steps, start, limits);
  }
  return steps;
}

/**
 * One window at the rate. The first "beyond" after rates within is measured once more (round 1) and decided on
 * both windows together: one stall of a loaded machine must not end the ramp (and place the ladder) too low.
 */
async function probeRate(
  run: SweepRun,
  side: SweepSide,
  rate: number,
  confirmBeyond: boolean,
): Promise<ProbeWindow> {
  const plan = run.request.plan;
  const who = side.name === null ? '' : `${side.name} `;
  const measured = [await measureWindow(run, side, rate, 0)];
  let withinSlo = isWithinSlo(measured, plan);
  const first = describeWindow(measured[0]?.window, plan);
  report(run, `${who}probe ${rate} req/s: ${first}, ${describeVerdict(withinSlo)}`);
  if (!withinSlo && confirmBeyond && !checkStop(run)) {
    const again = await measureWindow(run, side, rate, 1);
    measured.push(again);
    withinSlo = isWithinSlo(measured, plan);
    const verdict = describeVerdict(withinSlo);
    report(
      run,
      `${who}probe ${rate} req/s again: ${describeWindow(again.window, plan)}; both windows ${verdict}`,
    );
  }
  return { ratePerSecond: rate, withinSlo, measured };
}

const describeVerdict = (withinSlo: boolean): string => (withinSlo ? 'within' : 'beyond');
