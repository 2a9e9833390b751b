/**
 * Change points of one history series, from two signals:
 *
 * - level: E-divisive means with a permutation test on the recorded values (log scale), run separately on
 *   each stretch of one machine, so a change of machine is never reported as a change point (it is reported
 *   as a machine change instead); one-night outliers (a run in a slow speed regime) are left out first;
 * - chained: nights whose chained-duet ratio (head ÷ previous commit, side by side) is a step. A ratio is
 *   measured inside one run on one machine, so it stays valid across machine changes.
 *
 * A level change point across nights whose chained ratios each held 1 in their interval is the machine's,
 * not the code's: the commits were measured side by side and did not differ. It is reported as a level shift,
 * not a change point (in 20 real A/A nights made here the level signal split seven series so, every ratio ≈ 1).
 *
 * Pure and seeded: the same series and options give the same change points.
 */
// imported from their modules, not stats/index.js: the worker bundle, which uses stats/index.js, stays without them
import {
  detectChangePoints,
  type ChangePointOptions,
  type RelativeChange,
} from '../ground/stats/change-points.js';
import { findIsolatedOutliers } from '../ground/stats/isolated-outliers.js';
import {
  detectRatioSteps,
  type RatioObservation,
  type RatioStepOptions,
} from '../ground/stats/ratio-steps.js';
import type { ChangePoint, Estimate, HistorySeries, SeriesPoint } from './history-series.js';

export type ChangeSignal = 'level' | 'chained';

export interface SeriesCheckOptions {
  /** Seed of the permutation tests. */
  seed: number;
  /** E-divisive settings for the level signal (see DEFAULT_LEVEL_OPTIONS). */
  level?: Omit<ChangePointOptions, 'seed'>;
  /** Step test settings for the chained signal (see DEFAULT_CHAINED_OPTIONS). */
  chained?: RatioStepOptions;
  /** Only the newest `window` points are searched; older change points are not reported (default: all). */
  window?: number;
}

export interface MachineChange {
  /** Index of the first point on the new machine. */
  index: number;
  fromMachine: string;
  toMachine: string;
  fromCommit: string;
  toCommit: string;
}

export interface SeriesChangeReport {
  /** The series with `changePoints` filled: the chained ones, then level ones at other indices, by index. */
  series: HistorySeries;
  level: ChangePoint[];
  chained: ChangePoint[];
  /** Level change points the chained ratios put on the machine (every night across it held 1). */
  levelShifts: ChangePoint[];
  machineChanges: MachineChange[];
  /** Indices the level signal left out as isolated outliers (one-night speed regimes), ascending. */
  outliers: number[];
  /** Points searched in the newest machine's stretch (what the level signal can see at the newest night). */
  newestStretch: number;
}

/** Defaults measured by scripts/validate-history.ts on this machine's noise model. */
export const DEFAULT_LEVEL_OPTIONS: Required<Omit<ChangePointOptions, 'seed'>> = {
  minSegmentSize: 3,
  maxPValue: 0.01,
  permutations: 199,
  minMagnitude: 0.03,
  confidence: 0.95,
};
export const DEFAULT_CHAINED_OPTIONS: Required<RatioStepOptions> = {
  maxPValue: 0.003,
  minHistory: 8,
  minMagnitude: 0.03,
  confidence: 0.95,
  horizon: 0.05,
};

/** Every index where the machine differs from the point before. */
export function findMachineChanges(points: readonly SeriesPoint[]): MachineChange[] {
  const changes: MachineChange[] = [];
  points.forEach((point, index) => {
    const previous = points[index - 1];
    if (previous === undefined || previous.machine === point.machine) return;
    const fromCommit = previous.commit;
    changes.push({
      index,
      fromMachine: previous.machine,
      toMachine: point.machine,
      fromCommit,
      toCommit: point.commit,
    });
  });
  return changes;
}

/** [start, end) ranges of one machine each, covering points[first, points.length). */
function listMachineStretches(
  points: readonly SeriesPoint[],
  first: number,
): { start: number; end: number }[] {
  const stretches: { start: number; end: number }[] = [];
  let start = first;
  for (let index = first + 1; index <= points.length; index++) {
    if (index < points.length && points[index]?.machine === points[start]?.machine) continue;
    stretches.push({ start, end: index });
    start = index;
  }
  return stretches.filter((stretch) => stretch.end > stretch.start);
}

function toEstimate(change: RelativeChange): Estimate {
  return { value: change.estimate, lower: change.low, upper: change.high };
}

interface FoundChange {
  index: number;
  /** The last point the change is measured from (before `index`; earlier when outliers lie between). */
  previousIndex: number;
  magnitude: RelativeChange;
  pValue: number;
}

