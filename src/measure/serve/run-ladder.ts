/**
 * The sweep's ladder: its rates (the probe's bracket spread out — in a duet the union of both sides'
 * brackets, so both knees lie inside — or the explicit rates, and the reference rate) in rounds of seeded
 * order while they fit the budget, each (rate, round) a step measured on every side; then, after an automatic
 * probe, its extension when the ladder did not cross the objective on some side (a probe misled by a burst of
 * noise): one rate further at a time, measured on every side in as many rounds as the ladder, until one lands
 * on the other side, a probe limit, or the budget.
 */
import { isWithinSlo } from './estimate-knee.js';
import type { MeasuredWindow } from './measure-serve-window.js';
import {
  DEFAULT_PROBE_LIMITS,
  deriveSeed,
  planLadder,
  planLadderExtension,
  type RateBracket,
} from './plan-rate-ladder.js';
import { checkStop, fitsBudget, measureStep, warn, type SweepRun } from './sweep-run.js';

/** At most this many rates are added beyond the planned ladder. */
const MAX_EXTENSIONS = 3;

/** Each side's windows by rate (in round order). */
export type LadderWindows = Map<number, MeasuredWindow[]>[];

/**
 * The ladder's rounds while they fit the budget (the first always); `bracket` is where the probe placed the
 * knee (null for explicit rates).
 */
export async function runLadder(run: SweepRun, bracket: RateBracket | null): Promise<LadderWindows> {
  const { plan, textsPerRequest } = run.request;
  const limits = run.request.probeLimits ?? DEFAULT_PROBE_LIMITS;
  const rates =
    plan.rates === 'auto'
      ? {
          kind: 'bracket' as const,
          bracket: bracket ?? { within: null, beyond: null },
          count: run.request.ladderSize ?? 5,
          limits,
        }
      : { kind: 'explicit' as const, rates: plan.rates };
  const seed = deriveSeed(plan.seed, 'ladder', textsPerRequest);
  const ladder = planLadder({ rates, extraRate: plan.referenceRatePerSecond, rounds: plan.rounds, seed });
  const windows: LadderWindows = run.sides.map(
    () => new Map(ladder.rates.map((rate) => [rate, [] as MeasuredWindow[]])),
  );
  const sides = run.sides.length;
  const total = ladder.rounds.length * ladder.rates.length * sides;
  let done = 0;
  for (const [round, order] of ladder.rounds.entries()) {
    if (round > 0 && !fitsBudget(run, order.length * sides)) {
      warn(
        run,
        `measured ${round} of ${plan.rounds} rounds: the next would exceed the budget of ${run.request.budgetSeconds} s`,
      );
      break;
    }
    for (const rate of order) {
      if (checkStop(run)) return windows;
      const step = await measureStep(run, rate, round, (i) => `[${done + i + 1}/${total}]`);
      done += sides;
      step.forEach((measured, side) => windows[side]?.get(rate)?.push(measured));
    }
  }
  if (plan.rates === 'auto') await extendLadder(run, windows);
  return windows;
}

/** The next rate beyond the ladder's end on the first side whose ladder did not cross the objective, or null. */
function planExtension(run: SweepRun, windows: LadderWindows): number | null {
  const limits = run.request.probeLimits ?? DEFAULT_PROBE_LIMITS;
  for (const side of windows) {
    const verdicts = [...side].map(([rate, measured]) => ({
      ratePerSecond: rate,
      withinSlo: isWithinSlo(measured, run.request.plan),
    }));
    const rate = planLadderExtension(verdicts, limits);
    if (rate !== null && !side.has(rate)) return rate;
  }
  return null;
}

/** Adds rates beyond the ladder's end (on every side) while a side's top stays within or bottom beyond. */
async function extendLadder(run: SweepRun, windows: LadderWindows): Promise<void> {
  const sides = run.sides.length;
  const rounds = Math.min(
    ...windows.flatMap((side) => [...side.values()].map((measured) => measured.length)),
  );
  for (let added = 0; added < MAX_EXTENSIONS && rounds > 0; added++) {
    const rate = planExtension(run, windows);
    if (rate === null || checkStop(run)) return;
    if (!fitsBudget(run, rounds * sides)) {
      return warn(
        run,
        `the ladder did not cross the objective; no time was left in the budget to extend it to ${rate} req/s`,
      );
    }
    const measured: MeasuredWindow[][] = run.sides.map(() => []);
    for (let round = 0; round < rounds && !checkStop(run); round++) {
      const step = await measureStep(run, rate, round, () => `[+${added + 1}]`);
      step.forEach((window, side) => measured[side]?.push(window));
    }
    if ((measured[0]?.length ?? 0) > 0) measured.forEach((side, i) => windows[i]?.set(rate, side));
  }
}
