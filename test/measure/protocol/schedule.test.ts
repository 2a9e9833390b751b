import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planRuns } from '../../../src/measure/protocol/schedule/plan-runs.js';
import { cellId, type CellKey } from '../../../src/ground/schema/cell-key.js';

const cells: CellKey[] = [8, 16, 32, 64].map((batchSize) => ({ sweep: 'batch', batchSize }));

test('every cell gets one process per round, round 0 ascending', () => {
  const runs = planRuns(cells, 3, 42);
  assert.equal(runs.length, 12);
  assert.deepEqual(
    runs.slice(0, 4).map((r) => cellId(r.cell)),
    cells.map(cellId),
  );
  for (const cell of cells) {
    const rounds = runs.filter((r) => cellId(r.cell) === cellId(cell)).map((r) => r.round);
    assert.deepEqual(rounds, [0, 1, 2]);
  }
});

test('later rounds are shuffled deterministically by the seed', () => {
  const order = (seed: number) =>
    planRuns(cells, 4, seed)
      .map((r) => cellId(r.cell))
      .join('|');
  assert.equal(order(7), order(7));
  assert.notEqual(order(7), order(8));
  const laterRounds = planRuns(cells, 6, 3).filter((r) => r.round > 0);
  const ascending = laterRounds.every(
    (r, i) =>
      i % 4 === 0 ||
      (laterRounds[i - 1]?.cell as { batchSize: number }).batchSize <
        (r.cell as { batchSize: number }).batchSize,
  );
  assert.equal(ascending, false, 'at least one later round is not in ascending order');
});
