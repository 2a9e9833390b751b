/**
 * The open-loop schedule of one measurement window: when each request is due and which corpus texts it
 * carries, fixed before the first request leaves. Everything is drawn from the schedule's seed, so base and
 * head (and two runs) see the same requests at the same offsets: the comparison is paired, request by request.
 *
 * - Poisson arrivals: exponential gaps of mean 1000 / rate ms (inverse transform of a uniform draw), from the
 *   window's start; the count in a window is Poisson(rate × duration), not exactly rate × duration.
 * - Constant arrivals: one request every 1000 / rate ms, the first at 0: exactly ⌈rate × duration⌉ requests.
 *
 * Each request carries `textsPerRequest` consecutive corpus texts from a drawn start (wrapping around), so the
 * texts of one request are distinct whenever the corpus has enough of them, and requests mix text lengths.
 */
import { createRandom, type Random } from '../../ground/random/index.js';
import type { PlannedRequest, ScheduleRequest } from './serve-types.js';

/** The planned requests of one window, in due order, from the schedule and the number of corpus texts. */
export function planArrivals(schedule: ScheduleRequest, corpusSize: number): PlannedRequest[] {
  checkSchedule(schedule, corpusSize);
  const windowMs = schedule.durationSeconds * 1000;
  // gaps and texts come from two streams seeded from the one seed: the same seed gives the same texts
  // under either arrival process, and the gaps do not depend on the texts per request
  const root = createRandom(schedule.seed);
  const gapSeed = root.nextUint32();
  const texts = createRandom(root.nextUint32());
  const dueTimes = listDueTimes(schedule, windowMs, gapSeed);
  return dueTimes.map((dueMs) => ({
    dueMs,
    textIndices: drawTextIndices(texts, schedule.textsPerRequest, corpusSize),
  }));
}

function listDueTimes(schedule: ScheduleRequest, windowMs: number, gapSeed: number): number[] {
  const meanGapMs = 1000 / schedule.ratePerSecond;
  const arrivals = schedule.arrivals;
  switch (arrivals.kind) {
    case 'constant': {
      const count = Math.ceil(windowMs / meanGapMs - 1e-9);
      return Array.from({ length: count }, (_, i) => i * meanGapMs);
    }
    case 'poisson':
      return listPoissonTimes(createRandom(gapSeed), meanGapMs, windowMs);
    default: {
      const unknown: never = arrivals;
      throw new RangeError(`unknown arrival process ${JSON.stringify(unknown)}`);
    }
  }
}

/** Arrival times of a Poisson process on [0, windowMs): cumulative exponential gaps. */
function listPoissonTimes(random: Random, meanGapMs: number, windowMs: number): number[] {
  const times: number[] = [];
  let time = drawExponential(random, meanGapMs);
  while (time < windowMs) {
    times.push(time);
    time += drawExponential(random, meanGapMs);
  }
  return times;
}

/** Exponential with the given mean: −mean · ln(1 − U), U uniform on [0, 1), so the log never sees 0. */
function drawExponential(random: Random, mean: number): number {
  return -mean * Math.log(1 - random.nextFloat());
}

function drawTextIndices(random: Random, count: number, corpusSize: number): number[] {
  const start = random.nextInt(corpusSize);
  return Array.from({ length: count }, (_, i) => (start + i) % corpusSize);
}

/** The schedule comes from the settings, which validate the flags: a bad value here is a caller's bug. */
function checkSchedule(schedule: ScheduleRequest, corpusSize: number): void {
  const { ratePerSecond, durationSeconds, textsPerRequest, seed } = schedule;
  if (!(Number.isFinite(ratePerSecond) && ratePerSecond > 0)) {
    throw new RangeError(`ratePerSecond is ${ratePerSecond}: expected a finite number > 0`);
  }
  if (!(Number.isFinite(durationSeconds) && durationSeconds > 0)) {
    throw new RangeError(`durationSeconds is ${durationSeconds}: expected a finite number > 0`);
  }
  if (!(Number.isInteger(textsPerRequest) && textsPerRequest >= 1)) {
    throw new RangeError(`textsPerRequest is ${textsPerRequest}: expected an integer ≥ 1`);
  }
  if (!(Number.isInteger(corpusSize) && corpusSize >= 1)) {
    throw new RangeError(`corpusSize is ${corpusSize}: expected an integer ≥ 1`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed is ${seed}: expected a safe integer`);
}
