import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeModifiedZScores, findOutlierIndices } from '../../../src/ground/stats/index.js';
import { assertClose } from './assert-close.js';

test('a clear outlier is flagged', () => {
  const throughput = [1000, 1012, 995, 1005, 640, 1008, 998];
  assert.deepEqual(findOutlierIndices(throughput), [4]);
});

test('a tight sample flags nothing', () => {
  assert.deepEqual(findOutlierIndices([1000, 1010, 990, 1005, 995, 1002, 1008, 993]), []);
  assert.deepEqual(findOutlierIndices([7]), []);
  assert.deepEqual(findOutlierIndices([1, 100]), [], 'two values cannot outvote each other');
});

test('modified z-scores use 0.6745 · (x − median) / MAD', () => {
  const { scores, scale } = computeModifiedZScores([1, 2, 3, 4, 5, 20]);
  assert.equal(scale, 'median-absolute-deviation');
  // median of [1, 2, 3, 4, 5, 20] is 3.5; |deviations| 2.5 1.5 0.5 0.5 1.5 16.5 → MAD 1.5.
  assertClose(scores[5] ?? Number.NaN, (0.6745 * 16.5) / 1.5, 1e-12);
  assertClose(scores[0] ?? Number.NaN, (0.6745 * -2.5) / 1.5, 1e-12);
  assert.deepEqual(findOutlierIndices([1, 2, 3, 4, 5, 20]), [5]);
});

test('MAD = 0 falls back to the mean absolute deviation', () => {
  // More than half the values are equal, so the MAD is 0; 9 is far from the rest.
  const { scale } = computeModifiedZScores([5, 5, 5, 5, 9]);
  assert.equal(scale, 'mean-absolute-deviation');
  assert.deepEqual(findOutlierIndices([5, 5, 5, 5, 9]), [4]);
  // A single deviation among several: its score is (x − m) / (1.253314 · |x − m| / n) = n / 1.253314.
  assert.deepEqual(findOutlierIndices([5, 5, 6]), [], 'n = 3: score 2.39 stays below 3.5');
});

test('all values equal: no spread, no outliers, no NaN', () => {
  const { scores, scale } = computeModifiedZScores([3, 3, 3, 3]);
  assert.equal(scale, 'none');
  assert.deepEqual(scores, [0, 0, 0, 0]);
  assert.deepEqual(findOutlierIndices([3, 3, 3, 3]), []);
});

test('threshold is configurable and validated', () => {
  assert.deepEqual(findOutlierIndices([1, 2, 3, 4, 5, 8], 1.5), [5]);
  assert.throws(() => findOutlierIndices([1, 2, 3], 0), RangeError);
  assert.throws(() => findOutlierIndices([]), RangeError);
  assert.throws(() => findOutlierIndices([1, Number.NaN]), RangeError);
});
