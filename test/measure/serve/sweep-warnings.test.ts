import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateRate } from '../../../src/measure/serve/estimate-knee.js';
import { listSweepWarnings } from '../../../src/measure/serve/sweep-warnings.js';
import { makeWindow, PLAN } from './synthetic-windows.js';

function estimateWith(rate: number, cappedRequests: number[], latencies = [5, 6, 7]) {
  const measured = cappedRequests.map((capped) => {
    const m = makeWindow(latencies);
    return { ...m, window: { ...m.window, cappedRequests: capped } };
  });
  return estimateRate({ ratePerSecond: rate, phase: 'ladder', measured, plan: PLAN, seed: 1 });
}

const KNEE_10_20 = {
  kind: 'found' as const,
  ratePerSecond: 15,
  low: 12,
  high: 18,
  bracket: { within: 10, beyond: 20 },
};

test('a warning per rate whose requests waited for the cap, with their count over all windows', () => {
  const estimates = [estimateWith(10, [0, 0]), estimateWith(20, [3, 4])];
  assert.deepEqual(listSweepWarnings(PLAN, estimates, KNEE_10_20), [
    'at 20 req/s (ladder), 7 requests waited for the concurrency cap of 64: their latency includes the wait; raise the cap (maxInFlight) unless the client is meant to limit the load',
  ]);
});

test('a knee outside the measured rates says where it lies and what to measure', () => {
  const estimates = [estimateWith(10, [0])];
  assert.deepEqual(listSweepWarnings(PLAN, estimates, { kind: 'above-highest', highestRatePerSecond: 10 }), [
    'every rate up to 10 req/s kept p95 ≤ 20 ms and errors ≤ 1 %: the knee lies above; measure higher rates to find it',
  ]);
  const p99 = { ...PLAN, sloQuantile: 'p99' as const, maxErrorRate: 0 };
  assert.deepEqual(listSweepWarnings(p99, estimates, { kind: 'below-lowest', lowestRatePerSecond: 10 }), [
    'no rate down to 10 req/s kept p99 ≤ 20 ms and errors ≤ 0 %: the knee lies below, if anywhere; measure lower rates to find it',
  ]);
});

test('a knee where p95 rises slower than the rate squared says the jitter decides it; a steep one says nothing', () => {
  const flat = [estimateWith(10, [0, 0], [15, 16, 17]), estimateWith(20, [0, 0], [20, 22, 24])];
  const [warning, ...rest] = listSweepWarnings(PLAN, flat, KNEE_10_20);
  assert.deepEqual(rest, []);
  assert.match(warning ?? '', /^around the knee p95 rose only 41 % from 10 to 20 req\/s \(rate \+100 %\): /);
  assert.match(
    warning ?? '',
    /crosses 20 ms, so the knee moves far on little noise; an objective where p95 climbs/,
  );
  const steep = [estimateWith(10, [0, 0]), estimateWith(20, [0, 0], [40, 50, 60])];
  assert.deepEqual(listSweepWarnings(PLAN, steep, KNEE_10_20), []);
  const p99 = { ...PLAN, sloQuantile: 'p99' as const };
  assert.match(listSweepWarnings(p99, flat, KNEE_10_20)[0] ?? '', /^around the knee p99 rose only/);
});
