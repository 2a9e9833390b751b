// Reference intervals computed in python3 (statistics module) with table t values: t(0.975, 3) = 3.18244631,
// t(0.975, 4) = 2.77644511.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../../src/ground/random/index.js';
import type { Interval } from '../../../src/ground/stats/index.js';
import {
  computeGeometricMeanInterval,
  computeMeanInterval,
  computePairedRatioInterval,
  computeRatioInterval,
} from '../../../src/ground/stats/index.js';
import { bootstrapMedianInterval } from './reference-statistics.js';
import { assertClose } from './assert-close.js';

function expectDetermined(interval: Interval): { estimate: number; low: number; high: number; df: number } {
  assert.equal(interval.kind, 'determined', JSON.stringify(interval));
  if (interval.kind !== 'determined') throw new Error('unreachable');
  return interval;
}

test('mean interval: t with n − 1 df', () => {
  const interval = expectDetermined(computeMeanInterval([10, 12, 14, 11, 13]));
  assert.equal(interval.estimate, 12);
  assert.equal(interval.df, 4);
  assertClose(interval.low, 10.03675683512677, 1e-8);
  assertClose(interval.high, 13.96324316487323, 1e-8);
  const wider = expectDetermined(computeMeanInterval([10, 12, 14, 11, 13], 0.99));
  assert.ok(wider.low < interval.low && wider.high > interval.high);
});

test('geometric-mean interval: t on logs, exponentiated', () => {
  const interval = expectDetermined(computeGeometricMeanInterval([1.5, 2.0, 4.5, 8.0]));
  assertClose(interval.estimate, 3.2237097954706257, 1e-12);
  assertClose(interval.low, 0.9560072913963236, 1e-8);
  assertClose(interval.high, 10.870528853639275, 1e-8);
  assert.equal(interval.df, 3);
});

test('ratio interval: Welch on logs, reported as relative difference', () => {
  // Equal log spreads and n = 3 per side give Welch–Satterthwaite df = 4 exactly.
  const interval = computeRatioInterval([100, 110, 121], [200, 220, 242]);
  const determined = expectDetermined(interval);
  assertClose(determined.estimate, 1, 1e-12);
  assertClose(determined.df, 4, 1e-12);
  assertClose(determined.low, 0.6113672009012472, 1e-8);
  assertClose(determined.high, 1.4823640432564198, 1e-8);
  assert.equal(interval.design, 'independent');
  assert.deepEqual([interval.baselineN, interval.currentN, interval.n], [3, 3, 6]);
});

test('ratio interval with unequal sizes uses fractional Welch–Satterthwaite df', () => {
  const interval = expectDetermined(computeRatioInterval([100, 104, 98, 101], [110, 108, 115]));
  assertClose(interval.df, 3.673398966255501, 1e-12);
  assert.ok(interval.low > 0 && interval.estimate > interval.low && interval.high > interval.estimate);
});

test('paired ratio interval: t on per-pair log ratios', () => {
  const pairs = [
    { baseline: 100, current: 110 },
    { baseline: 90, current: 103.5 },
    { baseline: 120, current: 130 },
    { baseline: 80, current: 91 },
    { baseline: 105, current: 117 },
  ];
  const interval = computePairedRatioInterval(pairs);
  const determined = expectDetermined(interval);
  assertClose(determined.estimate, 0.11676069406835907, 1e-12);
  assertClose(determined.low, 0.0836102747709311, 1e-8);
  assertClose(determined.high, 0.15092526976978346, 1e-8);
  assert.equal(determined.df, 4);
  assert.equal(interval.design, 'paired');
  assert.equal(interval.n, 5);
});

test('n = 1 gives an undetermined interval with a reason, never NaN', () => {
  const mean = computeMeanInterval([42]);
  assert.equal(mean.kind, 'undetermined');
  if (mean.kind === 'undetermined') {
    assert.equal(mean.reason, 'too-few-samples');
    assert.match(mean.message, /at least 2/);
    assert.equal(mean.estimate, 42);
    assert.equal(mean.n, 1);
    assert.equal(mean.df, 0);
  }
  assert.equal(computeGeometricMeanInterval([5]).kind, 'undetermined');
  const ratio = computeRatioInterval([100], [110, 111]);
  assert.equal(ratio.kind, 'undetermined');
  assertClose(ratio.estimate ?? Number.NaN, Math.sqrt(110 * 111) / 100 - 1, 1e-12);
  assert.equal(computePairedRatioInterval([{ baseline: 1, current: 2 }]).kind, 'undetermined');
  assert.equal(bootstrapMedianInterval([3], createRandom(1)).kind, 'undetermined');
  for (const interval of [mean, ratio]) {
    for (const value of Object.values(interval)) assert.ok(!Number.isNaN(value), JSON.stringify(interval));
  }
});

test('zero spread gives a zero-width determined interval, not NaN', () => {
  const mean = expectDetermined(computeMeanInterval([5, 5, 5]));
  assert.deepEqual([mean.low, mean.high], [5, 5]);
  const ratio = expectDetermined(computeRatioInterval([10, 10], [11, 11]));
  assertClose(ratio.low, 0.1, 1e-12);
  assertClose(ratio.high, 0.1, 1e-12);
  assert.equal(ratio.df, 2);
});

test('invalid input throws RangeError', () => {
  assert.throws(() => computeMeanInterval([]), RangeError);
  assert.throws(() => computeMeanInterval([1, Number.NaN]), RangeError);
  assert.throws(() => computeMeanInterval([1, 2], 1), RangeError);
  assert.throws(() => computeGeometricMeanInterval([1, 0]), RangeError);
  assert.throws(() => computeRatioInterval([1, 2], [-1, 2]), { name: 'RangeError', message: /current\[0\]/ });
  assert.throws(() => computePairedRatioInterval([]), RangeError);
  assert.throws(() => computePairedRatioInterval([{ baseline: 0, current: 1 }]), RangeError);
  assert.throws(() => bootstrapMedianInterval([1, 2], createRandom(1), 0), RangeError);
});

test('bootstrap median interval is seeded, brackets the median and stays within the data', () => {
  const samples = [101, 99, 100, 102, 98, 100.5, 99.5, 140];
  const first = bootstrapMedianInterval(samples, createRandom(9), 1000);
  const second = bootstrapMedianInterval(samples, createRandom(9), 1000);
  assert.deepEqual(first, second);
  assert.equal(first.kind, 'determined');
  if (first.kind !== 'determined') return;
  assert.equal(first.estimate, 100.25);
  assert.equal(first.resamples, 1000);
  assert.ok(first.low >= 98 && first.low <= first.estimate);
  assert.ok(
    first.high >= first.estimate && first.high < 140,
    'the outlier does not drag the median interval',
  );
});
