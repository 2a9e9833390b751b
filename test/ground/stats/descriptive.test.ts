// Reference values from python3's statistics module (quantiles(method='inclusive') is type 7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeGeometricMean,
  computeMean,
  computeMedian,
  computeQuantile,
  computeSampleVariance,
  computeSum,
  findMax,
  findMin,
} from '../../../src/ground/stats/index.js';
import {
  computeCoefficientOfVariation,
  computeMedianAbsoluteDeviation,
  computeQuantiles,
  computeScaledMedianAbsoluteDeviation,
  computeStandardDeviation,
} from './reference-statistics.js';
import { assertClose } from './assert-close.js';

const data = [3, 1, 4, 1, 5, 9, 2, 6];

test('sum, mean, min, max', () => {
  assert.equal(computeSum(data), 31);
  assert.equal(computeMean(data), 3.875);
  assert.equal(findMin(data), 1);
  assert.equal(findMax(data), 9);
  assert.equal(computeSum([1e16, 1, -1e16]), 1, 'compensated summation keeps the 1');
});

test('type-7 quantiles match numpy / statistics.quantiles(method="inclusive")', () => {
  assert.deepEqual(computeQuantiles(data, [0.25, 0.5, 0.75]), [1.75, 3.5, 5.25]);
  assertClose(computeQuantile(data, 0.95), 7.95, 1e-12);
  assertClose(computeQuantile(data, 0.99), 8.79, 1e-12);
  assert.equal(computeQuantile(data, 0.1), 1);
  assert.equal(computeQuantile(data, 0), 1);
  assert.equal(computeQuantile(data, 1), 9);
  assert.equal(computeQuantile([7], 0.3), 7);
  assert.equal(computeQuantile([1, 2], 0.25), 1.25);
  assert.equal(computeQuantile([10, 20, 30], 0.75), 25);
});

test('median of odd and even samples, input left unsorted', () => {
  const input = [5, 1, 3];
  assert.equal(computeMedian(input), 3);
  assert.deepEqual(input, [5, 1, 3]);
  assert.equal(computeMedian(data), 3.5);
});

test('sample variance, standard deviation and coefficient of variation', () => {
  assertClose(computeSampleVariance(data), 7.553571428571429, 1e-14);
  assertClose(computeStandardDeviation(data), 2.748376143938713, 1e-14);
  assertClose(computeCoefficientOfVariation(data), 0.7092583597261195, 1e-14);
  assert.equal(computeSampleVariance([2, 4]), 2);
});

test('MAD raw and scaled by 1.4826', () => {
  assert.equal(computeMedianAbsoluteDeviation(data), 2);
  assertClose(computeScaledMedianAbsoluteDeviation(data), 2.9652, 1e-14);
  assert.equal(computeMedianAbsoluteDeviation([4, 4, 4, 9]), 0);
});

test('geometric mean', () => {
  assertClose(computeGeometricMean([1.5, 2.0, 4.5, 8.0]), 3.2237097954706257, 1e-14);
  assertClose(computeGeometricMean([2, 8]), 4, 1e-14);
  assert.throws(() => computeGeometricMean([1, 0]), RangeError);
  assert.throws(() => computeGeometricMean([1, -2]), RangeError);
});

test('invalid input throws RangeError with a clear message', () => {
  assert.throws(() => computeMean([]), { name: 'RangeError', message: /empty/ });
  assert.throws(() => computeMedian([1, Number.NaN]), { name: 'RangeError', message: /sample\[1\] is NaN/ });
  assert.throws(() => computeSum([Infinity]), RangeError);
  assert.throws(() => computeSampleVariance([1]), { name: 'RangeError', message: /at least 2/ });
  assert.throws(() => computeQuantile(data, 1.5), RangeError);
  assert.throws(() => computeQuantile(data, Number.NaN), RangeError);
  assert.throws(() => computeCoefficientOfVariation([-1, 1]), RangeError);
});