function buildChangePoint(series: HistorySeries, found: FoundChange): ChangePoint {
  const after = series.points[found.index];
  if (after === undefined) throw new RangeError(`change point ${found.index} is outside the series`);
  const before = series.points[found.previousIndex];
  const magnitude = toEstimate(found.magnitude);
  return {
    index: found.index,
    fromCommit: before?.commit ?? after.parent ?? '(none)',
    toCommit: after.commit,
    magnitude,
    pValue: found.pValue,
    regression: series.betterWhen === 'higher' ? magnitude.value < 0 : magnitude.value > 0,
  };
}

interface LevelChanges {
  found: FoundChange[];
  /** Series indices left out as isolated outliers. */
  outliers: number[];
}

/** E-divisive on one machine's stretch, without its isolated outliers (slow-regime nights). */
function findStretchChanges(
  series: HistorySeries,
  stretch: { start: number; end: number },
  options: SeriesCheckOptions,
): LevelChanges {
  const values = series.points.slice(stretch.start, stretch.end).map((point) => point.value);
  const outliers = new Set(findIsolatedOutliers(values.map(Math.log)));
  const kept = values.flatMap((_, at) => (outliers.has(at) ? [] : [at]));
  const settings = { ...DEFAULT_LEVEL_OPTIONS, ...options.level, seed: options.seed + stretch.start };
  const found = detectChangePoints(
    kept.map((at) => values[at] as number),
    settings,
  ).map((change) => ({
    ...change,
    index: stretch.start + (kept[change.index] as number),
    previousIndex: stretch.start + (kept[change.index - 1] as number),
  }));
  return { found, outliers: [...outliers].map((at) => stretch.start + at) };
}

function findLevelChanges(series: HistorySeries, first: number, options: SeriesCheckOptions): LevelChanges {
  const parts = listMachineStretches(series.points, first).map((stretch) =>
    findStretchChanges(series, stretch, options),
  );
  return { found: parts.flatMap((part) => part.found), outliers: parts.flatMap((part) => part.outliers) };
}

function findChainedSteps(series: HistorySeries, first: number, options: SeriesCheckOptions): FoundChange[] {
  const observations = series.points.slice(first).map((point): RatioObservation | null => {
    const chained = point.chainedRatio;
    if (chained === null) return null;
    return {
      ratio: chained.value,
      low: chained.lower,
      high: chained.upper,
      changeFound: chained.changeFound,
    };
  });
  const steps = detectRatioSteps(observations, { ...DEFAULT_CHAINED_OPTIONS, ...options.chained });
  return steps.map((step) => ({ ...step, index: step.index + first, previousIndex: step.index + first - 1 }));
}

/** True when every night from after `found.previousIndex` to `found.index` has a chained interval holding 1. */
function isExplainedByMachine(series: HistorySeries, found: FoundChange): boolean {
  const nights = series.points.slice(found.previousIndex + 1, found.index + 1);
  return (
    nights.length > 0 &&
    nights.every((point) => {
      const ratio = point.chainedRatio;
      return (
        ratio !== null && ratio.lower !== null && ratio.upper !== null && ratio.lower <= 1 && ratio.upper >= 1
      );
    })
  );
}

/** The change points of one series (see the module comment); `series.changePoints` is ignored and replaced. */
export function findSeriesChangePoints(
  series: HistorySeries,
  options: SeriesCheckOptions,
): SeriesChangeReport {
  const window = options.window ?? series.points.length;
  if (!Number.isInteger(window) || window < 1) {
    throw new RangeError(`window is ${window}: expected an integer ≥ 1 (points searched), e.g. 30`);
  }
  const first = Math.max(0, series.points.length - window);
  const levelChanges = findLevelChanges(series, first, options);
  const explained = levelChanges.found.filter((found) => isExplainedByMachine(series, found));
  const level = levelChanges.found
    .filter((found) => !explained.includes(found))
    .map((found) => buildChangePoint(series, found));
  const chained = findChainedSteps(series, first, options).map((found) => buildChangePoint(series, found));
  const chainedIndices = new Set(chained.map((change) => change.index));
  const changePoints = [...chained, ...level.filter((change) => !chainedIndices.has(change.index))].sort(
    (a, b) => a.index - b.index,
  );
  const stretches = listMachineStretches(series.points, first);
  const newest = stretches[stretches.length - 1];
  return {
    series: { ...series, changePoints },
    level,
    chained,
    levelShifts: explained.map((found) => buildChangePoint(series, found)),
    machineChanges: findMachineChanges(series.points),
    outliers: levelChanges.outliers,
    newestStretch: newest === undefined ? 0 : newest.end - newest.start,
  };
}
