import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_PROVENANCE, type Baseline } from '../../../src/decide/baseline/baseline-schema.js';
import type { LoadedBaseline } from '../../../src/decide/baseline/baseline-files.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { UsageError } from '../../../src/ground/errors.js';
import { CLI_BASELINE_LABELS } from '../../../src/decide/baseline/choose-baseline.js';
import type { ProfileMeasurement } from '../../../src/measure/sweep/profile-measurement.js';
import { EXTRA_PROCESSES_PER_ROUND, runGate, type GateRunInput } from '../../../src/decide/gate/run-gate.js';
import { createProgressReporter } from '../../../src/measure/protocol/schedule/progress.js';
import { formatCellLabel, type CellKey } from '../../../src/ground/schema/cell-key.js';
import { TEST_ENVIRONMENT } from '../compare/test-profile.js';
import { ALL_CELLS, BATCH_32, BATCH_8, buildGateProfile, createStates } from './gate-fixtures.js';

const TIGHT: Record<string, number[]> = {
  'batch 8': [1000, 1010, 990],
  'batch 32': [2000, 2020, 1980],
  '64 chars @ batch 32': [3000, 3030, 2970],
};
const baselineProfile = buildGateProfile(
  ALL_CELLS,
  createStates(new Map(ALL_CELLS.map((cell) => [cell, TIGHT[formatCellLabel(cell)] ?? []]))),
);

/** A measurement without workers: batch 8 is noisy in the first pass, every later process is steady. */
function createFakeMeasurement(calls: { cells: string[]; processes: number }[]): ProfileMeasurement {
  const throughputsFor = (cell: CellKey, processes: number, first: boolean): number[] => {
    const steady = TIGHT[formatCellLabel(cell)] ?? [];
    if (first && cell === BATCH_8) return [600, 1000, 1500];
    return Array.from({ length: processes }, (_, i) => steady[i % steady.length] ?? 1000);
  };
  return {
    cells: ALL_CELLS,
    environment: TEST_ENVIRONMENT,
    requestFor: () => {
      throw new Error('runGate measures through measure(), never through requestFor()');
    },
    measure: async (cells, processes) => {
      const first = calls.length === 0;
      calls.push({ cells: cells.map(formatCellLabel), processes });
      return createStates(new Map(cells.map((cell) => [cell, throughputsFor(cell, processes, first)])));
    },
    analyze: async () => null,
    build: (states) => buildGateProfile(ALL_CELLS, states),
  };
}

function loadedBaseline(baseline: Baseline): LoadedBaseline {
  return { baseline, file: { path: 'baselines/main.json', sha256: 'f'.repeat(64) } };
}

function createInput(measurement: ProfileMeasurement, overrides: Partial<GateRunInput> = {}): GateRunInput {
  let clock = 0;
  return {
    measurement,
    candidates: [
      loadedBaseline(
        createBaselineFromProfile(baselineProfile, { name: 'main', provenance: EMPTY_PROVENANCE }),
      ),
    ],
    comparison: {
      baseline: { path: 'baselines', name: null, labels: CLI_BASELINE_LABELS },
      policy: 'normalize',
      options: {},
    },
    processesPerCell: 3,
    seed: 1,
    budgetSeconds: 600,
    stopRule: 'every-cell',
    elapsedSeconds: () => (clock += 1),
    progress: createProgressReporter(process.stderr, 'silent'),
    ...overrides,
  };
}

test('re-measures the noisy cell only, merges its processes and rebuilds the profile', async () => {
  const calls: { cells: string[]; processes: number }[] = [];
  const result = await runGate(createInput(createFakeMeasurement(calls)));
  assert.deepEqual(calls[0], { cells: ['batch 8', 'batch 32', '64 chars @ batch 32'], processes: 3 });
  assert.ok(calls.length > 1, 'batch 8 was inconclusive after the first pass');
  for (const call of calls.slice(1)) {
    assert.deepEqual(call, { cells: ['batch 8'], processes: EXTRA_PROCESSES_PER_ROUND });
  }
  const counts = [...result.profile.batchSweep, ...result.profile.lengthSweep].map((cell) =>
    cell.status === 'measured' ? cell.processes.length : 0,
  );
  assert.deepEqual(counts, [3 + EXTRA_PROCESSES_PER_ROUND * (calls.length - 1), 3, 3]);
  assert.equal(result.sampling.rounds.length, calls.length - 1);
  assert.match(result.comparison.overall.notes.at(-1) ?? '', /^adaptive sampling: /);
  assert.doesNotThrow(() => comparisonSchema.parse(JSON.parse(JSON.stringify(result.comparison))));
});

test('a baseline of another machine under --on-machine-mismatch fail is an input error', async () => {
  const other = buildGateProfile(ALL_CELLS, createStates(new Map([[BATCH_32, [2000, 2010]]])));
  other.environment = { ...other.environment, cpuModel: 'Intel Xeon', threads: 8 };
  const candidates = [
    loadedBaseline(createBaselineFromProfile(other, { name: 'main', provenance: EMPTY_PROVENANCE })),
  ];
  const input = createInput(createFakeMeasurement([]), {
    candidates,
    comparison: {
      baseline: { path: 'baselines', name: null, labels: CLI_BASELINE_LABELS },
      policy: 'fail',
      options: {},
    },
  });
  await assert.rejects(runGate(input), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /cpuModel: baseline "Intel Xeon", current "AMD EPYC 7B13"/);
    assert.match(error.message, /threads: baseline 8, current 2/);
    return true;
  });
});

test('cells stay as measured when nothing is inconclusive', async () => {
  const calls: { cells: string[]; processes: number }[] = [];
  const steady = createFakeMeasurement(calls);
  const measurement: ProfileMeasurement = {
    ...steady,
    measure: async (cells, processes) => {
      calls.push({ cells: cells.map(formatCellLabel), processes });
      return createStates(new Map(cells.map((cell) => [cell, TIGHT[formatCellLabel(cell)] ?? []])));
    },
  };
  const result = await runGate(createInput(measurement));
  assert.equal(calls.length, 1);
  assert.equal(result.sampling.stop.kind, 'resolved');
  assert.equal(result.comparison.overall.gate, 'pass');
});
