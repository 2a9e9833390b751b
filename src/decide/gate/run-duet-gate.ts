/**
 * Duet mode's gate: base and head cells measured in neighbouring processes (run-duet-cells.ts), compared with
 * the paired design, then adaptive sampling adds pairs for the inconclusive cells within the time budget.
 * The base profile lives beside the loop: every extra round re-measures both sides and rebuilds both.
 */
import { sep } from 'node:path';
import { EMPTY_PROVENANCE } from '../baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../baseline/from-profile.js';
import type { ProfileMeasurement } from '../../measure/sweep/profile-measurement.js';
import type { AnalysisMeasurements } from '../../measure/protocol/schedule/run-analysis.js';
import type { CompareOptions } from '../compare/compare-options.js';
import { compareProfiles } from '../compare/compare-profiles.js';
import type { Comparison, ComparisonReference } from '../compare/comparison-schema.js';
import type { CellReply } from '../../measure/protocol/ipc/cell-job.js';
import type { ProgressReporter } from '../../measure/protocol/schedule/progress.js';
import { runDuetCells, type DuetStates } from '../../measure/protocol/schedule/run-duet-cells.js';
import { formatCellLabel, type CellKey } from '../../ground/schema/cell-key.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import {
  describeAdaptiveSampling,
  runAdaptiveSampling,
  type AdaptiveSamplingResult,
} from './adaptive-sampling.js';
import { isSameCell, type StopRule } from './inconclusive-cells.js';
import { applyConfirmation, findCellsToConfirm, needsConfirmation } from '../compare/confirm-verdicts.js';
import { mergeCellStates } from './merge-cell-states.js';
import { applyQualityGate, type SampleComparison } from '../compare/quality-gate.js';
import { compareSampleEmbeddings } from './compare-sample-embeddings.js';
import { attachAttribution } from '../compare/stage-attribution.js';
import { compareOperatorRounds } from '../compare/operator-deltas.js';
import { pickOnnxEngines, profileOperatorPairs, type OperatorRounds } from './profile-operator-pairs.js';

type OperatorRoundsProfiled = Extract<OperatorRounds, { kind: 'profiled' }>;
import { attachSideChanges } from './read-side-facts.js';
import { describeRound, EXTRA_PROCESSES_PER_ROUND, MAX_EXTRA_ROUNDS } from './run-gate.js';

export interface DuetGateInput {
  head: ProfileMeasurement;
  base: ProfileMeasurement;
  reference: Extract<ComparisonReference, { kind: 'base-ref' }>;
  options: CompareOptions;
  pairsPerCell: number;
  seed: number;
  budgetSeconds: number;
  stopRule: StopRule;
  elapsedSeconds: () => number;
  progress: ProgressReporter;
  /** The base's temporary worktree: its paths are shown relative to the repository, at the base commit. */
  baseWorktree: string;
  /** The largest drop of the head's mean cosine to the base's embeddings that passes; null: reported only. */
  maxQualityDrop: number | null;
  /** Measure regressed cells again in fresh processes, and fail only where that agrees. */
  confirmRegressions: boolean;
}

export interface DuetGateResult {
  profile: Profile;
  baseProfile: Profile;
  comparison: Comparison;
  sampling: AdaptiveSamplingResult;
}

function measurePairs(input: DuetGateInput, cells: CellKey[], pairs: number, seed: number) {
  const { engine, ...request } = input.head.requestFor(cells, pairs, seed);
  return runDuetCells({
    ...request,
    engines: { base: input.base.requestFor(cells, pairs, seed).engine, head: engine },
    pairsPerCell: pairs,
    adaptReply: { base: (reply) => adaptBaseReply(reply, input) },
  });
}

/** `text` with the base's temporary worktree left out of its paths: they read as paths in the repository. */
export function hideWorktree(text: string, worktree: string): string {
  const root = worktree.replace(/[/\\]+$/, '');
  return text.split(`${root}${sep}`).join('').split(root).join('.');
}

