import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustHolmBonferroni } from '../../../src/ground/stats/index.js';
import { computePairedLogPValue, computeWelchLogPValue } from './reference-statistics.js';
import { assertClose } from './assert-close.js';

test('Holm adjustment: step-down, monotone, capped at 1, input order kept', () => {
  // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → raised to 0.06.
  const adjusted = adjustHolmBonferroni([0.01, 0.04, 0.03, 0.005]);
  [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => assertClose(adjusted[i] ?? Number.NaN, expected, 1e-15));
  assert.deepEqual(adjustHolmBonferroni([0.5, 0.9]), [1, 1]);
  assert.deepEqual(adjustHolmBonferroni([0.02]), [0.02]);
  assert.deepEqual(adjustHolmBonferroni([]), []);
  assert.throws(() => adjustHolmBonferroni([0.1, 1.5]), RangeError);
  assert.throws(() => adjustHolmBonferroni([Number.NaN]), RangeError);
});

test('Welch p-value on logs matches a python reference (numerically integrated t CDF)', () => {
  const result = computeWelchLogPValue([100, 104, 98, 101], [110, 108, 115]);
  assert.equal(result.kind, 'determined');
  if (result.kind !== 'determined') return;
  assertClose(result.df, 3.673398966255501, 1e-12);
  assertClose(result.t, 4.3252254781194726, 1e-10);
  assertClose(result.pValue, 0.014908848616190795, 1e-9);
});

test('paired p-value on log ratios', () => {
  const pairs = [
    { baseline: 100, current: 110 },
    { baseline: 90, current: 103.5 },
    { baseline: 120, current: 130 },
    { baseline: 80, current: 91 },
    { baseline: 105, current: 117 },
  ];
  const result = computePairedLogPValue(pairs);
  assert.equal(result.kind, 'determined');
  if (result.kind !== 'determined') return;
  assertClose(result.t, 10.174874571296296, 1e-10);
  assertClose(result.pValue, 0.0005255012239960832, 1e-8);
});

test('identical samples give p = 1; zero spread with a shift gives p = 0; n = 1 is undetermined', () => {
  const same = computeWelchLogPValue([5, 6, 7], [5, 6, 7]);
  assert.equal(same.kind === 'determined' ? same.pValue : -1, 1);
  const shifted = computeWelchLogPValue([5, 5], [6, 6]);
  assert.equal(shifted.kind === 'determined' ? shifted.pValue : -1, 0);
  const short = computeWelchLogPValue([5], [6, 7]);
  assert.equal(short.kind, 'undetermined');
  assert.equal(computePairedLogPValue([{ baseline: 1, current: 2 }]).kind, 'undetermined');
});
