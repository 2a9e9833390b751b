/**
 * The knee's round-to-round term. Every ladder round measures every rate once, in its own shuffled order, the
 * rounds a minute or more apart: a round's windows alone give a knee, and their spread is the drift of the
 * server and the machine over the run (a neighbour's load, a speed regime), which the window bootstrap cannot
 * see (it resamples a rate's windows independently of the other rates'). The interval is Student's t on the
 * logs of the round knees; estimate-knee.ts widens the bootstrap interval to hold it. docs/serve-knee.md.
 */
import { computeMean, computeSampleVariance, computeTwoSidedTCritical } from '../../ground/stats/index.js';
import { computeLoad, findCrossing, type KneePlan } from './knee-crossing.js';
import type { ServeRate } from './serve-profile-schema.js';

/** Each round's knee over `rates` (ascending), for the rounds that measured every one of them. */
export function findRoundKnees(rates: readonly ServeRate[], plan: KneePlan): number[] {
  const rounds = new Set(rates.flatMap((rate) => rate.windows.map((window) => window.round)));
  const knees: number[] = [];
  const lowest = rates[0]?.ratePerSecond ?? Number.NaN;
  const highest = rates[rates.length - 1]?.ratePerSecond ?? Number.NaN;
  for (const round of [...rounds].sort((a, b) => a - b)) {
    const windows = rates.map((rate) => rate.windows.find((window) => window.round === round));
    if (windows.some((window) => window === undefined)) continue;
    const loads = windows.map((window) =>
      computeLoad(window?.latencyMs?.[plan.sloQuantile] ?? Number.NaN, window?.errorRate ?? 1, plan),
    );
    const crossing = findCrossing(
      rates.map((rate) => rate.ratePerSecond),
      loads,
    );
    knees.push(crossing.kind === 'found' ? crossing.rate : crossing.kind === 'above' ? highest : lowest);
  }
  return knees;
}

/** The 95 % t interval of the knee from round knees (their logs), or null with fewer than two rounds. */
export function computeRoundKneeInterval(knees: readonly number[]): { low: number; high: number } | null {
  if (knees.length < 2) return null;
  const logs = knees.map(Math.log);
  const halfWidth =
    computeTwoSidedTCritical(0.95, logs.length - 1) * Math.sqrt(computeSampleVariance(logs) / logs.length);
  const centre = computeMean(logs);
  return { low: Math.exp(centre - halfWidth), high: Math.exp(centre + halfWidth) };
}
