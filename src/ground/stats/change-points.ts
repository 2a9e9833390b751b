/**
 * Change points of a positive series (throughput, latency, memory over nights) by E-divisive means with a
 * permutation test, on log values so a step is relative: split the series where the energy distance between
 * the two parts is largest, keep the split when its permutation p-value is ≤ `maxPValue` (and, optionally,
 * the step is at least `minMagnitude`), and split both parts again until nothing significant remains.
 * Seeded: the same values and options give the same change points.
 */
import { createRandom } from '../random/index.js';
import type { Random } from '../random/index.js';
import { computeMean } from './descriptive.js';
import { findBestSplit, testSplitSignificance } from './energy-divisive.js';
import { computeRatioInterval } from './intervals.js';
import { assertConfidence, assertInteger, assertPositiveSample } from './validate.js';

export interface ChangePointOptions {
  /** Seed of the permutation test's shuffles. */
  seed: number;
  /** Fewest values on either side of a change point (default 3, at least 2 so each side has a spread). */
  minSegmentSize?: number;
  /** A split is kept when its permutation p-value is at most this (default 0.01). */
  maxPValue?: number;
  /** Shuffles per permutation test (default 199; the smallest possible p-value is 1 ÷ (permutations + 1)). */
  permutations?: number;
  /** A split is kept only when |after ÷ before − 1| of its two parts is at least this (default 0). */
  minMagnitude?: number;
  /** Confidence of the magnitude's interval (default 0.95). */
  confidence?: number;
}

export interface RelativeChange {
  /** after ÷ before − 1 of the geometric means (−0.1 = 10 % lower after). */
  estimate: number;
  /** Interval bounds (Welch's t on the logs); null when a side has no spread to estimate one from. */
  low: number | null;
  high: number | null;
}

export interface DetectedChangePoint {
  /** Index of the first value after the change. */
  index: number;
  /** The change between the neighbouring segments (from the previous change point to the next one). */
  magnitude: RelativeChange;
  pValue: number;
  /** The energy statistic Q of the split. */
  statistic: number;
}

type Settings = Required<Omit<ChangePointOptions, 'seed'>>;

interface Split {
  index: number;
  pValue: number;
  statistic: number;
}

function readSettings(options: ChangePointOptions): Settings {
  const settings: Settings = {
    minSegmentSize: options.minSegmentSize ?? 3,
    maxPValue: options.maxPValue ?? 0.01,
    permutations: options.permutations ?? 199,
    minMagnitude: options.minMagnitude ?? 0,
    confidence: options.confidence ?? 0.95,
  };
  assertInteger(settings.minSegmentSize, 'minSegmentSize', 2);
  assertInteger(settings.permutations, 'permutations', 1);
  if (!(settings.maxPValue > 0 && settings.maxPValue < 1)) {
    throw new RangeError(`maxPValue is ${settings.maxPValue}: expected a number in (0, 1), e.g. 0.01`);
  }
  if (!(settings.minMagnitude >= 0)) {
    throw new RangeError(`minMagnitude is ${settings.minMagnitude}: expected a number ≥ 0, e.g. 0.03`);
  }
  assertConfidence(settings.confidence);
  return settings;
}

/** The significant split of logs[start, end), or null. */
function splitSegment(
  logs: readonly number[],
  range: { start: number; end: number },
  settings: Settings,
  random: Random,
): Split | null {
  const segment = logs.slice(range.start, range.end);
  const candidate = findBestSplit(segment, settings.minSegmentSize);
  if (candidate === null) return null;
  const step = computeMean(segment.slice(candidate.index)) - computeMean(segment.slice(0, candidate.index));
  if (Math.abs(Math.expm1(step)) < settings.minMagnitude) return null;
  const outcome = testSplitSignificance(segment, candidate.statistic, {
    minSize: settings.minSegmentSize,
    permutations: settings.permutations,
    maxPValue: settings.maxPValue,
    random,
  });
  if (outcome.pValue > settings.maxPValue) return null;
  return { index: range.start + candidate.index, pValue: outcome.pValue, statistic: candidate.statistic };
}

/** Binary segmentation, breadth first so the random stream is consumed in a fixed order. */
function findSplits(logs: readonly number[], settings: Settings, random: Random): Split[] {
  const splits: Split[] = [];
  const queue = [{ start: 0, end: logs.length }];
  for (let range = queue.shift(); range !== undefined; range = queue.shift()) {
    const split = splitSegment(logs, range, settings, random);
    if (split === null) continue;
    splits.push(split);
    queue.push({ start: range.start, end: split.index }, { start: split.index, end: range.end });
  }
  return splits.sort((a, b) => a.index - b.index);
}

function estimateChange(
  before: readonly number[],
  after: readonly number[],
  confidence: number,
): RelativeChange {
  const interval = computeRatioInterval(before, after, confidence);
  if (interval.kind === 'determined') {
    return { estimate: interval.estimate, low: interval.low, high: interval.high };
  }
  return { estimate: interval.estimate ?? 0, low: null, high: null };
}

/**
 * The change points of `values` (every value > 0), ascending by index. Each one's magnitude compares the
 * segment before it with the segment after it, each bounded by the neighbouring change points.
 */
export function detectChangePoints(
  values: readonly number[],
  options: ChangePointOptions,
): DetectedChangePoint[] {
  const settings = readSettings(options);
  if (values.length === 0) return [];
  assertPositiveSample(values, 'change-point series');
  const splits = findSplits(values.map(Math.log), settings, createRandom(options.seed));
  const bounds = [0, ...splits.map((split) => split.index), values.length];
  return splits.map((split, at) => ({
    index: split.index,
    magnitude: estimateChange(
      values.slice(bounds[at], split.index),
      values.slice(split.index, bounds[at + 2]),
      settings.confidence,
    ),
    pValue: split.pValue,
    statistic: split.statistic,
  }));
}
