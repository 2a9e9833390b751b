/**
 * Pairs a base and a head serve sweep window by window: the same texts per request, the same rates, and at
 * every rate the same rounds — so each (rate, round) holds a base window and a head window measured on the
 * same seeded schedule, seconds apart. Anything else is an explicit error, never a silent default: a duet
 * whose sides do not pair was measured with different plans, or one side stopped early.
 *
 * The knee is found among the ladder rates (every rate when a sweep has no ladder), as the sweep finds its own.
 */
import { createUsageError } from '../../ground/errors.js';
import type { ServeRate, ServeSweep, ServeWindow } from '../../measure/serve/serve-profile-schema.js';

export interface PairedRate {
  ratePerSecond: number;
  /** Windows by round. */
  base: ReadonlyMap<number, ServeWindow>;
  head: ReadonlyMap<number, ServeWindow>;
}

export interface PairedSweep {
  textsPerRequest: number;
  base: ServeSweep;
  head: ServeSweep;
  /** The rates the knee is found among, ascending. */
  rates: PairedRate[];
  /** Rounds measured at every one of `rates`. */
  rounds: number[];
  reference: PairedRate | null;
}

const FIX =
  'Compare sweeps measured as one duet (the same plan: rates, rounds, texts per request, reference rate).';

function fail(what: string, expected: string, received: string): never {
  throw createUsageError({ input: `the base and head serve sweeps (${what})`, expected, received, fix: FIX });
}

const sameRate = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(a, b);
const formatList = (values: readonly number[]) => (values.length === 0 ? 'none' : values.join(', '));

function pickKneeRates(sweep: ServeSweep): ServeRate[] {
  const ladder = sweep.rates.filter((rate) => rate.phase === 'ladder');
  return [...(ladder.length > 0 ? ladder : sweep.rates)].sort((a, b) => a.ratePerSecond - b.ratePerSecond);
}

function indexWindows(rate: ServeRate, side: string, where: string): Map<number, ServeWindow> {
  const byRound = new Map<number, ServeWindow>();
  for (const window of rate.windows) {
    if (byRound.has(window.round)) {
      fail(
        where,
        'one window per round at each rate',
        `round ${window.round} twice at ${rate.ratePerSecond}/s on the ${side}`,
      );
    }
    byRound.set(window.round, window);
  }
  return byRound;
}

function pairRate(base: ServeRate, head: ServeRate, where: string): PairedRate {
  const baseWindows = indexWindows(base, 'base', where);
  const headWindows = indexWindows(head, 'head', where);
  const baseRounds = [...baseWindows.keys()].sort((a, b) => a - b);
  const headRounds = [...headWindows.keys()].sort((a, b) => a - b);
  if (baseRounds.join() !== headRounds.join()) {
    fail(
      where,
      `the same rounds on both sides at ${base.ratePerSecond}/s`,
      `rounds ${formatList(baseRounds)} on the base and ${formatList(headRounds)} on the head`,
    );
  }
  return { ratePerSecond: base.ratePerSecond, base: baseWindows, head: headWindows };
}

function pairKneeRates(base: ServeSweep, head: ServeSweep, where: string): PairedRate[] {
  const baseRates = pickKneeRates(base);
  const headRates = pickKneeRates(head);
  const same =
    baseRates.length === headRates.length &&
    baseRates.every((rate, i) => sameRate(rate.ratePerSecond, headRates[i]?.ratePerSecond ?? NaN));
  if (!same) {
    const list = (rates: ServeRate[]) => formatList(rates.map((rate) => rate.ratePerSecond));
    fail(
      where,
      'the same rates on both sides',
      `${list(baseRates)} on the base and ${list(headRates)} on the head`,
    );
  }
  return baseRates.map((rate, i) => pairRate(rate, headRates[i] as ServeRate, where));
}

function findRate(sweep: ServeSweep, ratePerSecond: number, side: string, where: string): ServeRate {
  const found = sweep.rates.find((rate) => sameRate(rate.ratePerSecond, ratePerSecond));
  if (found === undefined) {
    fail(where, `windows at the reference rate ${ratePerSecond}/s`, `none on the ${side}`);
  }
  return found;
}

function pairReference(base: ServeSweep, head: ServeSweep, where: string): PairedRate | null {
  const baseRate = base.reference?.ratePerSecond ?? null;
  const headRate = head.reference?.ratePerSecond ?? null;
  if (baseRate === null && headRate === null) return null;
  if (baseRate === null || headRate === null || !sameRate(baseRate, headRate)) {
    const show = (rate: number | null) => (rate === null ? 'none' : `${rate}/s`);
    fail(
      where,
      'the same reference rate on both sides',
      `${show(baseRate)} on the base and ${show(headRate)} on the head`,
    );
  }
  return pairRate(findRate(base, baseRate, 'base', where), findRate(head, headRate, 'head', where), where);
}

/** The rounds measured at every rate (whole rounds; a round cut short by a budget is left out of the knee). */
function findCommonRounds(rates: readonly PairedRate[]): number[] {
  const [first, ...rest] = rates;
  if (first === undefined) return [];
  return [...first.base.keys()]
    .filter((round) => rest.every((rate) => rate.base.has(round)))
    .sort((a, b) => a - b);
}

function pairSweep(base: ServeSweep, head: ServeSweep): PairedSweep {
  const where = `${base.textsPerRequest} texts per request`;
  const rates = pairKneeRates(base, head, where);
  const rounds = findCommonRounds(rates);
  const reference = pairReference(base, head, where);
  return { textsPerRequest: base.textsPerRequest, base, head, rates, rounds, reference };
}

function indexSweeps(sweeps: readonly ServeSweep[], side: string): Map<number, ServeSweep> {
  const byTexts = new Map<number, ServeSweep>();
  for (const sweep of sweeps) {
    if (byTexts.has(sweep.textsPerRequest)) {
      fail(
        'texts per request',
        'one sweep per texts-per-request value',
        `${sweep.textsPerRequest} twice on the ${side}`,
      );
    }
    byTexts.set(sweep.textsPerRequest, sweep);
  }
  return byTexts;
}

/** Every sweep of the base paired with the head's of the same texts per request; throws a UsageError otherwise. */
export function pairServeSweeps(base: readonly ServeSweep[], head: readonly ServeSweep[]): PairedSweep[] {
  const baseSweeps = indexSweeps(base, 'base');
  const headSweeps = indexSweeps(head, 'head');
  const baseTexts = [...baseSweeps.keys()].sort((a, b) => a - b);
  const headTexts = [...headSweeps.keys()].sort((a, b) => a - b);
  if (baseTexts.length === 0 || baseTexts.join() !== headTexts.join()) {
    fail(
      'texts per request',
      'sweeps of the same texts per request on both sides',
      `${formatList(baseTexts)} on the base and ${formatList(headTexts)} on the head`,
    );
  }
  return baseTexts.map((texts) =>
    pairSweep(baseSweeps.get(texts) as ServeSweep, headSweeps.get(texts) as ServeSweep),
  );
}
