/**
 * The notes of a comparison: what a reader must know to trust (or distrust) the verdict — machine mismatch
 * and what was done about it, legacy origin, speed regimes, excluded processes, unmatched cells. Pure.
 */
import type { Baseline } from '../baseline/baseline-schema.js';
import type {
  CellComparison,
  Comparison,
  ComparisonReference,
  ComparisonSettings,
  MachineComparison,
  MachineMismatchPolicy,
} from './comparison-schema.js';
import { formatChange } from './describe-change.js';

/** What the run was compared with, first among the notes. */
export function describeReferenceNotes(reference: ComparisonReference): string[] {
  switch (reference.kind) {
    case 'base-ref':
      return [
        `duet mode: the base (${reference.ref} = ${reference.commit.slice(0, 12)}) and this head were measured side by side in neighbouring processes; intervals from the paired ratios`,
      ];
    case 'baseline':
      return reference.fallbackReason === null
        ? []
        : [`compared with the committed baseline instead of the base: ${reference.fallbackReason}`];
  }
}

export function describeMachineNotes(machine: MachineComparison, settings: ComparisonSettings): string[] {
  switch (machine.kind) {
    case 'same':
      return describeSoftware(machine.softwareDifferences);
    case 'unknown':
      return [machine.reason];
    case 'different': {
      const what = `machine mismatch (${machine.differences.join('; ')})`;
      const residual = formatChange(2 * settings.normalizationResidualCv).replace('+', '±');
      const normalized = `calibration-normalized throughput compared; changes within about ${residual} cannot be resolved across machines`;
      const byPolicy: Record<MachineMismatchPolicy, string> = {
        normalize: `${what}: ${normalized}`,
        fail: `${what}: the gate fails (onMachineMismatch 'fail'); ${normalized}`,
        warn: `${what}: raw throughput compared anyway (onMachineMismatch 'warn'): indicative only, never fails the gate`,
        skip: `${what}: nothing compared (onMachineMismatch 'skip')`,
      };
      return [byPolicy[machine.policy], ...describeSoftware(machine.softwareDifferences)];
    }
  }
}

function describeSoftware(differences: readonly string[]): string[] {
  if (differences.length === 0) return [];
  return [`software differs from the baseline (${differences.join('; ')}): changes may come from it`];
}

export function describeLegacyNotes(baseline: Baseline): string[] {
  const origin = baseline.origin;
  switch (origin.kind) {
    case 'embedprof':
      return [];
    case 'legacy':
      return [
        `legacy baseline (${origin.file}): ${origin.note}, never fails the gate; raw texts/s compared`,
        ...origin.adjustments.map((adjustment) => `legacy adjustment: ${adjustment}`),
      ];
  }
}

export function describeRegimeNotes(
  regimes: Comparison['speedRegimes'],
  cells: readonly CellComparison[],
  settings: ComparisonSettings,
): string[] {
  if (regimes === null || regimes.length < 2) return [];
  const ranges = regimes
    .map((r) => `${r.lowGflops.toFixed(0)}–${r.highGflops.toFixed(0)} GFLOP/s`)
    .join(', ');
  const speed = cells.flatMap((cell) => cell.metrics.filter((item) => item.metric === 'throughput'));
  const matched = speed.filter(
    (item) =>
      item.basis === 'raw' &&
      item.current.excludedByRegime.length + item.baseline.excludedByRegime.length > 0,
  ).length;
  const normalized = speed.filter((item) => item.basis === 'calibration-normalized').length;
  const notes = [
    `speed regimes: ${regimes.length} found by the calibration probe (${ranges})`,
    ...describeRegimeSides(regimes, settings),
  ];
  if (settings.design === 'paired') return notes;
  if (settings.speedRegimes === 'ignore')
    return [...notes, 'speed regimes ignored (speedRegimes: ignore): raw speed of every process compared'];
  if (matched > 0) notes.push(`${matched} cell(s) compared on the processes of the regime both sides share`);
  if (normalized > 0) {
    const residual = formatChange(settings.normalizationResidualCv).replace('+', '±');
    notes.push(
      `${normalized} cell(s) share no regime: calibration-normalized throughput compared, with a ${residual} residual error in their intervals`,
    );
  }
  return notes;
}

type Regimes = NonNullable<Comparison['speedRegimes']>;

/** Which regime holds most of a side's processes (its index), or null when it has none. */
function findMainRegime(regimes: Regimes, side: 'baselineProcesses' | 'currentProcesses'): number | null {
  let best: number | null = null;
  regimes.forEach((regime, index) => {
    if (regime[side] > 0 && (best === null || regime[side] > (regimes[best]?.[side] ?? 0))) best = index;
  });
  return best;
}

/** Whether the two sides ran mostly in the same regime: with a baseline, a warning; in duet mode, a fact. */
function describeRegimeSides(regimes: Regimes, settings: ComparisonSettings): string[] {
  const base = findMainRegime(regimes, 'baselineProcesses');
  const head = findMainRegime(regimes, 'currentProcesses');
  if (base === null || head === null) return [];
  const range = (index: number) => {
    const regime = regimes[index];
    return regime === undefined ? '?' : `${regime.lowGflops.toFixed(0)}–${regime.highGflops.toFixed(0)}`;
  };
  const sides = settings.design === 'paired' ? ['base', 'head'] : ['baseline', 'this run'];
  if (base === head) return [`${sides[0]} and ${sides[1]} ran mostly in the same regime (${range(base)})`];
  const what = `${sides[0]} ran mostly in ${range(base)}, ${sides[1]} in ${range(head)}`;
  return settings.design === 'paired'
    ? [`${what}: pairs of neighbouring processes share their regime, so the paired ratios cancel it`]
    : [`${what}: the two were measured in different speed regimes`];
}

/** Outlier processes dropped from gated metrics (the others are visible in their cells). */
export function describeExclusionNotes(cells: readonly CellComparison[]): string[] {
  const excluded = cells.flatMap((cell) =>
    cell.metrics.flatMap((item) => {
      if (!item.gated) return [];
      const sides = [
        ...item.baseline.excludedOutliers.map((index) => `baseline #${index}`),
        ...item.current.excludedOutliers.map((index) => `current #${index}`),
      ];
      return sides.length === 0 ? [] : [`${cell.label} ${item.metric}: ${sides.join(', ')}`];
    }),
  );
  return excluded.length === 0 ? [] : [`outlier processes excluded by the MAD rule: ${excluded.join('; ')}`];
}

export function describeUngatedNotes(cells: readonly CellComparison[]): string[] {
  return cells.flatMap((cell) =>
    cell.metrics
      .filter((item) => !item.gated && item.verdict === 'regression')
      .map((item) => `${item.metric} regressed at ${cell.label} (not gated): ${item.reason}`),
  );
}

export function describeUnmatchedNotes(unmatched: Comparison['unmatchedCells']): string[] {
  const list = (side: 'baseline' | 'current') =>
    unmatched.filter((cell) => cell.onlyIn === side).map((cell) => cell.label);
  const onlyBaseline = list('baseline');
  const onlyCurrent = list('current');
  return [
    ...(onlyBaseline.length > 0
      ? [`cells only in the baseline (not measured now): ${onlyBaseline.join(', ')}`]
      : []),
    ...(onlyCurrent.length > 0
      ? [`cells only in the current run (no baseline): ${onlyCurrent.join(', ')}`]
      : []),
  ];
}
