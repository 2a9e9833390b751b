/**
 * Waiting for a due time with sub-millisecond precision while the event loop keeps reading answers.
 *
 * Node's timers count whole milliseconds from the loop's cached clock: a timer alone fires up to ~1 ms early
 * or late. So a timer sleeps until `wakeEarlyMs` before the time, and the rest is waited in event-loop turns
 * (setImmediate: pending answers are read between turns), either
 * - 'yield': turn after turn, a busy core until the time comes (the finest wait, ~µs), or
 * - 'nap': between turns the thread sleeps up to NAP_SLICE_MS (Atomics.wait: a futex with a µs timeout) until
 *   NAP_GUARD_MS before the time, then turns: ~10 µs later than 'yield' at a fraction of its CPU (so a server
 *   on the same machine keeps its cores), and answers are read at most NAP_SLICE_MS late.
 * choosePrecision picks one by the rate; `npm run bench -- serve` measures both.
 */
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';

export type FineWait = 'nap' | 'yield';

export interface WaitPrecision {
  /** How long before the due time the sleeping timer wakes. */
  wakeEarlyMs: number;
  fineWait: FineWait;
}

export const DEFAULT_WAIT_PRECISION: WaitPrecision = { wakeEarlyMs: 2, fineWait: 'nap' };

/** From this rate up a window waits in turns ('yield'): naps fall behind there (see choosePrecision). */
export const YIELD_FROM_RATE = 1000;

/**
 * The way of waiting for a window at `ratePerSecond`: 'nap' below YIELD_FROM_RATE, 'yield' from it. Measured on
 * a quiet 2-core machine (`npm run bench -- serve`): naps hold 1,000/s with a scheduling error p99 of 0.56 ms at
 * 27 % of a core, but not 2,500/s (p99 1.8 ms); turns hold 15,000/s (p99 0.37 ms at 5,000/s) at a whole core —
 * a price worth paying only where the rate needs it, since a server on the same machine shares the cores.
 */
export function choosePrecision(ratePerSecond: number): WaitPrecision {
  return ratePerSecond >= YIELD_FROM_RATE ? { wakeEarlyMs: 2, fineWait: 'yield' } : DEFAULT_WAIT_PRECISION;
}

/** The longest nap between two turns of the event loop (an answer waits at most this long to be read). */
export const NAP_SLICE_MS = 0.1;
/** Naps end this long before the due time (the kernel's timer slack is 50 µs); turns wait the rest. */
export const NAP_GUARD_MS = 0.06;

const napCell = new Int32Array(new SharedArrayBuffer(4));

/** Resolves at `target` (performance.now()), never before it, after at least one turn of the event loop. */
export async function waitUntil(
  target: number,
  precision: WaitPrecision = DEFAULT_WAIT_PRECISION,
): Promise<void> {
  const sleepMs = target - performance.now() - precision.wakeEarlyMs;
  if (sleepMs > 0) await sleep(sleepMs);
  // at least one turn even when the time has passed: behind schedule, answers are still read as they come
  do {
    if (precision.fineWait === 'nap') nap(target);
    await yieldToLoop();
  } while (performance.now() < target);
}

/** Sleeps the thread for up to NAP_SLICE_MS, ending NAP_GUARD_MS before `target`. */
function nap(target: number): void {
  const napMs = Math.min(target - performance.now() - NAP_GUARD_MS, NAP_SLICE_MS);
  // nothing wakes the cell: the wait always runs to its timeout
  if (napMs > 0.01) Atomics.wait(napCell, 0, 0, napMs);
}
