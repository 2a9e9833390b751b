// The duet's pure planning: one ladder over both sides' probe brackets, and the ABBA order of the sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planLadder, uniteBrackets } from '../../../src/measure/serve/plan-rate-ladder.js';
import { orderSides } from '../../../src/measure/serve/sweep-run.js';

const LIMITS = { minRatePerSecond: 1, maxRatePerSecond: 1000 };

test('the united bracket holds both sides’ brackets, so the one ladder spans both knees', () => {
  const base = { within: 80, beyond: 160 };
  const head = { within: 40, beyond: 80 };
  const united = uniteBrackets([base, head]);
  assert.deepEqual(united, { within: 40, beyond: 160 });
  const ladder = planLadder({
    rates: { kind: 'bracket', bracket: united, count: 5, limits: LIMITS },
    extraRate: null,
    rounds: 1,
    seed: 1,
  });
  for (const side of [base, head]) {
    assert.ok(
      ladder.rates[0] !== undefined && ladder.rates[0] < side.within,
      `${ladder.rates} below ${side.within}`,
    );
    assert.ok((ladder.rates.at(-1) ?? 0) > side.beyond, `${ladder.rates} above ${side.beyond}`);
  }
});

test('one side alone keeps its bracket; a side missing a within or a beyond still bounds the union', () => {
  assert.deepEqual(uniteBrackets([{ within: 10, beyond: null }]), { within: 10, beyond: null });
  assert.deepEqual(
    uniteBrackets([
      { within: null, beyond: 10 },
      { within: 40, beyond: 80 },
    ]),
    { within: 10, beyond: 80 },
    'a side beyond at every rate pulls the ladder down to its lowest beyond',
  );
  assert.deepEqual(
    uniteBrackets([
      { within: 400, beyond: null },
      { within: 40, beyond: 80 },
    ]),
    { within: 40, beyond: 400 },
    'a side within at every rate pushes the ladder up to its highest within',
  );
  assert.deepEqual(
    uniteBrackets([
      { within: null, beyond: 10 },
      { within: null, beyond: 20 },
    ]),
    { within: null, beyond: 10 },
  );
  assert.deepEqual(
    uniteBrackets([
      { within: 100, beyond: null },
      { within: 200, beyond: null },
    ]),
    { within: 200, beyond: null },
  );
});

test('the sides alternate which goes first, step by step (ABBA); one side is always alone', () => {
  assert.deepEqual(
    [0, 1, 2, 3].map((step) => orderSides(2, step)),
    [
      [0, 1],
      [1, 0],
      [0, 1],
      [1, 0],
    ],
  );
  assert.deepEqual(orderSides(1, 1), [0]);
});
