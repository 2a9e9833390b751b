import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeTicks, roundUp } from '../../../src/report/svg/svg-frame.js';

test('ticks are round 1-2-5 steps covering the range', () => {
  assert.deepEqual(computeTicks(0, 10), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(computeTicks(0.93, 1.07), [0.95, 1, 1.05]);
  assert.deepEqual(computeTicks(-3, 3), [-2, 0, 2], 'ticks inside the range');
  assert.equal(roundUp(87), 100);
});

test('a span below the values’ float resolution gives one tick, not an endless loop', () => {
  const value = 412.3;
  const next = value + 2 * Number.EPSILON * value;
  assert.ok(next > value);
  assert.deepEqual(computeTicks(value, next), [value]);
  assert.deepEqual(computeTicks(5, 5), [5], 'no span');
  assert.deepEqual(computeTicks(1, Number.POSITIVE_INFINITY), [1], 'no finite span');
});
