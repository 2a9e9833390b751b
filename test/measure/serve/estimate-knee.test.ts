import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeLoad,
  estimateKnee,
  estimateRate,
  findCrossing,
  findReference,
  type RateEstimate,
} from '../../../src/measure/serve/estimate-knee.js';
import type { MeasuredWindow } from '../../../src/measure/serve/measure-serve-window.js';
import { drawLatencies, makeWindow, PLAN } from './synthetic-windows.js';

const constant = (ms: number, count = 50): number[] => Array<number>(count).fill(ms);

function rateOf(rate: number, measured: MeasuredWindow[], seed = 5, phase: 'probe' | 'ladder' = 'ladder') {
  return estimateRate({ ratePerSecond: rate, phase, measured, plan: PLAN, seed });
}

test('a rate’s quantiles over all its windows: 1…1000 ms dealt into four windows', () => {
  const all = Array.from({ length: 1000 }, (_, i) => i + 1);
  const windows = [0, 1, 2, 3].map((w) => makeWindow(all.filter((_, i) => i % 4 === w)));
  const { rate } = estimateRate({
    ratePerSecond: 10,
    phase: 'ladder',
    measured: windows,
    plan: { ...PLAN, latencySloMs: 1000 },
    seed: 1,
  });
  const latency = rate.latencyMs;
  assert.ok(latency !== null);
  assert.equal(latency.p50.value, 500.5);
  assert.ok(Math.abs(latency.p95.value - 950.05) < 1e-9);
  assert.ok(Math.abs(latency.p99.value - 990.01) < 1e-9);
  for (const q of [latency.p50, latency.p95, latency.p99]) {
    assert.ok(q.low < q.value && q.value < q.high, `${q.low} < ${q.value} < ${q.high}`);
    assert.ok(q.high - q.low < 100, 'the interval of 1000 requests is a few dozen ms wide');
  }
  assert.equal(rate.errorRate, 0);
  assert.equal(rate.withinSlo, true, 'p95 950 ms ≤ 1000 ms');
  assert.equal(rate.windows.length, 4);
  const tighter = estimateRate({
    ratePerSecond: 10,
    phase: 'ladder',
    measured: windows,
    plan: { ...PLAN, latencySloMs: 900 },
    seed: 1,
  });
  assert.equal(tighter.rate.withinSlo, false, 'p95 950 ms > 900 ms');
});

test('the bootstrap is reproducible from its seed, and another seed gives another interval', () => {
  const windows = [1, 2, 3].map((seed) => makeWindow(drawLatencies(seed, 300, 5, 4)));
  const a = rateOf(100, windows, 11);
  const b = rateOf(100, windows, 11);
  const c = rateOf(100, windows, 12);
  assert.deepEqual(a.rate, b.rate);
  assert.deepEqual([...a.replicates.sloQuantileMs], [...b.replicates.sloQuantileMs]);
  assert.equal(a.rate.latencyMs?.p95.value, c.rate.latencyMs?.p95.value, 'the point estimate needs no seed');
  assert.notDeepEqual(a.rate.latencyMs?.p95, c.rate.latencyMs?.p95);
});

test('windows that disagree give a wider interval than the same latencies mixed across windows', () => {
  const latencies = drawLatencies(7, 2000, 5, 5);
  // mixed: every window a fair share; split: sorted and cut, so each window holds one band of latencies
  const mixed = Array.from({ length: 8 }, (_, w) => makeWindow(latencies.filter((_, i) => i % 8 === w)));
  const sorted = [...latencies].sort((x, y) => x - y);
  const split = Array.from({ length: 8 }, (_, w) => makeWindow(sorted.slice(w * 250, (w + 1) * 250)));
  const quiet = rateOf(100, mixed).rate.latencyMs;
  const noisy = rateOf(100, split).rate.latencyMs;
  assert.ok(quiet !== null && noisy !== null);
  assert.equal(quiet.p95.value, noisy.p95.value, 'the same pooled latencies, the same point');
  const width = (e: { low: number; high: number }): number => e.high - e.low;
  assert.ok(width(noisy.p95) > 2 * width(quiet.p95), `${width(noisy.p95)} vs ${width(quiet.p95)}`);
  assert.ok(width(noisy.p50) > 2 * width(quiet.p50), `${width(noisy.p50)} vs ${width(quiet.p50)}`);
});

test('errors: the error rate over all planned requests, a breach is beyond, nothing succeeded has no latency', () => {
  const failing = rateOf(50, [makeWindow(constant(5, 90), { planned: 100 }), makeWindow(constant(5, 100))]);
  assert.equal(failing.rate.errorRate, 10 / 200);
  assert.equal(failing.rate.withinSlo, false, '5 % errors > the 1 % limit, though p95 is 5 ms');
  const none = rateOf(50, [makeWindow([], { planned: 40 })]);
  assert.equal(none.rate.latencyMs, null);
  assert.equal(none.rate.errorRate, 1);
  assert.equal(none.rate.withinSlo, false);
  assert.ok(none.replicates.sloQuantileMs.every((q) => Number.isNaN(q)));
  assert.equal(computeLoad(Number.NaN, 0, PLAN), Number.POSITIVE_INFINITY);
  assert.equal(computeLoad(10, 0.005, PLAN), 0.5);
  assert.equal(computeLoad(10, 0.02, PLAN), 2);
  assert.equal(computeLoad(10, 0.02, { ...PLAN, maxErrorRate: 0 }), Number.POSITIVE_INFINITY);
});