/**
 * A failure of the base's process is the base's: an input error there (its embedder does not load at that
 * commit) fails the base's cell instead of stopping the run, and the message names the base commit and the
 * repository's paths, never the temporary worktree (removed by the time anyone reads it).
 */
export function adaptBaseReply(
  reply: CellReply,
  input: Pick<DuetGateInput, 'reference' | 'baseWorktree'>,
): CellReply {
  if (reply.kind === 'ok') return reply;
  const message = adaptBaseMessage(reply.message, input);
  return { ...reply, failure: reply.failure === 'usage' ? 'runtime' : reply.failure, message };
}

/** A base process's message, naming the base commit and the repository's paths (never the worktree's). */
function adaptBaseMessage(text: string, input: Pick<DuetGateInput, 'reference' | 'baseWorktree'>): string {
  const { ref, commit } = input.reference;
  return `base ${ref} (${commit.slice(0, 12)}): ${hideWorktree(text, input.baseWorktree)}`;
}

const countPairs = (states: DuetStates): number =>
  [...states.head.values()].reduce((sum, state) => sum + state.runs.length, 0);

/** The seed of the confirmation's cell order is this far from the gate's (its rounds add 1, 2, …). */
export const CONFIRMATION_SEED_OFFSET = 7919;

interface SampledPass {
  profile: Profile;
  baseProfile: Profile;
  sampling: AdaptiveSamplingResult;
}

/** Measures `cells` in fresh pairs, compares (paired), then adds pairs while the stop rule and budget allow. */
async function measureSampled(
  input: DuetGateInput,
  cells: CellKey[],
  seed: number,
  analysis: AnalysisMeasurements | null | 'analyze',
): Promise<SampledPass> {
  const { head, base, progress } = input;
  const started = input.elapsedSeconds();
  let states = await measurePairs(input, cells, input.pairsPerCell, seed);
  const secondsPerPair = (input.elapsedSeconds() - started) / Math.max(1, countPairs(states));
  const analyzed = analysis === 'analyze' ? await head.analyze() : analysis;
  let baseProfile = base.build(states.base, null);
  const name = `base-${input.reference.commit.slice(0, 12)}`;
  const compare = (profile: Profile): Comparison => {
    const baseline = createBaselineFromProfile(baseProfile, { name, provenance: EMPTY_PROVENANCE });
    const options = { ...input.options, design: 'paired' as const };
    return compareProfiles(baseline, profile, options, input.reference, baseProfile);
  };
  const sampling = await runAdaptiveSampling({
    cells,
    profile: head.build(states.head, analyzed),
    compare,
    measure: async (some, pairs, round) => {
      const extra = await measurePairs(input, some, pairs, seed + round);
      states = {
        base: mergeCellStates(states.base, extra.base),
        head: mergeCellStates(states.head, extra.head),
      };
      baseProfile = base.build(states.base, null);
      return head.build(states.head, analyzed);
    },
    processesPerRound: EXTRA_PROCESSES_PER_ROUND,
    maxRounds: MAX_EXTRA_ROUNDS,
    budgetSeconds: input.budgetSeconds,
    stopRule: input.stopRule,
    elapsedSeconds: input.elapsedSeconds,
    secondsPerProcess: secondsPerPair,
    onRound: (some, round) => progress.note(describeRound(some, round, 'pair(s)')),
  });
  return { profile: sampling.profile, baseProfile, sampling };
}

export async function runDuetGate(input: DuetGateInput): Promise<DuetGateResult> {
  const first = await measureSampled(input, input.head.cells, input.seed, 'analyze');
  const { sampling, baseProfile } = first;
  const { overall } = sampling.comparison;
  const notes = [...overall.notes, describeAdaptiveSampling(sampling)];
  const compared = { ...sampling.comparison, overall: { ...overall, notes } };
  const confirmed =
    input.confirmRegressions && needsConfirmation(compared)
      ? await confirmRegressions(input, compared)
      : compared;
  const staged = attachAttribution(confirmed, baseProfile, first.profile);
  const attributed = await attributeOperators(input, staged);
  const described = await describeSides(input, attributed);
  const comparison = applyQualityGate(described, await compareQuality(input), input.maxQualityDrop);
  return { profile: first.profile, baseProfile, comparison, sampling };
}

