import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareServeSweeps, serveComparisonSchema } from '../../../src/decide/compare/index.js';
import type { ServeMetricComparison, ServeComparison } from '../../../src/decide/compare/index.js';
import { UsageError } from '../../../src/ground/errors.js';
import { OPTIONS, REFERENCE, buildSweep, shareRegime } from './serve-sweeps.js';

function findMetric(comparison: ServeComparison, metric: string, texts = 8): ServeMetricComparison {
  const sweep = comparison.sweeps.find((item) => item.textsPerRequest === texts);
  const found = sweep?.metrics.find((item) => item.metric === metric);
  assert.ok(found, `${metric} at ${texts} texts per request`);
  return found;
}

/** Alternating ±spread on the log scale at the reference rate, by round (mean 0 over 4 rounds). */
const wobble = (spread: number) => (rate: number, round: number) =>
  rate === REFERENCE ? Math.exp((round % 2 === 0 ? 1 : -1) * spread) : 1;

test('identical sides: no-change on both metrics, zero-width intervals, overall no-change', () => {
  const sweep = buildSweep({ serviceMs: 10, scale: (_, round) => shareRegime(round) });
  const comparison = compareServeSweeps(sweep, sweep, OPTIONS);
  for (const name of ['knee', 'p95-at-reference']) {
    const metric = findMetric(comparison, name);
    assert.equal(metric.verdict, 'no-change', metric.reason);
    assert.equal(metric.estimate, 0);
    assert.equal(metric.pairsUsed, 5);
    assert.ok(metric.pairs.every((pair) => pair.use === 'exact'));
  }
  assert.equal(comparison.overall.verdict, 'no-change');
  assert.equal(comparison.overall.reasons.length, 2);
  assert.deepEqual(comparison.overall.failing, []);
});

test('regimes shared within pairs cancel: the head as the base, each round 1.0–1.45× slower, is no-change', () => {
  const base = buildSweep({ serviceMs: 10, scale: (_, round) => shareRegime(round) });
  const head = buildSweep({
    serviceMs: 10,
    scale: (_, round) => shareRegime(round) * (round % 2 ? 1.01 : 0.99),
  });
  const comparison = compareServeSweeps(base, head, OPTIONS);
  const p95 = findMetric(comparison, 'p95-at-reference');
  assert.equal(p95.verdict, 'no-change', p95.reason);
  assert.ok(p95.interval.kind === 'determined' && p95.interval.high < 0.05 && p95.interval.low > -0.05);
  assert.equal(comparison.overall.verdict, 'no-change');
});

test('head p95 × 1.3 in every pair at the reference rate: a p95-at-reference regression, the knee unchanged', () => {
  const base = buildSweep({ serviceMs: 10, scale: (_, round) => shareRegime(round) });
  const head = buildSweep({
    serviceMs: 10,
    scale: (rate, round) => shareRegime(round) * (rate === REFERENCE ? 1.3 : 1),
  });
  const comparison = compareServeSweeps(base, head, OPTIONS);
  const p95 = findMetric(comparison, 'p95-at-reference');
  assert.equal(p95.verdict, 'regression', p95.reason);
  assert.ok(Math.abs((p95.estimate ?? NaN) - 0.3) < 1e-9);
  assert.equal(findMetric(comparison, 'knee').verdict, 'no-change');
  assert.equal(comparison.overall.verdict, 'regression');
  assert.deepEqual(comparison.overall.failing, [{ textsPerRequest: 8, metric: 'p95-at-reference' }]);
});

test('a head whose capacity is 0.7× the base’s: a knee regression near −30 %', () => {
  const base = buildSweep({ serviceMs: 10, scale: (_, round) => 1 + round * 0.02 });
  const head = buildSweep({ serviceMs: 10 / 0.7, scale: (_, round) => 1 + round * 0.02 });
  const knee = findMetric(compareServeSweeps(base, head, OPTIONS), 'knee');
  assert.equal(knee.verdict, 'regression', knee.reason);
  assert.ok((knee.estimate ?? NaN) < -0.25 && (knee.estimate ?? NaN) > -0.4, `estimate ${knee.estimate}`);
  assert.ok(knee.pairs.every((pair) => pair.base.kind === 'value' && pair.head.kind === 'value'));
  const improved = findMetric(compareServeSweeps(head, base, OPTIONS), 'knee');
  assert.equal(improved.verdict, 'improvement', improved.reason);
});

