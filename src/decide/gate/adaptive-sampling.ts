/**
 * Adaptive sampling: after the first comparison, while some cells are inconclusive on a gated metric and the
 * time budget allows, measure more fresh processes for just those cells and compare again.
 *
 * Measuring and comparing are injected, so the loop is tested without worker processes: `measure` runs the
 * extra processes, merges them into the cells' states and returns the rebuilt profile; `compare` is
 * compareProfiles against the chosen baseline. A round starts only when its estimated duration (cells ×
 * processes × seconds per process, re-estimated after every round) fits in what is left of the budget.
 * Comparisons that cannot fail the gate (skipped, or indicative only) are not sampled further.
 */
import type { Comparison } from '../compare/comparison-schema.js';
import { formatCellLabel, type CellKey } from '../../ground/schema/cell-key.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { findCellsToSample, type StopRule } from './inconclusive-cells.js';

export interface AdaptiveSamplingRequest {
  /** Every cell of the sweep, in sweep order. */
  cells: readonly CellKey[];
  /** The profile of the first pass. */
  profile: Profile;
  compare: (profile: Profile) => Comparison;
  /** Measures `processes` more processes for each of `cells`, merges them and returns the rebuilt profile. */
  measure: (cells: CellKey[], processes: number, round: number) => Promise<Profile>;
  processesPerRound: number;
  maxRounds: number;
  stopRule: StopRule;
  budgetSeconds: number;
  /** Seconds since the gate started. */
  elapsedSeconds: () => number;
  /** Estimated seconds per fresh process until an extra round has been timed. */
  secondsPerProcess: number;
  onRound?: (cells: CellKey[], round: number) => void;
}

export interface AdaptiveRound {
  round: number;
  cells: string[];
  processes: number;
  seconds: number;
}

export type AdaptiveStop =
  | { kind: 'resolved' }
  | { kind: 'not-gating'; why: string }
  | { kind: 'time-budget'; undecided: string[]; neededSeconds: number; leftSeconds: number }
  | { kind: 'max-rounds'; undecided: string[] };

export interface AdaptiveSamplingResult {
  profile: Profile;
  comparison: Comparison;
  rounds: AdaptiveRound[];
  stop: AdaptiveStop;
}

function findReasonNotToSample(comparison: Comparison): string | null {
  if (comparison.overall.gate === 'skipped') return 'the comparison was skipped';
  if (comparison.overall.indicativeOnly) return 'the comparison is indicative only';
  return null;
}

function decideStop(
  request: AdaptiveSamplingRequest,
  comparison: Comparison,
  undecided: CellKey[],
  rounds: number,
  secondsPerProcess: number,
): AdaptiveStop | null {
  const why = findReasonNotToSample(comparison);
  if (why !== null) return { kind: 'not-gating', why };
  if (undecided.length === 0) return { kind: 'resolved' };
  const labels = undecided.map(formatCellLabel);
  if (rounds >= request.maxRounds) return { kind: 'max-rounds', undecided: labels };
  const neededSeconds = undecided.length * request.processesPerRound * secondsPerProcess;
  const leftSeconds = request.budgetSeconds - request.elapsedSeconds();
  if (neededSeconds > leftSeconds)
    return { kind: 'time-budget', undecided: labels, neededSeconds, leftSeconds };
  return null;
}

/** Runs the loop; the result holds the last profile and comparison and what each extra round did. */
export async function runAdaptiveSampling(request: AdaptiveSamplingRequest): Promise<AdaptiveSamplingResult> {
  let profile = request.profile;
  let comparison = request.compare(profile);
  let secondsPerProcess = request.secondsPerProcess;
  const rounds: AdaptiveRound[] = [];
  for (;;) {
    const undecided = findCellsToSample(comparison, request.cells, request.stopRule);
    const stop = decideStop(request, comparison, undecided, rounds.length, secondsPerProcess);
    if (stop !== null) return { profile, comparison, rounds, stop };
    const round = rounds.length + 1;
    request.onRound?.(undecided, round);
    const started = request.elapsedSeconds();
    profile = await request.measure(undecided, request.processesPerRound, round);
    const seconds = Math.max(0, request.elapsedSeconds() - started);
    secondsPerProcess = seconds / (undecided.length * request.processesPerRound);
    rounds.push({
      round,
      cells: undecided.map(formatCellLabel),
      processes: request.processesPerRound,
      seconds,
    });
    comparison = request.compare(profile);
  }
}

/** One line for the summary and comparison.json's notes, e.g. "adaptive sampling: 2 extra round(s) …". */
export function describeAdaptiveSampling(result: Pick<AdaptiveSamplingResult, 'rounds' | 'stop'>): string {
  const extra = result.rounds.reduce((sum, round) => sum + round.cells.length * round.processes, 0);
  const done =
    result.rounds.length === 0
      ? 'no extra rounds'
      : `${result.rounds.length} extra round(s), ${extra} extra process(es)`;
  return `adaptive sampling: ${done}; ${describeStop(result.stop)}`;
}

function describeStop(stop: AdaptiveStop): string {
  switch (stop.kind) {
    case 'resolved':
      return 'no gated metric left undecided by the stop rule';
    case 'not-gating':
      return `not sampled further: ${stop.why}`;
    case 'time-budget':
      return `stopped by --time-budget (${stop.undecided.join(', ')} still inconclusive; another round needs ~${Math.ceil(stop.neededSeconds)} s, ${Math.max(0, Math.floor(stop.leftSeconds))} s left)`;
    case 'max-rounds':
      return `stopped after the maximum number of rounds (${stop.undecided.join(', ')} still inconclusive)`;
  }
}
