import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Estimate, HistorySeries } from '../../../src/history/history-series.js';
import { computeChainedTrend } from '../../../src/report/site/index.js';
import { buildSyntheticHistory } from './synthetic-history.js';

function withRatios(ratios: (Estimate | null)[]): HistorySeries {
  const [series] = buildSyntheticHistory({ runs: ratios.length });
  assert.ok(series !== undefined);
  return {
    ...series,
    points: series.points.map((point, index) => ({ ...point, chainedRatio: ratios[index] ?? null })),
  };
}

const exact = (value: number): Estimate => ({ value, lower: null, upper: null });

test('the chained trend is the running product of the ratios, starting at 0 % at the first point', () => {
  const ratios = [exact(9), exact(1.1), exact(0.9), exact(1.2)];
  const trend = computeChainedTrend(withRatios(ratios));
  let product = 1;
  const expected = ratios.map((ratio, index) => {
    if (index > 0) product *= ratio?.value ?? 1;
    return product - 1;
  });
  trend.forEach((value, index) => assert.ok(Math.abs(value.change.value - (expected[index] ?? NaN)) < 1e-12));
  assert.deepEqual(
    trend.map((value) => value.chainStart),
    [true, false, false, false],
    "the first point's own ratio (to a commit before the history) is not used",
  );
  assert.ok(
    trend.every((value, index) => index === 0 || value.change.lower === null),
    'no interval without one',
  );
});

test('a missing ratio starts a new chain at that point', () => {
  const trend = computeChainedTrend(withRatios([null, exact(1.5), null, exact(0.8), exact(1.25)]));
  assert.deepEqual(
    trend.map((value) => value.chainStart),
    [true, false, true, false, false],
  );
  const changes = trend.map((value) => value.change.value);
  assert.ok(Math.abs((changes[1] ?? NaN) - 0.5) < 1e-12);
  assert.equal(changes[2], 0);
  assert.ok(Math.abs((changes[4] ?? NaN) - (0.8 * 1.25 - 1)) < 1e-12);
});

test('intervals combine on the log scale: two equal ratios widen the interval by √2', () => {
  const ratio = { value: 1.1, lower: 1.1 / 1.05, upper: 1.1 * 1.05 };
  const trend = computeChainedTrend(withRatios([null, ratio, ratio, exact(1)]));
  const logHalfWidth = (index: number) => {
    const { lower, upper } = trend[index]?.change ?? exact(0);
    return (Math.log(1 + (upper ?? NaN)) - Math.log(1 + (lower ?? NaN))) / 2;
  };
  assert.ok(Math.abs(logHalfWidth(1) - Math.log(1.05)) < 1e-9);
  assert.ok(Math.abs(logHalfWidth(2) - Math.SQRT2 * Math.log(1.05)) < 1e-9);
  assert.ok(Math.abs((trend[2]?.change.value ?? NaN) - (1.1 * 1.1 - 1)) < 1e-12);
  assert.equal(
    trend[3]?.change.lower,
    null,
    'a ratio without an interval makes the rest of the chain unknown',
  );
});
