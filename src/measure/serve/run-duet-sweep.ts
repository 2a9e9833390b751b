/**
 * One rate sweep of a serve duet at one texts-per-request value: the base and the head server measured with
 * one plan so that their sweeps pair window by window (what the serve gate compares): each side warmed up and
 * probed alone (automatic rates), then ONE ladder over the union of both brackets, every (rate, round)
 * measured on both sides back to back on the same seeded schedule, the side that goes first alternating at
 * every rate from round to round (base–head, head–base, …: sweep-run.ts's takeTurn), the extension measured on both sides when either side's ladder missed
 * the crossing. The budget counts a step's two windows as its unit. A side found dead ends the sweep for both
 * (a step once started is measured whole, so the two sweeps still pair).
 */
import type { ServeSweep } from './serve-profile-schema.js';
import { runSweepSides } from './run-rate-sweep.js';
import { createServePool } from './send-schedule.js';
import type { SweepSettings, SweepSide } from './sweep-run.js';

export type DuetSideName = 'base' | 'head';

/** One server of the duet. */
export interface DuetSweepSide {
  baseUrl: string;
  /** Whether to stop (this server found dead): the sweep ends for both sides. */
  shouldStop?: () => boolean;
  /** Warnings about this side's sweep only (its knee, its curve); else the sweep's onWarning. */
  onWarning?: (text: string) => void;
}

export interface DuetSweepRequest extends SweepSettings {
  base: DuetSweepSide;
  head: DuetSweepSide;
}

export interface DuetSweep {
  base: ServeSweep;
  head: ServeSweep;
}

const SIDE_NAMES: readonly DuetSideName[] = ['base', 'head'];

/** Both sides' sweeps, measured as one duet (each with a connection pool of its own for the sweep). */
export async function runDuetSweep(request: DuetSweepRequest): Promise<DuetSweep> {
  const { base, head, ...settings } = request;
  const sides: SweepSide[] = [base, head].map((side, i) => ({
    name: SIDE_NAMES[i] as DuetSideName,
    baseUrl: side.baseUrl,
    pool: createServePool(side.baseUrl, request.plan.maxInFlight),
    ...(side.shouldStop === undefined ? {} : { shouldStop: side.shouldStop }),
    ...(side.onWarning === undefined ? {} : { onWarning: side.onWarning }),
  }));
  try {
    const [baseSweep, headSweep] = await runSweepSides(settings, sides);
    return { base: baseSweep as ServeSweep, head: headSweep as ServeSweep };
  } finally {
    await Promise.all(sides.map((side) => side.pool.destroy().catch(() => undefined)));
  }
}
