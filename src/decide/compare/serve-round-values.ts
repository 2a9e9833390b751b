/**
 * Each side's value in one round, and how the round's pair enters the interval.
 *
 * - p95 at the reference rate: the round's window at that rate; missing when none of its requests succeeded.
 * - The knee: the round's windows alone, with the sweep's method (estimate-knee.ts of the rate sweep): each
 *   rate's load is max(quantile / objective, error rate / limit), ≤ 1 within (a window where nothing
 *   succeeded is infinitely beyond), and the knee is where the load crosses 1 after the highest rate within,
 *   interpolated (log(load) on log(rate)). A round with no rate within has a knee at most the lowest rate; a round with
 *   every rate within, a knee at least the highest. The bound stands in for the value (censoring at the edge,
 *   as the sweep's bootstrap does), and the pair records which way the true change can only be further.
 */
import { computeLoad, findCrossing } from '../../measure/serve/knee-crossing.js';
import type { ServeWindow } from '../../measure/serve/serve-profile-schema.js';
import type { PairedRate } from './pair-serve-sweeps.js';
import type { ServePair, ServePairUse, ServeRoundValue } from './serve-comparison-schema.js';

export interface KneeCriteria {
  latencySloMs: number;
  sloQuantile: 'p95' | 'p99';
  maxErrorRate: number;
}

export type Side = 'base' | 'head';

/** The window's load with the sweep's rule (estimate-knee.ts): a window where nothing succeeded is beyond. */
export function computeWindowLoad(window: ServeWindow, criteria: KneeCriteria): number {
  const quantile = window.latencyMs?.[criteria.sloQuantile] ?? Number.NaN;
  return computeLoad(quantile, window.errorRate, criteria);
}

/** The sweep's crossing (estimate-knee.ts), with the edges as bounds of the round's knee. */
export function findKneeCrossing(rates: readonly number[], loads: readonly number[]): ServeRoundValue {
  const crossing = findCrossing(rates, loads);
  const lowest = rates[0] ?? Number.NaN;
  const highest = rates[rates.length - 1] ?? Number.NaN;
  switch (crossing.kind) {
    case 'below':
      return {
        kind: 'at-most',
        bound: lowest,
        reason: `no rate within the objective, ${lowest}/s the lowest`,
      };
    case 'above':
      return {
        kind: 'at-least',
        bound: highest,
        reason: `every rate within the objective, up to ${highest}/s`,
      };
    case 'found':
      return { kind: 'value', value: crossing.rate };
  }
}

/** One side's knee from one round's windows at the paired rates. */
export function findRoundKnee(
  rates: readonly PairedRate[],
  round: number,
  side: Side,
  criteria: KneeCriteria,
): ServeRoundValue {
  const loads = rates.map((rate) => {
    const window = rate[side].get(round);
    return window === undefined ? Number.POSITIVE_INFINITY : computeWindowLoad(window, criteria);
  });
  return findKneeCrossing(
    rates.map((rate) => rate.ratePerSecond),
    loads,
  );
}

/** One side's p95 in one round at the reference rate. */
export function findRoundP95(reference: PairedRate, round: number, side: Side): ServeRoundValue {
  const p95 = reference[side].get(round)?.latencyMs?.p95;
  if (p95 === undefined || !(p95 > 0)) {
    return { kind: 'missing', reason: `no request succeeded in the ${side}'s window` };
  }
  return { kind: 'value', value: p95 };
}

/** +1: the true ln(head / base) is ≥ the one used; −1: ≤; 0: exact. */
function boundSign(value: ServeRoundValue, side: Side): -1 | 0 | 1 {
  const sign = side === 'head' ? 1 : -1;
  switch (value.kind) {
    case 'value':
    case 'missing':
      return 0;
    case 'at-least':
      return sign === 1 ? 1 : -1;
    case 'at-most':
      return sign === 1 ? -1 : 1;
    default: {
      const unknown: never = value;
      throw new RangeError(`unknown round value ${JSON.stringify(unknown)}`);
    }
  }
}

function usedValue(value: ServeRoundValue): number | null {
  switch (value.kind) {
    case 'value':
      return value.value;
    case 'at-most':
    case 'at-least':
      return value.bound;
    case 'missing':
      return null;
    default: {
      const unknown: never = value;
      throw new RangeError(`unknown round value ${JSON.stringify(unknown)}`);
    }
  }
}

/** Pairs a round's two values: how the pair enters the interval, and ln(head / base) as used. */
export function pairRoundValues(
  round: number,
  values: { base: ServeRoundValue; head: ServeRoundValue },
  direction: 'higher-is-better' | 'lower-is-better',
): ServePair {
  const { base, head } = values;
  const baseUsed = usedValue(base);
  const headUsed = usedValue(head);
  if (baseUsed === null || headUsed === null) return { round, base, head, use: 'missing', logRatio: null };
  const signs = [boundSign(base, 'base'), boundSign(head, 'head')].filter((sign) => sign !== 0);
  const logRatio = Math.log(headUsed / baseUsed);
  if (signs.length === 0) return { round, base, head, use: 'exact', logRatio };
  if (signs.some((sign) => sign !== signs[0]))
    return { round, base, head, use: 'uninformative', logRatio: null };
  const truthIsHigher = signs[0] === 1;
  const worse = truthIsHigher === (direction === 'lower-is-better');
  const use: ServePairUse = worse ? 'bounded-worse' : 'bounded-better';
  return { round, base, head, use, logRatio };
}
