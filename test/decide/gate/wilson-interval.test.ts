import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeWilsonInterval, formatRate } from '../../../src/decide/gate/wilson-interval.js';

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 5e-4, `${actual} ≉ ${expected}`);

test('Wilson 95 % intervals match published values', () => {
  // 0/30: [0, 0.1135]; 30/30: [0.8865, 1]; 5/10: [0.2366, 0.7634]
  const none = computeWilsonInterval(0, 30);
  close(none.low, 0);
  close(none.high, 0.1135);
  const all = computeWilsonInterval(30, 30);
  close(all.low, 0.8865);
  close(all.high, 1);
  const half = computeWilsonInterval(5, 10);
  close(half.low, 0.2366);
  close(half.high, 0.7634);
});

test('no trials is the uninformative interval; impossible counts are refused', () => {
  assert.deepEqual(computeWilsonInterval(0, 0), { successes: 0, trials: 0, rate: 0, low: 0, high: 1 });
  assert.throws(() => computeWilsonInterval(4, 3), RangeError);
  assert.throws(() => computeWilsonInterval(1.5, 3), RangeError);
});

test('formats a rate with its interval', () => {
  assert.equal(formatRate(computeWilsonInterval(0, 30)), '0/30 = 0.0 % (95 % CI 0.0–11.4 %)');
});