test('noisy pairs: inconclusive, with the smallest detectable change in the reason', () => {
  const base = buildSweep({ serviceMs: 10, rounds: 4 });
  const head = buildSweep({ serviceMs: 10, rounds: 4, scale: wobble(0.15) });
  const comparison = compareServeSweeps(base, head, OPTIONS);
  const p95 = findMetric(comparison, 'p95-at-reference');
  assert.equal(p95.verdict, 'inconclusive');
  assert.match(p95.reason, /straddles/);
  assert.ok(p95.minimumDetectable !== null && p95.minimumDetectable > p95.threshold);
  assert.equal(comparison.overall.verdict, 'inconclusive');
  const line = comparison.overall.reasons.find((reason) => reason.includes('p95-at-reference'));
  assert.match(line ?? '', /smallest detectable growth \d+(\.\d)? %/);
});

test('the smallest detectable change shrinks as the pairs get quieter', () => {
  const base = buildSweep({ serviceMs: 10, rounds: 4 });
  const mdc = (spread: number) =>
    findMetric(
      compareServeSweeps(base, buildSweep({ serviceMs: 10, rounds: 4, scale: wobble(spread) }), OPTIONS),
      'p95-at-reference',
    ).minimumDetectable ?? NaN;
  assert.ok(mdc(0.02) < mdc(0.05) && mdc(0.05) < mdc(0.15));
});

test('Holm: a marginal regression alone is one, among three sweeps it is not significant after Holm', () => {
  const z = [-2, -1, 0, 1, 2].map((value) => value / Math.sqrt(2.5));
  const marginal = (rate: number, round: number) =>
    rate === REFERENCE ? Math.exp(0.228 + 0.134 * (z[round] ?? 0)) : 1;
  const sweeps = (texts: number[], scaleAt: number | null) =>
    texts.map((t) =>
      buildSweep({ serviceMs: 10, textsPerRequest: t, ...(t === scaleAt ? { scale: marginal } : {}) }),
    );
  const alone = findMetric(
    compareServeSweeps(sweeps([8], null), sweeps([8], 8), OPTIONS),
    'p95-at-reference',
  );
  assert.equal(alone.verdict, 'regression', alone.reason);
  const three = compareServeSweeps(sweeps([1, 8, 32], null), sweeps([1, 8, 32], 8), OPTIONS);
  const adjusted = findMetric(three, 'p95-at-reference');
  assert.ok(adjusted.holmAdjusted !== null && alone.holmAdjusted !== null);
  assert.ok(adjusted.holmAdjusted.worse > 0.05 && alone.holmAdjusted.worse <= 0.05);
  assert.ok(Math.abs(adjusted.holmAdjusted.worse / alone.holmAdjusted.worse - 3) < 1e-9);
  assert.equal(adjusted.verdict, 'inconclusive');
  assert.match(adjusted.reason, /not significant after Holm/);
  assert.equal(adjusted.interval.kind === 'determined' && adjusted.interval.low > adjusted.horizon, true);
});

test('deterministic, and valid against its schema', () => {
  const base = buildSweep({ serviceMs: 10, scale: (_, round) => shareRegime(round) });
  const head = buildSweep({ serviceMs: 11.5, scale: (_, round) => shareRegime(round) * 1.02 });
  const first = compareServeSweeps([base], [head], OPTIONS);
  assert.deepEqual(compareServeSweeps([base], [head], OPTIONS), first);
  assert.deepEqual(serveComparisonSchema.parse(JSON.parse(JSON.stringify(first))), first);
  assert.equal(first.settings.thresholds.knee, 0.1);
  assert.deepEqual(first.settings.gated, ['knee', 'p95-at-reference']);
});

test('an invalid option is a UsageError naming it', () => {
  const sweep = buildSweep({ serviceMs: 10 });
  assert.throws(
    () => compareServeSweeps(sweep, sweep, { ...OPTIONS, maxKneeDrop: 1.5 }),
    (error: unknown) => error instanceof UsageError && /maxKneeDrop/.test(error.message),
  );
});
