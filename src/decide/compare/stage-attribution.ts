/**
 * Where the time went, per regressed cell of a duet: each stage's time per batch (tokenize, inference,
 * pooling, other) on both sides, process i of the base paired with process i of the head (they ran side by
 * side), the head − base difference with a t interval over the pairs, the largest increase first. Pure.
 */
import { formatCellLabel, type CellKey } from '../../ground/schema/cell-key.js';
import type { ProcessSample } from '../../ground/schema/cell-schema.js';
import { computeMean, computeSampleVariance, computeTwoSidedTCritical } from '../../ground/stats/index.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import type { StageAttribution, StageDelta } from './attribution-schema.js';
import type { CellComparison, Comparison, MetricName } from './comparison-schema.js';

const STAGES = [
  { stage: 'tokenize', field: 'tokenizeMs' },
  { stage: 'inference', field: 'inferenceMs' },
  { stage: 'pooling', field: 'poolingMs' },
  { stage: 'other', field: 'otherMs' },
] as const;

function findProcesses(profile: Profile, key: CellKey): ProcessSample[] | null {
  const cell =
    key.sweep === 'batch'
      ? profile.batchSweep.find((each) => each.batchSize === key.batchSize)
      : profile.lengthSweep.find((each) => each.chars === key.chars && each.batchSize === key.batchSize);
  return cell?.status === 'measured' ? cell.processes : null;
}

const perBatch = (process: ProcessSample, field: (typeof STAGES)[number]['field']): number =>
  process.stages[field] / process.measuredBatches;

/** Means of both sides and of head − base over pairs (base[i], head[i]), with a t interval from ≥ 2 pairs. */
export function describePairedDelta(
  base: readonly number[],
  head: readonly number[],
  confidence: number,
): Pick<StageDelta, 'baseMs' | 'headMs' | 'deltaMs' | 'lowMs' | 'highMs'> {
  const differences = base.map((value, index) => (head[index] ?? 0) - value);
  const deltaMs = computeMean(differences);
  const half =
    differences.length < 2
      ? null
      : computeTwoSidedTCritical(confidence, differences.length - 1) *
        Math.sqrt(computeSampleVariance(differences) / differences.length);
  return {
    baseMs: computeMean(base),
    headMs: computeMean(head),
    deltaMs,
    lowMs: half === null ? null : deltaMs - half,
    highMs: half === null ? null : deltaMs + half,
  };
}

/** One stage's head − base per batch over the pairs, with its interval when there are ≥ 2 pairs. */
function compareStage(
  pairs: readonly [ProcessSample, ProcessSample][],
  entry: (typeof STAGES)[number],
  confidence: number,
): StageDelta {
  const base = pairs.map(([one]) => perBatch(one, entry.field));
  const head = pairs.map(([, other]) => perBatch(other, entry.field));
  return { stage: entry.stage, ...describePairedDelta(base, head, confidence) };
}

/** The stage deltas of each of `keys` measured on both sides, largest increase first within each cell. */
export function attributeStages(
  base: Profile,
  head: Profile,
  keys: readonly CellKey[],
  confidence: number,
): StageAttribution[] {
  return keys.flatMap((key) => {
    const baseProcesses = findProcesses(base, key);
    const headProcesses = findProcesses(head, key);
    if (baseProcesses === null || headProcesses === null) return [];
    const count = Math.min(baseProcesses.length, headProcesses.length);
    const pairs = Array.from({ length: count }, (_, index) => [
      baseProcesses[index],
      headProcesses[index],
    ]).filter(
      (pair): pair is [ProcessSample, ProcessSample] => pair[0] !== undefined && pair[1] !== undefined,
    );
    if (pairs.length === 0) return [];
    // a stage neither side timed (a custom embedder reports its time as "other") says nothing
    const stages = STAGES.map((entry) => compareStage(pairs, entry, confidence))
      .filter((delta) => delta.baseMs > 0 || delta.headMs > 0)
      .sort((a, b) => b.deltaMs - a.deltaMs);
    if (stages.length === 0) return [];
    return [
      { key, label: formatCellLabel(key), pairs: pairs.length, stages, operators: null, operatorsNote: null },
    ];
  });
}

const SPEED_METRICS: readonly MetricName[] = ['throughput', 'p95LatencyMs'];

/**
 * The cells to attribute: those where a gated speed metric (throughput, p95 latency) regressed; every compared
 * cell when only a speed aggregate did.
 */
export function findCellsToAttribute(comparison: Comparison): CellComparison['key'][] {
  const speed = (metric: MetricName) =>
    SPEED_METRICS.includes(metric) && comparison.settings.gated.includes(metric);
  const flagged = comparison.cells.filter((cell) =>
    cell.metrics.some((item) => speed(item.metric) && item.verdict === 'regression'),
  );
  if (flagged.length > 0) return flagged.map((cell) => cell.key);
  const spread = comparison.aggregates.some((item) => speed(item.metric) && item.verdict === 'regression');
  return spread ? comparison.cells.map((cell) => cell.key) : [];
}

/** `comparison` with its attribution filled from the two sides' profiles (duet mode). */
export function attachAttribution(comparison: Comparison, base: Profile, head: Profile): Comparison {
  const keys = findCellsToAttribute(comparison);
  const attribution = attributeStages(base, head, keys, comparison.settings.confidence);
  return { ...comparison, attribution };
}