/** Measures the regressed cells again in fresh processes with a new cell order; see confirm-verdicts.ts. */
async function confirmRegressions(input: DuetGateInput, first: Comparison): Promise<Comparison> {
  const keys = findCellsToConfirm(first);
  const cells = input.head.cells.filter((cell) => keys.some((key) => isSameCell(cell, key)));
  const seed = input.seed + CONFIRMATION_SEED_OFFSET;
  const labels = cells.map(formatCellLabel).join(', ');
  input.progress.note(`confirmation: ${labels} again in fresh processes before the check fails`);
  const started = input.elapsedSeconds();
  const again = await measureSampled(input, cells, seed, null);
  const seconds = Math.max(0, input.elapsedSeconds() - started);
  const { comparison, rounds } = again.sampling;
  const run = { comparison, pairsPerCell: input.pairsPerCell, extraRounds: rounds.length, seed, seconds };
  return applyConfirmation(first, run);
}

/** The runtime packages and model graph that differ between the sides, in comparison.json and its notes. */
function describeSides(input: DuetGateInput, comparison: Comparison): Promise<Comparison> {
  const engineOf = (side: ProfileMeasurement) => side.requestFor([], 1, input.seed).engine;
  return attachSideChanges(comparison, { base: engineOf(input.base), head: engineOf(input.head) });
}

/** Cells whose operators are profiled on both sides: the first two attributed ones. */
const OPERATOR_CELLS = 2;

/** The attributed cells' operator deltas, when both sides run embedprof's ONNX engine. */
async function attributeOperators(input: DuetGateInput, comparison: Comparison): Promise<Comparison> {
  const attribution = [];
  for (const [index, entry] of comparison.attribution.entries()) {
    const cell = input.head.cells.find((each) => isSameCell(each, entry.key));
    const profiled =
      index < OPERATOR_CELLS && cell !== undefined ? await profileCellOperators(input, cell) : null;
    if (profiled === null) attribution.push(entry);
    else if (typeof profiled === 'string') attribution.push({ ...entry, operatorsNote: profiled });
    else {
      const { confidence } = comparison.settings;
      const operators = compareOperatorRounds(profiled.base, profiled.head, confidence, profiled.batchSize);
      attribution.push({ ...entry, operators });
    }
  }
  return { ...comparison, attribution };
}

/** One cell's operator traces on both sides; null when a side is not the ONNX engine; a string: why not. */
async function profileCellOperators(
  input: DuetGateInput,
  cell: CellKey,
): Promise<(OperatorRoundsProfiled & { batchSize: number }) | string | null> {
  const request = input.head.requestFor([cell], 1, input.seed);
  const engines = pickOnnxEngines({
    base: input.base.requestFor([cell], 1, input.seed).engine,
    head: request.engine,
  });
  const batch = request.batchesFor(cell)[0];
  if (engines === null || batch === undefined) return null;
  const label = formatCellLabel(cell);
  input.progress.note(`operators: ONNX Runtime profiles ${label} on both sides`);
  const rounds = await profileOperatorPairs(engines, batch, label);
  if (rounds.kind === 'profiled') return { ...rounds, batchSize: batch.length };
  const message = rounds.side === 'base' ? adaptBaseMessage(rounds.message, input) : rounds.message;
  return `not profiled: ${message}`;
}

/** Both sides' embeddings of the first cell's texts (the corpus sample every run measures first). */
async function compareQuality(input: DuetGateInput): Promise<SampleComparison> {
  const [cell] = input.head.cells;
  if (cell === undefined) return { kind: 'not-compared', reason: 'no cell to take texts from' };
  input.progress.note('quality: both sides embed the same sample of the corpus');
  const head = input.head.requestFor([cell], 1, input.seed);
  const engines = { base: input.base.requestFor([cell], 1, input.seed).engine, head: head.engine };
  return compareSampleEmbeddings(engines, head.batchesFor(cell).flat(), (side, message) =>
    side === 'base' ? adaptBaseMessage(message, input) : message,
  );
}
