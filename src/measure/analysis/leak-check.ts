/**
 * Leak check: RSS after each round of embedding (GC-settled), fitted against the number of texts processed.
 * The slope is in MB per 1,000 texts; its 95 % CI decides the verdict against a threshold:
 *   leak          the whole CI is above the threshold (growth is real and at least that large),
 *   no-leak       the whole CI is below the threshold (any growth is smaller than that),
 *   inconclusive  the CI contains the threshold, or no slope could be fitted (fewer than 3 readings).
 */
import type { LeakCheck, SlopeFit } from '../../ground/schema/analysis-schema.js';
import { formatSigned } from './format-text.js';
import { fitSlope } from './slope-fit.js';

export interface LeakReading {
  /** Texts embedded before this reading (0 for the reading before the first round). */
  texts: number;
  rssMB: number;
  heapUsedMB: number;
}

export interface LeakCheckOptions {
  thresholdMBPer1000Texts: number;
  rounds: number;
  textsPerRound: number;
}

/**
 * 1 MB per 1,000 texts is about 1 KB kept per text: 1 GB after a million texts, which takes a
 * long-running embedding service down, while smaller drifts are within allocator noise for short checks.
 */
export const DEFAULT_LEAK_THRESHOLD_MB_PER_1000_TEXTS = 1;

/**
 * Total RSS growth over a check below which allocator noise (arena growth, page-cache and trimming jitter
 * of a few MB) can pass for a trend; the threshold is raised so that crossing it means at least this much.
 */
export const MIN_DETECTABLE_GROWTH_MB = 5;

/**
 * The default threshold for a planned check: 1 MB per 1,000 texts, raised for short checks so that the
 * threshold growth over the whole check is at least MIN_DETECTABLE_GROWTH_MB (e.g. 2,000 texts → 2.5).
 */
export function chooseLeakThreshold(plan: { rounds: number; textsPerRound: number }): number {
  assertCount(plan.rounds, 'rounds');
  assertCount(plan.textsPerRound, 'textsPerRound');
  const thousands = (plan.rounds * plan.textsPerRound) / 1000;
  return Math.max(DEFAULT_LEAK_THRESHOLD_MB_PER_1000_TEXTS, MIN_DETECTABLE_GROWTH_MB / thousands);
}

/** The result when the check was not run (disabled, or the engine cannot run it). */
export function skipLeakCheck(reason: string): LeakCheck {
  return { verdict: 'not-run', reason };
}

function assertCount(value: number, label: string): void {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${label} is ${value}: expected an integer ≥ 1`);
}

function assertInputs(readings: readonly LeakReading[], options: LeakCheckOptions): void {
  const threshold = options.thresholdMBPer1000Texts;
  if (!(Number.isFinite(threshold) && threshold > 0)) {
    throw new RangeError(`thresholdMBPer1000Texts is ${threshold}: expected a finite number > 0`);
  }
  assertCount(options.rounds, 'rounds');
  assertCount(options.textsPerRound, 'textsPerRound');
  readings.forEach((reading, index) => {
    if (!Number.isInteger(reading.texts) || reading.texts < 0) {
      throw new RangeError(`readings[${index}].texts is ${reading.texts}: expected an integer ≥ 0`);
    }
    if (!Number.isFinite(reading.rssMB) || !Number.isFinite(reading.heapUsedMB)) {
      throw new RangeError(`readings[${index}] has a memory value that is not a finite number`);
    }
  });
}

const perThousand = (slope: number): string => `${formatSigned(slope)} MB per 1,000 texts`;

/** Where the growth sits: the JS heap growing as fast as RSS points at JS objects kept alive. */
function describeHeapShare(rssSlope: number, heap: SlopeFit): string {
  if (heap.kind === 'undetermined') return '';
  const where =
    heap.slope >= rssSlope / 2 ? 'mostly the V8 heap' : 'mostly native memory (ONNX Runtime, tokenizer)';
  return ` The JS heap changed ${perThousand(heap.slope)}: ${where}.`;
}

type MeasuredVerdict = Exclude<LeakCheck, { verdict: 'not-run' }>['verdict'];
type DeterminedSlope = Extract<SlopeFit, { kind: 'determined' }>;

function describeVerdict(
  fit: DeterminedSlope,
  threshold: number,
  heap: SlopeFit,
): { verdict: MeasuredVerdict; reason: string } {
  const interval = `95 % CI ${formatSigned(fit.low)} to ${formatSigned(fit.high)}, ${fit.n} readings`;
  const measured = `RSS changed ${perThousand(fit.slope)} (${interval})`;
  const limit = `the threshold of ${Number(threshold.toFixed(2))} MB per 1,000 texts`;
  if (fit.low > threshold) {
    const where = describeHeapShare(fit.slope, heap);
    return { verdict: 'leak', reason: `${measured}: the whole interval is above ${limit}.${where}` };
  }
  if (fit.high < threshold) {
    return { verdict: 'no-leak', reason: `${measured}: the whole interval is below ${limit}.` };
  }
  const advice = 'too noisy or too short to decide; run more rounds or more texts per round';
  return { verdict: 'inconclusive', reason: `${measured}: the interval contains ${limit}, ${advice}.` };
}

/** Fits RSS against texts processed (per 1,000) and decides leak / no-leak / inconclusive. */
export function assessLeak(readings: readonly LeakReading[], options: LeakCheckOptions): LeakCheck {
  assertInputs(readings, options);
  const thousands = readings.map((reading) => reading.texts / 1000);
  const fit = fitSlope(
    thousands,
    readings.map((reading) => reading.rssMB),
  );
  const heap = fitSlope(
    thousands,
    readings.map((reading) => reading.heapUsedMB),
  );
  const threshold = options.thresholdMBPer1000Texts;
  const outcome: { verdict: MeasuredVerdict; reason: string } =
    fit.kind === 'determined'
      ? describeVerdict(fit, threshold, heap)
      : { verdict: 'inconclusive', reason: `No RSS slope could be fitted: ${fit.reason}.` };
  return {
    verdict: outcome.verdict,
    slopeMBPer1000Texts: fit,
    thresholdMBPer1000Texts: threshold,
    rounds: options.rounds,
    textsPerRound: options.textsPerRound,
    readings: readings.map(({ texts, rssMB, heapUsedMB }) => ({ texts, rssMB, heapUsedMB })),
    reason: outcome.reason,
  };
}
