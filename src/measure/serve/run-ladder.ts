/**
 * The sweep's ladder: its rates (the probe's bracket spread out, or the explicit rates, and the reference rate)
 * in rounds of seeded order while they fit the budget; then, after an automatic probe, its extension when the
 * ladder did not cross the objective (a probe misled by a burst of noise): one rate further at a time, measured
 * in as many rounds as the ladder, until one lands on the other side, a probe limit, or the budget.
 */
import { isWithinSlo } from './estimate-knee.js';
import type { MeasuredWindow } from './measure-serve-window.js';
import {
  DEFAULT_PROBE_LIMITS,
  deriveSeed,
  findBracket,
  planLadder,
  planLadderExtension,
  type ProbeStep,
} from './plan-rate-ladder.js';
import {
  checkStop,
  elapsedSeconds,
  fitsBudget,
  measureWindow,
  report,
  warn,
  type SweepRun,
} from './sweep-run.js';

/** At most this many rates are added beyond the planned ladder. */
const MAX_EXTENSIONS = 3;

/** The ladder's rounds while they fit the budget (the first always); each rate's windows in round order. */
export async function runLadder(
  run: SweepRun,
  probe: readonly ProbeStep[],
): Promise<Map<number, MeasuredWindow[]>> {
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
  if (plan.rates === 'auto') await extendLadder(run, windows);
  return windows;
}

/** Adds rates beyond the ladder's end while its top stays within (or its bottom beyond) the objective. */
async function extendLadder(run: SweepRun, windows: Map<number, MeasuredWindow[]>): Promise<void> {
  const limits = run.request.probeLimits ?? DEFAULT_PROBE_LIMITS;
  const rounds = Math.min(...[...windows.values()].map((measured) => measured.length));
  for (let added = 0; added < MAX_EXTENSIONS && rounds > 0; added++) {
    const verdicts = [...windows].map(([rate, measured]) => ({
      ratePerSecond: rate,
      withinSlo: isWithinSlo(measured, run.request.plan),
    }));
    const rate = planLadderExtension(verdicts, limits);
    if (rate === null || checkStop(run)) return;
    if (!fitsBudget(run, rounds)) {
      return warn(
        run,
        `the ladder did not cross the objective; no time was left in the budget to extend it to ${rate} req/s`,
      );
    }
    const measured: MeasuredWindow[] = [];
    for (let round = 0; round < rounds && !checkStop(run); round++) {
      report(run, `[+${added + 1}] ${rate} req/s, round ${round + 1} (${elapsedSeconds(run)}s)`);
      measured.push(await measureWindow(run, rate, round));
    }
    if (measured.length > 0) windows.set(rate, measured);
  }
}