test('goodput and tokens per second: means over the windows; no token counter, no tokens', () => {
  const windows = [
    makeWindow(constant(5, 100), { tokens: 1000, goodputPerSecond: 90, achievedRatePerSecond: 100 }),
    makeWindow(constant(5, 100), { tokens: 3000, goodputPerSecond: 70, achievedRatePerSecond: 50 }),
  ];
  const { rate } = rateOf(100, windows);
  assert.equal(rate.goodputPerSecond, 80);
  // 1000 tokens over 1 s; 3000 tokens over 2 s (100 successes at 50/s)
  assert.equal(rate.tokensPerSecond, (1000 + 1500) / 2);
  assert.equal(rateOf(100, [makeWindow(constant(5))]).rate.tokensPerSecond, null);
});

test('the crossing: log(load) interpolated on log(rate) between the highest rate within and the next', () => {
  // load 0.5 → 2 from 200 to 400: half-way in logs, at 200·√2
  const found = findCrossing([100, 200, 400], [0.2, 0.5, 2]);
  assert.equal(found.kind, 'found');
  assert.ok(found.kind === 'found' && Math.abs(found.rate - 200 * Math.SQRT2) < 1e-9);
  // a load of 0 within (no latency, no errors): linear in the load, 0 → 2 crosses 1 half-way
  const fromZero = findCrossing([100, 400], [0, 2]);
  assert.ok(fromZero.kind === 'found' && Math.abs(fromZero.rate - 200) < 1e-9);
  assert.deepEqual(findCrossing([100, 200], [1.2, 3]), { kind: 'below' });
  assert.deepEqual(findCrossing([100, 200], [0.2, 1]), { kind: 'above' });
  // not monotonic: the highest rate within counts (200), and an infinite load puts the knee on it
  assert.deepEqual(findCrossing([100, 150, 200, 300], [0.5, 1.1, 0.9, Infinity]), {
    kind: 'found',
    rate: 200,
    within: 200,
    beyond: 300,
  });
});

test('the knee of constant latencies: exact, with an interval of zero width', () => {
  const estimates = [
    rateOf(100, [makeWindow(constant(10)), makeWindow(constant(10))]),
    rateOf(200, [makeWindow(constant(40)), makeWindow(constant(40))]),
    rateOf(400, [makeWindow(constant(5)), makeWindow(constant(5))], 5, 'probe'),
  ];
  const knee = estimateKnee(estimates, PLAN);
  assert.equal(knee.kind, 'found', 'the probe rate is left out when there is a ladder');
  assert.ok(knee.kind === 'found');
  // p95 10 ms → 40 ms against 20 ms: half-way in logs
  assert.ok(Math.abs(knee.ratePerSecond - 100 * Math.SQRT2) < 1e-9);
  assert.equal(knee.low, knee.ratePerSecond);
  assert.equal(knee.high, knee.ratePerSecond);
  assert.deepEqual(knee.bracket, { within: 100, beyond: 200 });
});

test('the knee of noisy windows has an interval inside the bracket that narrows with more windows', () => {
  const ladder = (windows: number): RateEstimate[] =>
    [100, 141, 200, 283].map((rate, r) =>
      rateOf(
        rate,
        Array.from({ length: windows }, (_, w) => makeWindow(drawLatencies(100 * r + w, 200, 2, 2 * 2 ** r))),
      ),
    );
  const few = estimateKnee(ladder(2), PLAN);
  const many = estimateKnee(ladder(12), PLAN);
  assert.ok(few.kind === 'found' && many.kind === 'found');
  for (const knee of [few, many]) {
    assert.ok(knee.low <= knee.ratePerSecond && knee.ratePerSecond <= knee.high);
    assert.ok(knee.low >= 100 && knee.high <= 283);
  }
  assert.ok(many.high - many.low < few.high - few.low, `${many.low}–${many.high} vs ${few.low}–${few.high}`);
});

test('below the lowest and above the highest rate; the reference rate’s p95', () => {
  const slow = [rateOf(10, [makeWindow(constant(50))]), rateOf(20, [makeWindow(constant(60))])];
  assert.deepEqual(estimateKnee(slow, PLAN), { kind: 'below-lowest', lowestRatePerSecond: 10 });
  const fast = [rateOf(10, [makeWindow(constant(2))]), rateOf(20, [makeWindow(constant(3))])];
  assert.deepEqual(estimateKnee(fast, PLAN), { kind: 'above-highest', highestRatePerSecond: 20 });
  assert.deepEqual(findReference(fast, 20), { ratePerSecond: 20, p95Ms: fast[1]?.rate.latencyMs?.p95 });
  assert.equal(findReference(fast, 30), null);
  assert.equal(findReference(fast, null), null);
});
