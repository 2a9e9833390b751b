/**
 * Where the load crosses 1, and the load itself: the knee rule shared by the sweep's estimate
 * (estimate-knee.ts), its round knees (round-knee-interval.ts) and the serve comparison's per-round knees.
 */
import type { ServePlan } from './serve-profile-schema.js';

export type KneePlan = Pick<ServePlan, 'latencySloMs' | 'sloQuantile' | 'maxErrorRate'>;

/** max(quantile / objective, error rate / limit): ≤ 1 within. NaN (nothing succeeded) is infinitely beyond. */
export function computeLoad(sloQuantileMs: number, errorRate: number, plan: KneePlan): number {
  const latencyLoad = Number.isNaN(sloQuantileMs)
    ? Number.POSITIVE_INFINITY
    : sloQuantileMs / plan.latencySloMs;
  const errorLoad =
    errorRate <= 0 ? 0 : plan.maxErrorRate === 0 ? Number.POSITIVE_INFINITY : errorRate / plan.maxErrorRate;
  return Math.max(latencyLoad, errorLoad);
}

export type Crossing =
  { kind: 'found'; rate: number; within: number; beyond: number } | { kind: 'below' } | { kind: 'above' };

/**
 * Where the load crosses 1 after the highest rate within (ascending rates): log(load) interpolated linearly on
 * log(rate) (linearly on the load itself when the load within is 0).
 */
export function findCrossing(rates: readonly number[], loads: readonly number[]): Crossing {
  let highestWithin = -1;
  loads.forEach((load, i) => {
    if (load <= 1) highestWithin = i;
  });
  if (highestWithin < 0) return { kind: 'below' };
  if (highestWithin === rates.length - 1) return { kind: 'above' };
  const within = rates[highestWithin] as number;
  const beyond = rates[highestWithin + 1] as number;
  const loadWithin = loads[highestWithin] as number;
  const loadBeyond = loads[highestWithin + 1] as number;
  // on log(load): latency grows ever faster toward capacity, so a straight line through two points far apart
  // on either side of the knee runs closer to the curve in logs (a queue's ~1 / (1 − utilisation))
  const fraction = !Number.isFinite(loadBeyond)
    ? 0
    : loadWithin > 0
      ? -Math.log(loadWithin) / (Math.log(loadBeyond) - Math.log(loadWithin))
      : (1 - loadWithin) / (loadBeyond - loadWithin);
  const rate =
    fraction === 0 ? within : Math.exp(Math.log(within) + fraction * (Math.log(beyond) - Math.log(within)));
  return { kind: 'found', rate, within, beyond };
}
