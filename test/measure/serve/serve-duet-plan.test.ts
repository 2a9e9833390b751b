// The duet's pure planning: one ladder over both sides' probe brackets, and the ABBA order of the sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planLadder, uniteBrackets } from '../../../src/measure/serve/plan-rate-ladder.js';
import { orderSides, takeTurn } from '../../../src/measure/serve/sweep-run.js';

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

test('each rate alternates its first side from round to round, whatever order the rounds shuffle it into', () => {
  const run = { turns: new Map<number, { offset: number; count: number }>() };
  // four rates, four rounds, each round in its own order: an even count a round, where a global step count
  // would put each rate on the same first side in every round
  const rounds = [
    [10, 20, 40, 80],
    [80, 10, 40, 20],
    [20, 40, 10, 80],
    [40, 80, 20, 10],
  ];
  const firsts = new Map<number, number[]>();
  for (const order of rounds) {
    for (const rate of order)
      firsts.set(rate, [...(firsts.get(rate) ?? []), orderSides(2, takeTurn(run, rate))[0] ?? -1]);
  }
  assert.deepEqual(
    [...firsts.values()],
    [
      [0, 1, 0, 1],
      [1, 0, 1, 0],
      [0, 1, 0, 1],
      [1, 0, 1, 0],
    ],
  );
});
