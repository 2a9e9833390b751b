/**
 * Decides, per cell, how speed (throughput, latency) is compared — see speed-regimes.ts for the why:
 * - same machine: raw speed, on the processes of a speed regime both sides share; calibration-normalized
 *   (with its residual error) when they share none;
 * - another machine under onMachineMismatch 'normalize' or 'fail': calibration-normalized everywhere;
 * - a legacy baseline, or 'warn': raw speed of all processes (the verdict is then indicative only).
 */
import type { Baseline, BaselineCell } from '../baseline/baseline-schema.js';
import type { ComparisonSettings } from './comparison-schema.js';
import type { SpeedPlan } from './cell-evidence.js';
import type { SpeedRegime } from './speed-regimes.js';
import { detectSpeedRegimes, findRegimeIndex, selectCommonRegime } from './speed-regimes.js';

export type SpeedMode = 'same-machine' | 'normalize' | 'raw';

export interface SpeedContext {
  mode: SpeedMode;
  regimes: SpeedRegime[] | null;
  speedRegimes: ComparisonSettings['speedRegimes'];
  residualSd: number;
}

function collectProbes(baseline: Baseline): number[] {
  return baseline.cells.flatMap((cell) => cell.probeGflops ?? []);
}

/** Regimes found in the probe scores of both sides; null when either side has none. */
export function detectComparisonRegimes(
  baseline: Baseline,
  current: Baseline,
  gap: number,
): SpeedRegime[] | null {
  const baselineProbes = collectProbes(baseline);
  const currentProbes = collectProbes(current);
  if (baselineProbes.length === 0 || currentProbes.length === 0) return null;
  return detectSpeedRegimes([...baselineProbes, ...currentProbes], gap);
}

/** How many processes of each side ran in each regime. */
export function countRegimeProcesses(regimes: readonly SpeedRegime[], baseline: Baseline, current: Baseline) {
  const count = (probes: number[], regime: number) =>
    probes.filter((score) => findRegimeIndex(regimes, score) === regime).length;
  return regimes.map((regime, index) => ({
    ...regime,
    baselineProcesses: count(collectProbes(baseline), index),
    currentProcesses: count(collectProbes(current), index),
  }));
}

function canNormalize(baselineCell: BaselineCell, currentCell: BaselineCell): boolean {
  const has = (cell: BaselineCell) => cell.probeGflops !== null && cell.normalizedThroughput !== null;
  return has(baselineCell) && has(currentCell);
}

const ALL_PROCESSES: SpeedPlan = { basis: 'raw', baselineIndices: null, currentIndices: null };

/** The speed plan of one matched cell. */
export function planSpeed(
  context: SpeedContext,
  baselineCell: BaselineCell,
  currentCell: BaselineCell,
): SpeedPlan {
  const normalized: SpeedPlan = { basis: 'calibration-normalized', residualSd: context.residualSd };
  switch (context.mode) {
    case 'raw':
      return ALL_PROCESSES;
    case 'normalize':
      return canNormalize(baselineCell, currentCell) ? normalized : ALL_PROCESSES;
    case 'same-machine': {
      const baselineProbes = baselineCell.probeGflops;
      const currentProbes = currentCell.probeGflops;
      if (context.speedRegimes === 'ignore' || context.regimes === null) return ALL_PROCESSES;
      if (baselineProbes === null || currentProbes === null) return ALL_PROCESSES;
      const selection = selectCommonRegime(context.regimes, baselineProbes, currentProbes);
      switch (selection.kind) {
        case 'single-regime':
          return ALL_PROCESSES;
        case 'common-regime':
          return {
            basis: 'raw',
            baselineIndices: selection.baselineIndices,
            currentIndices: selection.currentIndices,
          };
        case 'no-common-regime':
          return canNormalize(baselineCell, currentCell) ? normalized : ALL_PROCESSES;
      }
    }
  }
}
