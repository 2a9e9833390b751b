import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeNormalCdf,
  computeNormalQuantile,
  computeRegularizedIncompleteBeta,
  computeStudentTCdf,
  computeStudentTQuantile,
  computeTwoSidedTCritical,
} from '../../../src/ground/stats/index.js';
import { assertClose } from './assert-close.js';

// Published two-sided 95 % critical values t(0.975, df).
const T_TABLE: ReadonlyArray<readonly [number, number]> = [
  [1, 12.7062047],
  [2, 4.30265273],
  [3, 3.18244631],
  [4, 2.77644511],
  [10, 2.22813885],
  [30, 2.04227246],
  [1000, 1.96233908],
];

test('t quantiles match table values to 1e-8 relative', () => {
  for (const [df, expected] of T_TABLE) {
    const actual = computeStudentTQuantile(0.975, df);
    assert.ok(Math.abs(actual - expected) / expected < 1e-8, `df ${df}: ${actual} vs ${expected}`);
    assertClose(computeStudentTQuantile(0.025, df), -expected, 1e-8, `lower df ${df}`);
    assertClose(computeTwoSidedTCritical(0.95, df), expected, 1e-8, `critical df ${df}`);
  }
  assert.equal(computeStudentTQuantile(0.5, 7), 0);
});

test('t quantile at fractional df (Welch) matches a numerically integrated reference', () => {
  // Bisection on a Simpson-integrated t density in python.
  assertClose(computeStudentTQuantile(0.975, 5.5), 2.5018586175892814, 1e-9);
});

test('t CDF matches closed forms for df 1 and 2 and integrated references', () => {
  for (const t of [-40, -3, -0.5, 0, 0.7, 2, 50]) {
    assertClose(computeStudentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-14, `df 1 t ${t}`);
    assertClose(computeStudentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-14, `df 2 t ${t}`);
  }
  assertClose(computeStudentTCdf(1.5, 3), 0.8847080673775887, 1e-10);
  assertClose(computeStudentTCdf(2.2, 7.3), 0.9689154172999845, 1e-10);
  assertClose(computeStudentTCdf(-0.8, 2.5), 0.24633700492636212, 1e-10);
  assertClose(computeStudentTCdf(3.0, 12), 0.994466652156972, 1e-10);
});

test('t quantile and CDF invert each other, including far tails', () => {
  for (const df of [1, 2, 3, 4.5, 7, 29, 1e4]) {
    for (const p of [1e-12, 1e-6, 0.001, 0.025, 0.3, 0.6, 0.99]) {
      const t = computeStudentTQuantile(p, df);
      const back = computeStudentTCdf(t, df);
      assert.ok(Math.abs(back - p) / Math.min(p, 1 - p) < 1e-9, `df ${df} p ${p}: cdf(${t}) = ${back}`);
    }
  }
});

test('large df approaches the normal distribution; df = Infinity is the normal', () => {
  assertClose(computeStudentTQuantile(0.975, 1e7), 1.959964, 1e-6);
  assert.equal(computeStudentTQuantile(0.975, Infinity), computeNormalQuantile(0.975));
});

test('normal quantile and CDF match python statistics.NormalDist', () => {
  assertClose(computeNormalQuantile(0.975), 1.9599639845400536, 1e-14);
  assertClose(computeNormalQuantile(0.001), -3.090232306167813, 1e-14);
  assertClose(computeNormalQuantile(1e-10), -6.361340902404056, 1e-13);
  assertClose(computeNormalQuantile(1e-300), -37.0470962993612, 1e-12);
  assertClose(computeNormalQuantile(0.3), -0.5244005127080407, 1e-14);
  assertClose(computeNormalCdf(1.96), 0.9750021048517795, 1e-14);
  assertClose(computeNormalCdf(-1), 0.15865525393145707, 1e-14);
  const tail = computeNormalCdf(-5);
  assert.ok(Math.abs(tail - 2.866515718791946e-7) / 2.866515718791946e-7 < 1e-12);
  assert.equal(computeNormalCdf(0), 0.5);
});

test('regularized incomplete beta: symmetric and closed-form cases', () => {
  assertClose(computeRegularizedIncompleteBeta(0.5, 3, 3), 0.5, 1e-14);
  assertClose(computeRegularizedIncompleteBeta(0.3, 1, 1), 0.3, 1e-14);
  assertClose(computeRegularizedIncompleteBeta(0.3, 2, 1), 0.09, 1e-14);
  assert.equal(computeRegularizedIncompleteBeta(0, 2, 3), 0);
  assert.equal(computeRegularizedIncompleteBeta(1, 2, 3), 1);
});

test('invalid arguments throw RangeError', () => {
  assert.throws(() => computeStudentTQuantile(0, 3), RangeError);
  assert.throws(() => computeStudentTQuantile(1, 3), RangeError);
  assert.throws(() => computeStudentTQuantile(0.5, 0), RangeError);
  assert.throws(() => computeStudentTQuantile(Number.NaN, 3), RangeError);
  assert.throws(() => computeStudentTCdf(1, Number.NaN), RangeError);
  assert.throws(() => computeNormalQuantile(1), RangeError);
  assert.throws(() => computeRegularizedIncompleteBeta(1.2, 1, 1), RangeError);
});
