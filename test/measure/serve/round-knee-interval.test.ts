import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateKnee, estimateRate } from '../../../src/measure/serve/estimate-knee.js';
import { computeRoundKneeInterval } from '../../../src/measure/serve/round-knee-interval.js';
import { makeWindow, PLAN } from './synthetic-windows.js';

const constant = (ms: number): number[] => Array<number>(60).fill(ms);

test('round knees: a t interval on their logs that holds every round; none from one round', () => {
  const interval = computeRoundKneeInterval([25.5, 29.4, 29.1]);
  assert.ok(interval !== null);
  for (const knee of [25.5, 29.4, 29.1]) assert.ok(interval.low < knee && knee < interval.high);
  // t(2) = 4.30 on the logs' standard error
  const logs = [25.5, 29.4, 29.1].map(Math.log);
  const mean = logs.reduce((a, b) => a + b) / 3;
  const sd = Math.sqrt(logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / 2);
  assert.ok(Math.abs(Math.log(interval.high) - mean - 4.3027 * (sd / Math.sqrt(3))) < 1e-3);
  assert.equal(computeRoundKneeInterval([30]), null);
  const same = computeRoundKneeInterval([30, 30]);
  assert.ok(same !== null && Math.abs(same.low - 30) < 1e-9 && Math.abs(same.high - 30) < 1e-9);
});

test('a server that slows between rounds: the knee interval holds both rounds’ knees', () => {
  // round 0: p95 10 ms at 100/s and 40 ms at 200/s (knee 141/s against 20 ms); round 1 twice as slow (knee 100/s)
  const rate = (ratePerSecond: number, fast: number) =>
    estimateRate({
      ratePerSecond,
      phase: 'ladder',
      measured: [makeWindow(constant(fast), { round: 0 }), makeWindow(constant(fast * 2), { round: 1 })],
      plan: PLAN,
      seed: 3,
    });
  const knee = estimateKnee([rate(50, 5), rate(100, 10), rate(200, 40)], PLAN);
  assert.ok(knee.kind === 'found', JSON.stringify(knee));
  assert.ok(knee.low < 100 && knee.high > 100 * Math.SQRT2, `${knee.low}–${knee.high}`);
  assert.ok(knee.low <= knee.ratePerSecond && knee.ratePerSecond <= knee.high);
});
