/**
 * Which rates a sweep measures, and in which order (pure: the sweep feeds in what it measured).
 *
 * - The probe ramp brackets the knee quickly, one window per rate: it starts at a quarter of the rate a single
 *   sequential client reaches (1000 / the warm-up requests' median latency), clamped to [min, max], and doubles
 *   while the rate stays within the objective (up to the max rate), or halves while it does not (down to the
 *   min rate). It ends at the first rate on the other side, or at a limit.
 * - The ladder measures N rates (default 5) spaced geometrically over the bracket [highest within, lowest
 *   beyond], widened by a quarter of the bracket's log-width on each side (so that a rate the probe saw once on
 *   one side and the ladder sees on the other still leaves the knee inside the ladder), in `rounds` rounds whose
 *   order of rates is shuffled with the seeded generator (a drift of the machine over the run does not line up
 *   with the rate). Without a beyond (the max rate held) it spans [within / 2, within]; without a within (the
 *   min rate failed) [beyond, 2 × beyond].
 */
import { createRandom, shuffleCopy } from '../../ground/random/index.js';

export interface ProbeLimits {
  minRatePerSecond: number;
  maxRatePerSecond: number;
}

/** One probed rate and whether its window stayed within the objective and the error limit. */
export interface ProbeStep {
  ratePerSecond: number;
  withinSlo: boolean;
}

/** Where the knee lies after the probe: either side may be missing (a limit was reached first). */
export interface RateBracket {
  within: number | null;
  beyond: number | null;
}

export const DEFAULT_PROBE_LIMITS: ProbeLimits = { minRatePerSecond: 1, maxRatePerSecond: 10_000 };

