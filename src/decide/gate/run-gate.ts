/**
 * The baseline gate once its inputs are resolved: measure every cell, choose the baseline for this run's
 * fingerprint, compare, then adaptive sampling (adaptive-sampling.ts) with the real measurement: extra
 * processes for the inconclusive cells, merged into the cells' states, profile rebuilt with buildProfile.
 */
import type { LoadedBaseline } from '../baseline/baseline-files.js';
import { createFingerprint } from '../baseline/fingerprint.js';
import type { Comparison, ComparisonReference } from '../compare/comparison-schema.js';
import type { ProgressReporter } from '../../measure/protocol/schedule/progress.js';
import type { CellState } from '../../measure/protocol/schedule/run-cells.js';
import { formatCellLabel, type CellKey } from '../../ground/schema/cell-key.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import {
  describeAdaptiveSampling,
  runAdaptiveSampling,
  type AdaptiveSamplingResult,
} from './adaptive-sampling.js';
import { pickBaseline } from '../baseline/choose-baseline.js';
import type { ProfileMeasurement } from '../../measure/sweep/profile-measurement.js';
import { compareWithLoadedBaseline, type ComparisonRequest } from './comparison-request.js';
import type { StopRule } from './inconclusive-cells.js';
import { mergeCellStates } from './merge-cell-states.js';

/** Fresh processes added to each inconclusive cell per extra round, and the most rounds a gate runs. */
export const EXTRA_PROCESSES_PER_ROUND = 2;
export const MAX_EXTRA_ROUNDS = 5;

export interface GateRunInput {
  measurement: ProfileMeasurement;
  candidates: readonly LoadedBaseline[];
  comparison: ComparisonRequest;
  processesPerCell: number;
  seed: number;
  budgetSeconds: number;
  stopRule: StopRule;
  /** Seconds since the gate command started (the budget covers the whole command). */
  elapsedSeconds: () => number;
  progress: ProgressReporter;
  /** Why a duet gate fell back to this baseline; null for a plain baseline gate. */
  reference?: ComparisonReference | null;
}

export interface GateRunResult {
  profile: Profile;
  comparison: Comparison;
  sampling: AdaptiveSamplingResult;
}

function countRuns(states: ReadonlyMap<string, CellState>): number {
  return [...states.values()].reduce((sum, state) => sum + state.runs.length, 0);
}

/** The progress line of an extra round; `unit` is "process(es)", or "pair(s)" in duet mode. */
export function describeRound(cells: CellKey[], round: number, unit = 'process(es)'): string {
  const labels = cells.map(formatCellLabel).join(', ');
  return `adaptive sampling, round ${round}: ${EXTRA_PROCESSES_PER_ROUND} more ${unit} for ${labels}`;
}

export async function runGate(input: GateRunInput): Promise<GateRunResult> {
  const { measurement, progress } = input;
  const started = input.elapsedSeconds();
  let states = await measurement.measure(measurement.cells, input.processesPerCell, input.seed);
  const secondsPerProcess = (input.elapsedSeconds() - started) / Math.max(1, countRuns(states));
  const analysis = await measurement.analyze();
  const first = measurement.build(states, analysis);
  const fingerprint = createFingerprint(first);
  const { policy, baseline: request } = input.comparison;
  const baseline = pickBaseline(input.candidates, fingerprint, policy, request);
  const sampling = await runAdaptiveSampling({
    cells: measurement.cells,
    profile: first,
    compare: (profile) =>
      compareWithLoadedBaseline(baseline, profile, input.comparison.options, input.reference ?? undefined),
    measure: async (cells, processes, round) => {
      const extra = await measurement.measure(cells, processes, input.seed + round);
      states = mergeCellStates(states, extra);
      return measurement.build(states, analysis);
    },
    processesPerRound: EXTRA_PROCESSES_PER_ROUND,
    maxRounds: MAX_EXTRA_ROUNDS,
    budgetSeconds: input.budgetSeconds,
    stopRule: input.stopRule,
    elapsedSeconds: input.elapsedSeconds,
    secondsPerProcess,
    onRound: (cells, round) => progress.note(describeRound(cells, round)),
  });
  const { overall } = sampling.comparison;
  const notes = [...overall.notes, describeAdaptiveSampling(sampling)];
  const comparison = { ...sampling.comparison, overall: { ...overall, notes } };
  return { profile: sampling.profile, comparison, sampling };
}
