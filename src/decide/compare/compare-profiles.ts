/**
 * Baseline vs current run → Comparison (comparison.json). Pure: every verdict, reason and note is decided
 * here, before anything is rendered. Steps: settings → machine check (machine-check.ts) → speed regimes
 * (plan-speed.ts) → per cell and metric the evidence, Holm and verdicts (cell-comparisons.ts, decision-rule.ts)
 * → per-metric aggregates (aggregate.ts) → overall verdict and gate (overall-verdict.ts).
 */
import type { Baseline } from '../baseline/baseline-schema.js';
import { EMPTY_PROVENANCE } from '../baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../baseline/from-profile.js';
import type { Profile } from '../../measure/protocol/profile-schema.js';
import { aggregateMetrics } from './aggregate.js';
import type { ComparedCells } from './cell-comparisons.js';
import { compareCells } from './cell-comparisons.js';
import type { CompareOptions } from './compare-options.js';
import { resolveCompareOptions } from './compare-options.js';
import type {
  Comparison,
  ComparisonReference,
  ComparisonSettings,
  HeadFailure,
  MachineComparison,
} from './comparison-schema.js';
import { findBaseFailures, findHeadFailures } from './head-failures.js';
import { COMPARISON_SCHEMA_VERSION } from './comparison-schema.js';
import * as notes from './comparison-notes.js';
import {
  chooseSpeedMode,
  describeMachine,
  findForcedFailure,
  isIndicativeOnly,
  isSkipped,
} from './machine-check.js';
import { decideOverall } from './overall-verdict.js';
import { countRegimeProcesses, detectComparisonRegimes } from './plan-speed.js';

const NOTHING_COMPARED: ComparedCells = { cells: [], evidence: [], unmatched: [] };
const COMMITTED_BASELINE: ComparisonReference = { kind: 'baseline', fallbackReason: null };

/**
 * The machine check. In the paired design both sides ran in one job on one machine, so a configuration
 * difference (a new model file, another dtype) is the change under test, not another machine.
 */
function checkMachine(
  baseline: Baseline,
  current: Baseline,
  settings: ComparisonSettings,
): MachineComparison {
  if (settings.design !== 'paired') return describeMachine(baseline, current, settings.onMachineMismatch);
  // the base's model spec names the same file in another checkout: not a difference
  const fingerprint = { ...baseline.fingerprint, modelSpec: current.fingerprint.modelSpec };
  const machine = describeMachine({ ...baseline, fingerprint }, current, settings.onMachineMismatch);
  if (machine.kind !== 'different') return machine;
  return { kind: 'same', softwareDifferences: [...machine.differences, ...machine.softwareDifferences] };
}

function collectNotes(
  baseline: Baseline,
  machine: MachineComparison,
  speedRegimes: Comparison['speedRegimes'],
  compared: ComparedCells,
  settings: ComparisonSettings,
): string[] {
  return [
    ...notes.describeMachineNotes(machine, settings),
    ...notes.describeLegacyNotes(baseline),
    ...notes.describeRegimeNotes(speedRegimes, compared.cells, settings),
    ...notes.describeExclusionNotes(compared.cells),
    ...notes.describeUnmatchedNotes(compared.unmatched),
    ...notes.describeUngatedNotes(compared.cells),
  ];
}

/** Compares a run (as a baseline-shaped record, e.g. another baseline file) with a baseline. */
export function compareBaselines(
  baseline: Baseline,
  current: Baseline,
  options: CompareOptions = {},
  reference: ComparisonReference = COMMITTED_BASELINE,
  failures: { head: readonly HeadFailure[]; base: readonly HeadFailure[] } = { head: [], base: [] },
): Comparison {
  const settings = resolveCompareOptions(options);
  const machine = checkMachine(baseline, current, settings);
  const regimes = detectComparisonRegimes(baseline, current, settings.regimeGap);
  const context = {
    mode: chooseSpeedMode(machine),
    regimes,
    speedRegimes: settings.speedRegimes,
    residualSd: Math.log1p(settings.normalizationResidualCv),
  };
  const compared = isSkipped(machine) ? NOTHING_COMPARED : compareCells(baseline, current, context, settings);
  const aggregates = aggregateMetrics(compared.evidence, settings);
  const speedRegimes = regimes === null ? null : countRegimeProcesses(regimes, baseline, current);
  const overall = decideOverall({
    settings,
    cells: compared.cells,
    aggregates,
    skipped: isSkipped(machine),
    indicativeOnly: isIndicativeOnly(machine),
    forcedFailure: findForcedFailure(machine),
    headFailures: failures.head,
    baseFailures: failures.base,
    notes: [
      ...notes.describeReferenceNotes(reference),
      ...collectNotes(baseline, machine, speedRegimes, compared, settings),
    ],
  });
  return {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    baseline: {
      name: baseline.name,
      createdAt: baseline.createdAt,
      origin: baseline.origin.kind,
      file: null,
    },
    current: { createdAt: current.createdAt, modelSpec: current.fingerprint.modelSpec },
    reference,
    machine,
    speedRegimes,
    settings,
    cells: compared.cells,
    unmatchedCells: compared.unmatched,
    aggregates,
    overall,
    attribution: [],
    confirmation: null,
    sideChanges: null,
    quality: null,
    baseHistory: null,
  };
}

/** Compares a fresh profile.json with a baseline. */
export function compareProfiles(
  baseline: Baseline,
  currentProfile: Profile,
  options: CompareOptions = {},
  reference: ComparisonReference = COMMITTED_BASELINE,
  /** Duet mode's base profile: its cells lost only because this side failed count as this side's failures. */
  referenceProfile: Profile | null = null,
): Comparison {
  const current = createBaselineFromProfile(currentProfile, {
    name: 'current',
    provenance: EMPTY_PROVENANCE,
  });
  return compareBaselines(baseline, current, options, reference, {
    head: findHeadFailures(currentProfile, baseline.cells, referenceProfile),
    base: findBaseFailures(referenceProfile),
  });
}

/** The comparison with the file its baseline was read from (path as the run should show it, and its sha256). */
export function recordBaselineFile(
  comparison: Comparison,
  file: { path: string; sha256: string },
): Comparison {
  return { ...comparison, baseline: { ...comparison.baseline, file } };
}
