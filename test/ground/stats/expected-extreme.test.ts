import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../../src/ground/random/index.js';
import { computeExpectedExtreme, findMin } from '../../../src/ground/stats/index.js';
import { assertClose } from './assert-close.js';

/** The mean over every k-subset of its minimum, by enumeration. */
function enumerateMinimum(values: number[], k: number): number {
  const minima: number[] = [];
  const visit = (start: number, chosen: number[]): void => {
    if (chosen.length === k) {
      minima.push(findMin(chosen));
      return;
    }
    for (let i = start; i < values.length; i++) visit(i + 1, [...chosen, values[i] ?? NaN]);
  };
  visit(0, []);
  return minima.reduce((sum, value) => sum + value, 0) / minima.length;
}

test('known values: k = n is the extreme, k = 1 the mean, k = 2 of {1, 2, 3} is 4/3', () => {
  assert.equal(computeExpectedExtreme([3, 1, 2], 3, 'min'), 1);
  assert.equal(computeExpectedExtreme([3, 1, 2], 3, 'max'), 3);
  assertClose(computeExpectedExtreme([3, 1, 2], 1, 'min'), 2, 1e-12);
  assertClose(computeExpectedExtreme([3, 1, 2], 2, 'min'), 4 / 3, 1e-12);
  assertClose(computeExpectedExtreme([3, 1, 2], 2, 'max'), 8 / 3, 1e-12);
});

test('equals the enumeration of every k-subset on random samples', () => {
  const random = createRandom(11);
  for (let trial = 0; trial < 20; trial++) {
    const n = 3 + (trial % 8);
    const values = Array.from({ length: n }, () => 90 + 20 * random.nextFloat());
    for (let k = 1; k <= n; k++) {
      assertClose(computeExpectedExtreme(values, k, 'min'), enumerateMinimum(values, k), 1e-9);
    }
  }
});

test('removes the sample-size bias of the minimum: 11 draws vs 3 from one distribution', () => {
  const random = createRandom(5);
  const draw = (n: number) => Array.from({ length: n }, () => 100 + 5 * random.nextFloat());
  let plain = 0;
  let fair = 0;
  const trials = 2000;
  for (let t = 0; t < trials; t++) {
    const few = draw(3);
    const many = draw(11);
    plain += findMin(many) / findMin(few) - 1;
    fair += computeExpectedExtreme(many, 3, 'min') / findMin(few) - 1;
  }
  assert.ok(plain / trials < -0.005, `plain minima differ by ${((plain / trials) * 100).toFixed(2)} %`);
  assert.ok(Math.abs(fair / trials) < 0.001, `fair minima differ by ${((fair / trials) * 100).toFixed(2)} %`);
});

test('refuses k outside 1..n', () => {
  assert.throws(
    () => computeExpectedExtreme([1, 2], 0, 'min'),
    /k must be an integer from 1 to the sample size 2/,
  );
  assert.throws(() => computeExpectedExtreme([1, 2], 3, 'max'), RangeError);
});