/** The probe's first rate: a quarter of 1000 / median warm-up latency, clamped; the min rate without one. */
export function planProbeStart(warmupLatenciesMs: readonly number[], limits: ProbeLimits): number {
  const sorted = warmupLatenciesMs.filter((ms) => Number.isFinite(ms) && ms > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return limits.minRatePerSecond;
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return clampRate(roundRate(1000 / median / 4), limits);
}

/** The next rate to probe after `steps` (which began at the start rate), or null once the knee is bracketed. */
export function planNextProbeRate(
  steps: readonly ProbeStep[],
  start: number,
  limits: ProbeLimits,
): number | null {
  const last = steps[steps.length - 1];
  if (last === undefined) return clampRate(start, limits);
  if (steps.some((step) => step.withinSlo !== last.withinSlo)) return null;
  if (last.withinSlo) {
    if (last.ratePerSecond >= limits.maxRatePerSecond) return null;
    return Math.min(limits.maxRatePerSecond, roundRate(last.ratePerSecond * 2));
  }
  if (last.ratePerSecond <= limits.minRatePerSecond) return null;
  return Math.max(limits.minRatePerSecond, roundRate(last.ratePerSecond / 2));
}

/** The highest rate probed within and the lowest probed beyond. */
export function findBracket(steps: readonly ProbeStep[]): RateBracket {
  const within = steps.filter((s) => s.withinSlo).map((s) => s.ratePerSecond);
  const beyond = steps.filter((s) => !s.withinSlo).map((s) => s.ratePerSecond);
  return {
    within: within.length === 0 ? null : Math.max(...within),
    beyond: beyond.length === 0 ? null : Math.min(...beyond),
  };
}

/**
 * The bracket that holds every side's (a duet probes each side alone), so that both knees lie inside the one
 * ladder both sides measure: from the lowest rate a side was within (or, for a side within at no rate, its
 * lowest beyond: its knee lies below it) to the highest rate a side was beyond (or, for a side beyond at no
 * rate, its highest within). With no within (or no beyond) on any side, the sides' brackets join as one
 * side's probe would have found them.
 */
export function uniteBrackets(brackets: readonly RateBracket[]): RateBracket {
  if (brackets.length === 1) return brackets[0] as RateBracket;
  const low = brackets.flatMap((b) => [b.within ?? b.beyond].filter((rate) => rate !== null));
  const high = brackets.flatMap((b) => [b.beyond ?? b.within].filter((rate) => rate !== null));
  const withins = brackets.flatMap((b) => (b.within === null ? [] : [b.within]));
  const beyonds = brackets.flatMap((b) => (b.beyond === null ? [] : [b.beyond]));
  if (withins.length === 0)
    return { within: null, beyond: beyonds.length === 0 ? null : Math.min(...beyonds) };
  if (beyonds.length === 0) return { within: Math.max(...withins), beyond: null };
  return { within: Math.min(...low), beyond: Math.max(...high) };
}

export interface LadderRequest {
  /** The bracket from the probe, or the user's explicit rates (measured as they are). */
  rates:
    | { kind: 'bracket'; bracket: RateBracket; count: number; limits: ProbeLimits }
    | { kind: 'explicit'; rates: readonly number[] };
  /** Measured in every round too (the reference rate), when not null. */
  extraRate: number | null;
  rounds: number;
  seed: number;
}

export interface Ladder {
  /** Ascending, distinct. */
  rates: number[];
  /** The rates of each round, in the order they are measured. */
  rounds: number[][];
}

/** The ladder's rates and each round's seeded order. */
export function planLadder(request: LadderRequest): Ladder {
  const base = request.rates.kind === 'explicit' ? [...request.rates.rates] : spaceRates(request.rates);
  const rates = [...new Set(request.extraRate === null ? base : [...base, request.extraRate])].sort(
    (a, b) => a - b,
  );
  const random = createRandom(request.seed);
  const rounds = Array.from({ length: request.rounds }, () =>
    shuffleCopy(rates, (bound) => random.nextInt(bound)),
  );
  return { rates, rounds };
}

/** `count` rates geometrically spaced over the widened bracket, rounded, clamped, distinct. */
function spaceRates(spec: { bracket: RateBracket; count: number; limits: ProbeLimits }): number[] {
  const [from, to] = spanBracket(spec.bracket, spec.limits);
  const count = Math.max(1, Math.round(spec.count));
  if (count === 1 || to <= from) return [clampRate(roundRate(Math.sqrt(from * to)), spec.limits)];
  const step = Math.log(to / from) / (count - 1);
  const rates = Array.from({ length: count }, (_, i) =>
    clampRate(roundRate(from * Math.exp(step * i)), spec.limits),
  );
  return [...new Set(rates)];
}

function spanBracket(bracket: RateBracket, limits: ProbeLimits): [number, number] {
  const { within, beyond } = bracket;
  if (within !== null && beyond !== null) {
    const margin = Math.pow(beyond / within, 0.25);
    return [within / margin, beyond * margin];
  }
  if (within !== null) return [within / 2, within];
  if (beyond !== null) return [beyond, beyond * 2];
  return [limits.minRatePerSecond, limits.minRatePerSecond * 2];
}

/**
 * The rate that extends a ladder which did not cross the objective, or null: when its highest rate is within,
 * one step (the ratio of its two highest rates) above it, up to the max rate; when every rate is beyond, one
 * step (the ratio of its two lowest) below the lowest, down to the min rate. Null when the ladder crossed or a
 * limit is reached.
 */
export function planLadderExtension(steps: readonly ProbeStep[], limits: ProbeLimits): number | null {
  const sorted = [...steps].sort((a, b) => a.ratePerSecond - b.ratePerSecond);
  const rates = sorted.map((step) => step.ratePerSecond);
  const [lowest, second] = rates as [number | undefined, number | undefined];
  const highest = rates[rates.length - 1];
  if (lowest === undefined || highest === undefined) return null;
  const step = (ratio: number): number => Math.min(2, Math.max(1.1, Number.isFinite(ratio) ? ratio : 2));
  if (sorted[sorted.length - 1]?.withinSlo === true) {
    if (highest >= limits.maxRatePerSecond) return null;
    const below = rates[rates.length - 2] ?? highest / 2;
    return Math.min(limits.maxRatePerSecond, roundRate(highest * step(highest / below)));
  }
  if (sorted.every((s) => !s.withinSlo)) {
    if (lowest <= limits.minRatePerSecond) return null;
    return Math.max(limits.minRatePerSecond, roundRate(lowest / step((second ?? lowest * 2) / lowest)));
  }
  return null;
}

/** Three significant digits: rates a reader can say (213 req/s, 1.41 req/s), the same on every machine. */
export function roundRate(rate: number): number {
  return Number(rate.toPrecision(3));
}

function clampRate(rate: number, limits: ProbeLimits): number {
  return Math.min(limits.maxRatePerSecond, Math.max(limits.minRatePerSecond, rate));
}

/**
 * A seed from several parts (the sweep's seed, a rate, a round): FNV-1a (32 bits) of their text, so the same
 * parts give the same seed on every platform and nearby parts give unrelated ones.
 */
export function deriveSeed(...parts: readonly (number | string)[]): number {
  const key = parts.join('/');
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
