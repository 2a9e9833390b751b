import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareServeSweeps, serveComparisonSchema } from '../../../src/decide/compare/index.js';
import type { ServeComparison, ServeMetricComparison } from '../../../src/decide/compare/index.js';
import type { ServeSweep } from '../../../src/measure/serve/serve-profile-schema.js';
import { REFERENCE, SLO_MS, buildSweep, shareRegime } from './serve-sweeps.js';

// the defaults: maxP95Growth 0.3 (horizon 15 %), 500 bootstrap replicates, seed 1
/** The pooled method asked for: the default is the per-round t (docs/serve-gate.md). */
const POOLED = { latencySloMs: SLO_MS, sloQuantile: 'p95' as const, p95Method: 'pooled' as const };

function findP95(comparison: ServeComparison): ServeMetricComparison {
  const found = comparison.sweeps[0]?.metrics.find((item) => item.metric === 'p95-at-reference');
  assert.ok(found);
  return found;
}

/** ±3 % by round on the head at every rate: pairs that disagree a little, in both directions. */
const jitter = (round: number) => [1, 1.03, 0.97, 1.02, 0.98][round % 5] ?? 1;

test('raw latencies, identical sides across regimes: pooled p95, zero-width interval, no-change', () => {
  const sweep = buildSweep({ serviceMs: 10, raw: true, scale: (_, round) => shareRegime(round) });
  const comparison = compareServeSweeps(sweep, sweep, POOLED);
  const p95 = findP95(comparison);
  assert.equal(p95.method, 'pooled-bootstrap');
  assert.equal(p95.verdict, 'no-change', p95.reason);
  assert.equal(p95.estimate, 0);
  assert.ok(p95.interval.kind === 'determined' && p95.interval.low === 0 && p95.interval.high === 0);
  assert.match(p95.reason, /p95 of pooled requests \(1250 base, 1250 head\) over 5 round pair/);
  assert.equal(comparison.overall.verdict, 'no-change');
});

test('raw latencies, the head ×1.3 per request (±3 % by round): a p95 regression near +30 %', () => {
  const base = buildSweep({ serviceMs: 10, raw: true, scale: (_, round) => shareRegime(round) });
  const head = buildSweep({
    serviceMs: 10,
    raw: true,
    scale: (_, round) => shareRegime(round) * 1.3 * jitter(round),
  });
  const comparison = compareServeSweeps(base, head, POOLED);
  const p95 = findP95(comparison);
  assert.equal(p95.method, 'pooled-bootstrap');
  assert.equal(p95.verdict, 'regression', p95.reason);
  assert.ok(Math.abs((p95.estimate ?? NaN) - 0.3) < 0.04, `estimate ${p95.estimate}`);
  assert.ok(p95.interval.kind === 'determined' && p95.interval.low > p95.horizon);
  assert.ok(p95.interval.high > p95.interval.low, 'the round pairs disagree: an interval with width');
  assert.equal(comparison.overall.verdict, 'regression');
  assert.ok(comparison.overall.failing.some((item) => item.metric === 'p95-at-reference'));
});

test('a reference window without raw latencies: the per-round t, and the reason says which window', () => {
  const base = buildSweep({ serviceMs: 10, raw: true, scale: (_, round) => shareRegime(round) });
  const head = buildSweep({ serviceMs: 10, raw: true, scale: (_, round) => shareRegime(round) });
  const reference = head.rates.find((rate) => rate.ratePerSecond === REFERENCE);
  assert.ok(reference);
  const bare = { ...(reference.windows[2] as (typeof reference.windows)[number]) };
  delete bare.latenciesMs;
  reference.windows[2] = bare;
  const p95 = findP95(compareServeSweeps(base, head, POOLED));
  assert.equal(p95.method, 'round-t');
  assert.match(p95.reason, /fallback: round 2's head window kept no raw latencies/);
  assert.equal(p95.verdict, 'no-change', p95.reason);
  const legacy = findP95(
    compareServeSweeps(buildSweep({ serviceMs: 10 }), buildSweep({ serviceMs: 10 }), POOLED),
  );
  assert.equal(legacy.method, 'round-t', 'files written before latenciesMs compare as before');
  const chosen = findP95(compareServeSweeps(base, base, { ...POOLED, p95Method: 'per-round' }));
  assert.equal(chosen.method, 'round-t', 'raw latencies, but the per-round t asked for');
  assert.match(chosen.reason, /per-round t over the rounds’ p95/);
  assert.doesNotMatch(chosen.reason, /fallback/);
});

test('the bootstrap is seeded: the same sweeps and seed give the same comparison, another seed another SE', () => {
  const build = (factor: number): ServeSweep =>
    buildSweep({
      serviceMs: 10,
      raw: true,
      scale: (_, round) => shareRegime(round) * factor * jitter(round),
    });
  const base = build(1);
  const head = build(1.05);
  const first = compareServeSweeps(base, head, POOLED);
  assert.deepEqual(compareServeSweeps(base, head, POOLED), first);
  assert.deepEqual(serveComparisonSchema.parse(JSON.parse(JSON.stringify(first))), first);
  assert.deepEqual(first.settings.bootstrap, { replicates: 500, seed: 1, resampleRequests: false });
  assert.equal(first.settings.p95Method, 'pooled');
  const byDefault = compareServeSweeps(base, head, { latencySloMs: SLO_MS, sloQuantile: 'p95' });
  assert.equal(byDefault.settings.p95Method, 'per-round');
  assert.equal(findP95(byDefault).method, 'round-t');
  assert.equal(first.settings.thresholds['p95-at-reference'], 0.3);
  const reseeded = compareServeSweeps(base, head, { ...POOLED, bootstrapSeed: 2 });
  const width = (comparison: ServeComparison) => {
    const { interval } = findP95(comparison);
    return interval.kind === 'determined' ? interval.high - interval.low : NaN;
  };
  assert.notEqual(width(reseeded), width(first));
  assert.equal(
    findP95(reseeded).estimate,
    findP95(first).estimate,
    'the estimate does not depend on the seed',
  );
});
