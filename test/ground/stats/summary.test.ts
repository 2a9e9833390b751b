import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeGeometricMeanInterval, summarizeSample } from '../../../src/ground/stats/index.js';
import { assertClose } from './assert-close.js';

test('summary of a typical per-process throughput sample', () => {
  const values = [3, 1, 4, 1, 5, 9, 2, 6];
  const summary = summarizeSample(values);
  assert.equal(summary.n, 8);
  assert.equal(summary.mean, 3.875);
  assert.equal(summary.median, 3.5);
  assert.equal(summary.p50, 3.5);
  assertClose(summary.p95, 7.95, 1e-12);
  assertClose(summary.p99, 8.79, 1e-12);
  assert.equal(summary.min, 1);
  assert.equal(summary.max, 9);
  assertClose(summary.stddev, 2.748376143938713, 1e-14);
  assertClose(summary.cv, 0.7092583597261195, 1e-14);
  assert.deepEqual(summary.ci95, computeGeometricMeanInterval(values));
  assert.deepEqual(summary.outlierIndices, []);
});

test('outliers are reported by index', () => {
  assert.deepEqual(summarizeSample([1000, 1012, 995, 1005, 640, 1008, 998]).outlierIndices, [4]);
});

test('n = 1: undetermined ci95, zero spread, no NaN anywhere', () => {
  const summary = summarizeSample([250]);
  assert.equal(summary.ci95.kind, 'undetermined');
  assert.equal(summary.stddev, 0);
  assert.equal(summary.cv, 0);
  assert.equal(summary.p99, 250);
  for (const value of Object.values(summary)) assert.ok(!Number.isNaN(value));
});

test('non-positive values: the geometric-mean interval is undetermined instead of throwing', () => {
  const summary = summarizeSample([0, 1, 2]);
  assert.equal(summary.ci95.kind, 'undetermined');
  if (summary.ci95.kind === 'undetermined') assert.equal(summary.ci95.reason, 'non-positive-values');
  assert.equal(summary.mean, 1);
});

test('empty or NaN input throws RangeError', () => {
  assert.throws(() => summarizeSample([]), RangeError);
  assert.throws(() => summarizeSample([1, Number.NaN]), RangeError);
});
