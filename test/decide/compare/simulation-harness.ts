/** Runs many seeded baseline-vs-current comparisons of simulated runs and counts outcomes. */
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import type { CompareOptions, Comparison } from '../../../src/decide/compare/index.js';
import { compareProfiles } from '../../../src/decide/compare/index.js';
import { createRandom } from '../../../src/ground/random/index.js';
import { buildTestProfile } from './test-profile.js';
import type { CellTruth, RegimePlan, SideSpec } from './simulate-runs.js';
import { simulateSide, TWELVE_CELLS } from './simulate-runs.js';

export interface Scenario {
  baseline: SideSpec;
  current: SideSpec;
  options?: CompareOptions;
  cells?: readonly CellTruth[];
}

/** A side with `processes` per cell, in one regime plan, with optional true changes. */
export function createSide(processes: number, regime: RegimePlan, changes: Partial<SideSpec> = {}): SideSpec {
  return { processesPerCell: processes, regime, throughputFactor: 1, memoryFactor: 1, ...changes };
}

export const FAST: RegimePlan = { kind: 'steady', regime: 'fast' };
export const SLOW: RegimePlan = { kind: 'steady', regime: 'slow' };
export const FAST_TO_SLOW: RegimePlan = { kind: 'switch', from: 'fast', to: 'slow' };
export const SLOW_TO_FAST: RegimePlan = { kind: 'switch', from: 'slow', to: 'fast' };

/** One simulated comparison. */
export function simulateComparison(seed: number, scenario: Scenario): Comparison {
  const random = createRandom(seed);
  const cells = scenario.cells ?? TWELVE_CELLS;
  const baselineProfile = buildTestProfile(simulateSide(random, cells, scenario.baseline));
  const currentProfile = buildTestProfile(simulateSide(random, cells, scenario.current));
  const baseline = createBaselineFromProfile(baselineProfile, { name: 'main', provenance: EMPTY_PROVENANCE });
  return compareProfiles(baseline, currentProfile, scenario.options);
}

/** Share of `trials` seeded comparisons for which `predicate` holds. */
export function measureRate(
  seed: number,
  trials: number,
  scenario: Scenario,
  predicate: (comparison: Comparison) => boolean,
): number {
  let hits = 0;
  for (let trial = 0; trial < trials; trial++) {
    if (predicate(simulateComparison(seed * 100_003 + trial, scenario))) hits++;
  }
  return hits / trials;
}

export const failsGate = (comparison: Comparison): boolean => comparison.overall.gate === 'fail';

export const failsOn =
  (metric: 'throughput' | 'peakMemoryMB') =>
  (comparison: Comparison): boolean =>
    comparison.overall.gate === 'fail' && comparison.overall.failingMetrics.includes(metric);

export const isInconclusive = (comparison: Comparison): boolean =>
  comparison.overall.verdict === 'inconclusive';
