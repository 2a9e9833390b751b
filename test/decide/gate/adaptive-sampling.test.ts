import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Comparison } from '../../../src/decide/compare/comparison-schema.js';
import {
  describeAdaptiveSampling,
  runAdaptiveSampling,
  type AdaptiveSamplingRequest,
} from '../../../src/decide/gate/adaptive-sampling.js';
import { findCellsToSample } from '../../../src/decide/gate/inconclusive-cells.js';
import { formatCellLabel } from '../../../src/ground/schema/cell-key.js';
import {
  ALL_CELLS,
  BATCH_8,
  buildGateProfile,
  createStates,
  createTemplateComparison,
  markInconclusive,
} from './gate-fixtures.js';

const { profile, template } = createTemplateComparison();
const LENGTH_LABEL = '64 chars @ batch 32';

interface Harness {
  request: AdaptiveSamplingRequest;
  measured: string[][];
  compares: () => number;
}

/** compare() returns the template with plan[i]'s cells inconclusive on its i-th call (the last one after). */
function createHarness(plan: string[][], overrides: Partial<AdaptiveSamplingRequest> = {}, roundSeconds = 4) {
  let calls = 0;
  let clock = 0;
  const measured: string[][] = [];
  const request: AdaptiveSamplingRequest = {
    cells: ALL_CELLS,
    profile,
    compare: () => markInconclusive(template, plan[Math.min(calls++, plan.length - 1)] ?? []),
    measure: async (cells) => {
      measured.push(cells.map(formatCellLabel));
      clock += roundSeconds;
      return profile;
    },
    processesPerRound: 2,
    maxRounds: 5,
    stopRule: 'every-cell',
    budgetSeconds: 1000,
    elapsedSeconds: () => clock,
    secondsPerProcess: 1,
    ...overrides,
  };
  return { request, measured, compares: () => calls } satisfies Harness;
}

test('the template comparison decides every cell (the tests mark cells inconclusive themselves)', () => {
  assert.equal(template.cells.length, 3);
  assert.deepEqual(findCellsToSample(template, ALL_CELLS), []);
});

test('stops as soon as no gated metric is inconclusive', async () => {
  const harness = createHarness([['batch 32'], ['batch 32'], []]);
  const result = await runAdaptiveSampling(harness.request);
  assert.deepEqual(result.stop, { kind: 'resolved' });
  assert.equal(result.rounds.length, 2);
  assert.equal(harness.compares(), 3, 'compared after the first pass and after each round');
  assert.match(describeAdaptiveSampling(result), /2 extra round\(s\), 4 extra process\(es\)/);
});

test('re-measures only the inconclusive cells, in sweep order', async () => {
  const harness = createHarness([[LENGTH_LABEL, 'batch 8'], [LENGTH_LABEL], []]);
  await runAdaptiveSampling(harness.request);
  assert.deepEqual(harness.measured, [['batch 8', LENGTH_LABEL], [LENGTH_LABEL]]);
});

test('an inconclusive metric that is not gated does not trigger a round', async () => {
  const latencyOnly: Comparison = {
    ...template,
    cells: template.cells.map((cell) => ({
      ...cell,
      metrics: cell.metrics.map((m) => (m.gated ? m : { ...m, verdict: 'inconclusive' })),
    })),
  };
  const harness = createHarness([], { compare: () => latencyOnly });
  const result = await runAdaptiveSampling(harness.request);
  assert.equal(result.stop.kind, 'resolved');
  assert.deepEqual(harness.measured, []);
});

test('stops when the next round would not fit in the time budget (re-estimated from the last round)', async () => {
  // 1 cell × 2 processes: first estimate 2 s; a round really takes 10 s, so 5 s per process after round 1
  const harness = createHarness([['batch 32']], { budgetSeconds: 25 }, 10);
  const result = await runAdaptiveSampling(harness.request);
  assert.equal(result.rounds.length, 2, 'rounds at t=0 (needs 2 s) and t=10 (needs 10 s of 15 left)');
  assert.ok(result.stop.kind === 'time-budget');
  assert.deepEqual(result.stop.undecided, ['batch 32']);
  assert.equal(result.stop.neededSeconds, 10);
  assert.equal(result.stop.leftSeconds, 5);
  assert.match(describeAdaptiveSampling(result), /stopped by --time-budget/);
});

test('no round at all when the budget is already spent', async () => {
  const harness = createHarness([['batch 32']], { budgetSeconds: 1 });
  const result = await runAdaptiveSampling(harness.request);
  assert.equal(result.stop.kind, 'time-budget');
  assert.deepEqual(harness.measured, []);
});

test('stops after maxRounds when cells stay inconclusive', async () => {
  const harness = createHarness([['batch 8']], { maxRounds: 3 });
  const result = await runAdaptiveSampling(harness.request);
  assert.equal(result.stop.kind, 'max-rounds');
  assert.equal(harness.measured.length, 3);
});

test('comparisons that cannot fail the gate are not sampled further', async () => {
  const skipped: Comparison = { ...template, overall: { ...template.overall, gate: 'skipped' } };
  const indicative: Comparison = { ...template, overall: { ...template.overall, indicativeOnly: true } };
  for (const comparison of [skipped, indicative]) {
    const harness = createHarness([], { compare: () => markInconclusive(comparison, ['batch 8']) });
    const result = await runAdaptiveSampling(harness.request);
    assert.equal(result.stop.kind, 'not-gating');
    assert.deepEqual(harness.measured, []);
  }
});

test('the last profile and comparison are returned', async () => {
  const later = buildGateProfile(ALL_CELLS, createStates(new Map([[BATCH_8, [1000, 1001]]])));
  const harness = createHarness([['batch 8'], []], { measure: async () => later });
  const result = await runAdaptiveSampling(harness.request);
  assert.equal(result.profile, later);
  assert.deepEqual(findCellsToSample(result.comparison, ALL_CELLS), []);
});
