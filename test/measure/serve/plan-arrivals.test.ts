import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planArrivals } from '../../../src/measure/serve/plan-arrivals.js';
import type { ScheduleRequest } from '../../../src/measure/serve/serve-types.js';

function schedule(overrides: Partial<ScheduleRequest> = {}): ScheduleRequest {
  return {
    ratePerSecond: 200,
    durationSeconds: 10,
    arrivals: { kind: 'poisson' },
    seed: 42,
    textsPerRequest: 4,
    ...overrides,
  };
}

function gapsOf(dueTimes: readonly number[]): number[] {
  return dueTimes.slice(1).map((time, i) => time - (dueTimes[i] ?? 0));
}

test('the same seed gives the same plan (times and texts); another seed another plan', () => {
  const first = planArrivals(schedule(), 500);
  assert.deepEqual(planArrivals(schedule(), 500), first);
  const other = planArrivals(schedule({ seed: 43 }), 500);
  assert.notDeepEqual(
    other.map((r) => r.dueMs),
    first.map((r) => r.dueMs),
  );
  assert.notDeepEqual(
    other.map((r) => r.textIndices),
    first.map((r) => r.textIndices),
  );
});

test('Poisson counts stay within 4 standard deviations of rate × duration, and gaps look exponential', () => {
  const expected = 200 * 10;
  const bound = 4 * Math.sqrt(expected);
  let total = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const plan = planArrivals(schedule({ seed }), 100);
    assert.ok(Math.abs(plan.length - expected) < bound, `seed ${seed}: ${plan.length} requests`);
    total += plan.length;
    const times = plan.map((r) => r.dueMs);
    assert.ok(times.every((t, i) => t >= 0 && t < 10_000 && (i === 0 || t >= (times[i - 1] ?? 0))));
    // an exponential's standard deviation equals its mean: coefficient of variation ≈ 1
    const gaps = gapsOf(times);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (gaps.length - 1));
    assert.ok(Math.abs(mean - 5) < 0.5, `seed ${seed}: mean gap ${mean}`);
    assert.ok(Math.abs(sd / mean - 1) < 0.1, `seed ${seed}: coefficient of variation ${sd / mean}`);
  }
  // the mean of 20 windows: a bound 20× tighter in variance
  assert.ok(Math.abs(total / 20 - expected) < bound / Math.sqrt(20), `mean count ${total / 20}`);
});

test('constant arrivals are evenly spaced from 0, exactly rate × duration of them', () => {
  const plan = planArrivals(
    schedule({ arrivals: { kind: 'constant' }, ratePerSecond: 250, durationSeconds: 2 }),
    9,
  );
  assert.equal(plan.length, 500);
  assert.equal(plan[0]?.dueMs, 0);
  for (const gap of gapsOf(plan.map((r) => r.dueMs))) assert.ok(Math.abs(gap - 4) < 1e-9, `gap ${gap}`);
  const fractional = planArrivals(
    schedule({ arrivals: { kind: 'constant' }, ratePerSecond: 3, durationSeconds: 0.5 }),
    9,
  );
  assert.deepEqual(
    fractional.map((r) => r.dueMs),
    [0, 1000 / 3],
  );
});

test('texts: textsPerRequest distinct corpus indices, the same for either arrival process', () => {
  const poisson = planArrivals(schedule({ durationSeconds: 1 }), 10);
  const constant = planArrivals(schedule({ durationSeconds: 1, arrivals: { kind: 'constant' } }), 10);
  for (const request of poisson) {
    assert.equal(request.textIndices.length, 4);
    assert.equal(new Set(request.textIndices).size, 4);
    assert.ok(request.textIndices.every((i) => Number.isInteger(i) && i >= 0 && i < 10));
  }
  const shared = Math.min(poisson.length, constant.length);
  assert.deepEqual(
    poisson.slice(0, shared).map((r) => r.textIndices),
    constant.slice(0, shared).map((r) => r.textIndices),
  );
  // a corpus smaller than a request wraps around
  const small = planArrivals(schedule({ durationSeconds: 0.1, textsPerRequest: 5 }), 2);
  assert.ok(small.every((r) => r.textIndices.length === 5 && r.textIndices.every((i) => i === 0 || i === 1)));
  // the texts vary between requests
  assert.ok(new Set(poisson.map((r) => r.textIndices[0])).size > 5);
});

test('an impossible schedule is a RangeError naming the field', () => {
  assert.throws(() => planArrivals(schedule({ ratePerSecond: 0 }), 5), /ratePerSecond is 0/);
  assert.throws(() => planArrivals(schedule({ durationSeconds: Number.NaN }), 5), /durationSeconds is NaN/);
  assert.throws(() => planArrivals(schedule({ textsPerRequest: 1.5 }), 5), /textsPerRequest is 1.5/);
  assert.throws(() => planArrivals(schedule(), 0), /corpusSize is 0/);
});
