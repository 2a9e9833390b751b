import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineLogRatios } from '../../../src/decide/compare/aggregate.js';
import {
  computeDirectionalPValues,
  computeNoChangePValue,
  inferLogRatio,
  toChangeInterval,
} from '../../../src/decide/compare/log-ratio.js';
import { computeRatioInterval, computeStudentTCdf } from '../../../src/ground/stats/index.js';
import { computeWelchLogPValue } from '../../ground/stats/reference-statistics.js';
import { assertClose } from '../../ground/stats/assert-close.js';

const baseline = [1000, 1010, 990];
const current = [900, 915, 880, 905];

test('two replicated sides: Welch on the logs, identical to the stats module', () => {
  const inference = inferLogRatio(baseline, current);
  assert.equal(inference.kind, 'determined');
  if (inference.kind !== 'determined') return;
  const welch = computeRatioInterval(baseline, current);
  assert.equal(welch.kind, 'determined');
  if (welch.kind !== 'determined') return;
  const interval = toChangeInterval(inference, 0.95);
  assert.equal(interval.kind, 'determined');
  if (interval.kind !== 'determined') return;
  assertClose(Math.expm1(inference.logEstimate), welch.estimate, 1e-12);
  assertClose(interval.low, welch.low, 1e-12);
  assertClose(interval.high, welch.high, 1e-12);
  const p = computeWelchLogPValue(baseline, current);
  assert.equal(p.kind, 'determined');
  if (p.kind === 'determined') assertClose(computeNoChangePValue(inference) ?? NaN, p.pValue, 1e-12);
});

test('one-sided p-values split the two-sided one by direction', () => {
  const inference = inferLogRatio(baseline, current);
  const twoSided = computeNoChangePValue(inference) ?? NaN;
  const throughput = computeDirectionalPValues(inference, 'higher-is-better');
  const memory = computeDirectionalPValues(inference, 'lower-is-better');
  assertClose(throughput?.worse ?? NaN, twoSided / 2, 1e-12);
  assertClose(throughput?.better ?? NaN, 1 - twoSided / 2, 1e-12);
  assert.deepEqual(memory, { worse: throughput?.better, better: throughput?.worse });
});

test('a single baseline value borrows the spread of the replicated side (df = n − 1)', () => {
  const inference = inferLogRatio([1000], current);
  assert.equal(inference.kind, 'determined');
  if (inference.kind !== 'determined') return;
  const logs = current.map(Math.log);
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const variance = logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1);
  assertClose(inference.logEstimate, mean - Math.log(1000), 1e-12);
  assertClose(inference.standardError, Math.sqrt(variance * (1 + 1 / 4)), 1e-12);
  assert.equal(inference.df, 3);
  const mirrored = inferLogRatio(current, [1000]);
  assert.equal(mirrored.kind, 'determined');
  if (mirrored.kind === 'determined') assertClose(mirrored.logEstimate, -inference.logEstimate, 1e-12);
});

test('one value on each side has no interval', () => {
  const inference = inferLogRatio([1000], [900]);
  assert.equal(inference.kind, 'undetermined');
  assert.deepEqual(toChangeInterval(inference, 0.95), {
    kind: 'undetermined',
    reason: 'need at least 2 samples on one side, got 1 baseline and 1 current',
  });
  assert.equal(computeNoChangePValue(inference), null);
  assertClose(Math.expm1(inference.logEstimate), -0.1, 1e-12);
});

test('a systematic residual is added in quadrature with Welch–Satterthwaite df', () => {
  const plain = inferLogRatio(baseline, current);
  const withResidual = inferLogRatio(baseline, current, 0.05);
  assert.ok(plain.kind === 'determined' && withResidual.kind === 'determined');
  if (plain.kind !== 'determined' || withResidual.kind !== 'determined') return;
  const variance = plain.standardError ** 2 + 0.05 ** 2;
  assertClose(withResidual.standardError, Math.sqrt(variance), 1e-12);
  assertClose(withResidual.df, variance ** 2 / (plain.standardError ** 4 / plain.df), 1e-9);
  const t = withResidual.logEstimate / withResidual.standardError;
  assertClose(
    computeNoChangePValue(withResidual) ?? NaN,
    2 * computeStudentTCdf(-Math.abs(t), withResidual.df),
    1e-12,
  );
});

test('identical values: a zero-width interval and p = 0 (or 1 without a change)', () => {
  const inference = inferLogRatio([100, 100], [90, 90]);
  const interval = toChangeInterval(inference, 0.95);
  assert.equal(interval.kind, 'determined');
  if (interval.kind === 'determined') {
    assertClose(interval.low, -0.1, 1e-12);
    assertClose(interval.high, -0.1, 1e-12);
  }
  assert.equal(computeNoChangePValue(inference), 0);
  assert.equal(computeNoChangePValue(inferLogRatio([100, 100], [100, 100])), 1);
});

test('the geometric mean over cells: mean of log ratios, SE √(Σ SE²)/K, residual added once', () => {
  const a = inferLogRatio([100, 102, 98], [90, 91, 89]);
  const b = inferLogRatio([50, 51, 49, 50], [45, 46, 44, 45.5]);
  assert.ok(a.kind === 'determined' && b.kind === 'determined');
  if (a.kind !== 'determined' || b.kind !== 'determined') return;
  const combined = combineLogRatios([a, b]);
  assert.equal(combined.kind, 'determined');
  if (combined.kind !== 'determined') return;
  assertClose(combined.logEstimate, (a.logEstimate + b.logEstimate) / 2, 1e-12);
  const [shareA, shareB] = [a.standardError ** 2 / 4, b.standardError ** 2 / 4];
  assertClose(combined.standardError, Math.sqrt(shareA + shareB), 1e-12);
  assertClose(combined.df, (shareA + shareB) ** 2 / (shareA ** 2 / a.df + shareB ** 2 / b.df), 1e-9);
  const a2 = inferLogRatio([100, 102, 98], [90, 91, 89], 0.08);
  const b2 = inferLogRatio([50, 51, 49, 50], [45, 46, 44, 45.5], 0.08);
  assert.ok(a2.kind === 'determined' && b2.kind === 'determined');
  if (a2.kind !== 'determined' || b2.kind !== 'determined') return;
  const systematic = combineLogRatios([a2, b2]);
  assert.ok(systematic.kind === 'determined');
  if (systematic.kind === 'determined') {
    assertClose(systematic.standardError, Math.sqrt(shareA + shareB + 0.08 ** 2), 1e-12);
  }
  assert.equal(combineLogRatios([]).kind, 'undetermined');
});
