import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeCellState, mergeCellStates } from '../../../src/decide/gate/merge-cell-states.js';
import type { CellState } from '../../../src/measure/protocol/schedule/run-cells.js';
import { cellId } from '../../../src/ground/schema/cell-key.js';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import {
  ALL_CELLS,
  BATCH_32,
  BATCH_8,
  buildGateProfile,
  createRuns,
  createStates,
  LENGTH_64,
} from './gate-fixtures.js';

test('extra processes are appended and numbered after the cell’s existing rounds', () => {
  const existing: CellState = { status: 'running', runs: createRuns([1000, 1010, 990]) };
  const extra: CellState = { status: 'running', runs: createRuns([1005, 995]) };
  const merged = mergeCellState(existing, extra);
  assert.equal(merged.status, 'running');
  assert.deepEqual(
    merged.runs.map((run) => run.round),
    [0, 1, 2, 3, 4],
  );
  assert.equal(existing.runs.length, 3, 'the existing state is not mutated');
});

test('a failure or memory stop in an extra process wins, keeping the runs already measured', () => {
  const existing: CellState = { status: 'running', runs: createRuns([1000, 1010]) };
  const failed = mergeCellState(existing, { status: 'failed', error: 'worker crashed', runs: [] });
  assert.deepEqual(failed.status === 'failed' && [failed.error, failed.runs.length], ['worker crashed', 2]);
  const skipped = mergeCellState(existing, {
    status: 'skipped',
    reason: 'memory-cap',
    detail: 'above 4096 MB',
    runs: createRuns([990]),
  });
  assert.ok(skipped.status === 'skipped' && skipped.reason === 'memory-cap');
  assert.equal(skipped.runs.length, 3);
});

test('a cell already skipped or failed keeps its state', () => {
  const skipped: CellState = { status: 'skipped', reason: 'memory-cap', detail: 'cap', runs: [] };
  assert.equal(mergeCellState(skipped, { status: 'running', runs: createRuns([1000]) }), skipped);
});

test('only the re-measured cells change, and buildProfile sees their extra processes', () => {
  const states = createStates(
    new Map([
      [BATCH_8, [1000, 1010, 990]],
      [BATCH_32, [2000, 2020, 1980]],
      [LENGTH_64, [3000, 3030, 2970]],
    ]),
  );
  const extra = createStates(new Map([[BATCH_32, [2001, 1999]]]));
  const merged = mergeCellStates(states, extra);
  assert.deepEqual(
    ALL_CELLS.map((cell) => merged.get(cellId(cell))?.runs.length),
    [3, 5, 3],
  );
  const profile = profileSchema.parse(buildGateProfile(ALL_CELLS, merged));
  const counts = [...profile.batchSweep, ...profile.lengthSweep].map((cell) =>
    cell.status === 'measured' ? cell.processes.length : 0,
  );
  assert.deepEqual(counts, [3, 5, 3]);
  const batch32 = profile.batchSweep[1];
  assert.ok(batch32?.status === 'measured');
  assert.deepEqual(
    batch32.processes.map((process) => process.round),
    [0, 1, 2, 3, 4],
  );
});
