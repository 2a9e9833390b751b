import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OperatorHotspots } from '../../../src/measure/analysis/index.js';
import { compareOperatorRounds, MAX_OPERATOR_DELTAS } from '../../../src/decide/compare/operator-deltas.js';
import { createRandom } from '../../../src/ground/random/index.js';

/** A trace of `runs` runs: per operator type, ms per run and nodes per run. */
function trace(runs: number, ops: Record<string, [number, number]>): OperatorHotspots {
  const top = Object.entries(ops).map(([opType, [ms, nodes]]) => ({
    opType,
    count: nodes * runs,
    totalMs: ms * runs,
    share: 0,
  }));
  return { cell: 'batch 8', runs, totalMs: top.reduce((sum, op) => sum + op.totalMs, 0), top, otherShare: 0 };
}

test('the operator the head added work to comes first, with its node counts and an interval above zero', () => {
  const random = createRandom(5);
  const noise = () => 1 + 0.03 * random.nextNormal();
  const rounds = 3;
  const base = Array.from({ length: rounds }, () =>
    trace(6, { MatMul: [4 * noise(), 36], Add: [1 * noise(), 50], Softmax: [0.5 * noise(), 6] }),
  );
  const head = Array.from({ length: rounds }, () =>
    trace(6, { MatMul: [6 * noise(), 44], Add: [1 * noise(), 50], Softmax: [0.5 * noise(), 6] }),
  );
  const result = compareOperatorRounds(base, head, 0.95, 8);
  assert.equal(result.rounds, 3);
  assert.equal(result.runsPerRound, 6);
  assert.equal(result.batchSize, 8);
  const [first] = result.operators;
  assert.equal(first?.opType, 'MatMul');
  assert.equal(first?.baseNodes, 36);
  assert.equal(first?.headNodes, 44);
  assert.ok(Math.abs((first?.deltaMs ?? 0) - 2) < 0.5, `Δ ${first?.deltaMs}`);
  assert.ok((first?.lowMs ?? 0) > 0, 'the interval lies above zero');
  const add = result.operators.find((op) => op.opType === 'Add');
  assert.ok(
    add && (add.lowMs ?? 1) < 0 && (add.highMs ?? -1) > 0,
    "an unchanged operator's interval holds 0",
  );
});

test('an operator only one side ran counts as 0 ms and 0 nodes on the other; one round has no interval', () => {
  const result = compareOperatorRounds(
    [trace(2, { MatMul: [3, 12] })],
    [trace(2, { MatMul: [3, 12], Gelu: [1, 6] })],
    0.95,
    32,
  );
  const gelu = result.operators[0];
  assert.deepEqual(
    {
      opType: gelu?.opType,
      baseMs: gelu?.baseMs,
      headMs: gelu?.headMs,
      baseNodes: gelu?.baseNodes,
      headNodes: gelu?.headNodes,
    },
    { opType: 'Gelu', baseMs: 0, headMs: 1, baseNodes: 0, headNodes: 6 },
  );
  assert.equal(gelu?.lowMs, null);
  assert.equal(gelu?.highMs, null);
});

test('at most MAX_OPERATOR_DELTAS operator types are kept; no rounds is an error', () => {
  const ops = Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => [`Op${i}`, [i, 1] as [number, number]]),
  );
  const result = compareOperatorRounds([trace(1, {})], [trace(1, ops)], 0.95, 8);
  assert.equal(result.operators.length, MAX_OPERATOR_DELTAS);
  assert.equal(result.operators[0]?.opType, 'Op11');
  assert.throws(() => compareOperatorRounds([], [], 0.95, 8), /at least one round/);
});
