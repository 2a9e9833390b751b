import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  deriveSeed,
  findBracket,
  planLadder,
  planLadderExtension,
  planNextProbeRate,
  planProbeStart,
  roundRate,
  type ProbeStep,
} from '../../../src/measure/serve/plan-rate-ladder.js';

const LIMITS = { minRatePerSecond: 1, maxRatePerSecond: 1000 };

test('the probe starts at a quarter of one sequential client’s rate, clamped', () => {
  assert.equal(planProbeStart([6, 4, 5], LIMITS), 50, 'median 5 ms: 200 req/s sequentially, a quarter is 50');
  assert.equal(planProbeStart([4, 6], LIMITS), 50);
  assert.equal(planProbeStart([0.01], LIMITS), 1000, 'clamped to the max rate');
  assert.equal(planProbeStart([5000], LIMITS), 1, 'clamped to the min rate');
  assert.equal(planProbeStart([], LIMITS), 1, 'no successful warm-up: the min rate');
});

function runProbe(start: number, knee: number): number[] {
  const steps: ProbeStep[] = [];
  for (let rate = planNextProbeRate(steps, start, LIMITS); rate !== null;) {
    steps.push({ ratePerSecond: rate, withinSlo: rate < knee });
    rate = planNextProbeRate(steps, start, LIMITS);
  }
  return steps.map((s) => s.ratePerSecond);
}

test('the probe doubles while within and stops at the first rate beyond', () => {
  assert.deepEqual(runProbe(50, 300), [50, 100, 200, 400]);
  assert.deepEqual(findBracket(runProbe(50, 300).map((r) => ({ ratePerSecond: r, withinSlo: r < 300 }))), {
    within: 200,
    beyond: 400,
  });
});

test('the probe halves while beyond, and stops at the limits', () => {
  assert.deepEqual(runProbe(50, 10), [50, 25, 12.5, 6.25]);
  assert.deepEqual(runProbe(4, 0.5), [4, 2, 1], 'down to the min rate, never below');
  assert.deepEqual(runProbe(300, 5000), [300, 600, 1000], 'up to the max rate, never above');
  assert.deepEqual(findBracket([{ ratePerSecond: 1000, withinSlo: true }]), { within: 1000, beyond: null });
});

test('the ladder spans the widened bracket geometrically, each round a seeded order of all rates', () => {
  const request = {
    rates: { kind: 'bracket' as const, bracket: { within: 200, beyond: 400 }, count: 5, limits: LIMITS },
    extraRate: null,
    rounds: 4,
    seed: 9,
  };
  const ladder = planLadder(request);
  assert.equal(ladder.rates.length, 5);
  const [first, , , , last] = ladder.rates as [number, number, number, number, number];
  assert.ok(first < 200 && first > 150, `${first}: a quarter of the bracket’s log-width below 200`);
  assert.ok(last > 400 && last < 500, `${last}`);
  const ratios = ladder.rates.slice(1).map((rate, i) => rate / (ladder.rates[i] as number));
  assert.ok(
    ratios.every((r) => Math.abs(r - 2 ** (1.5 / 4)) < 0.01),
    `ratios ${ratios.join(', ')}`,
  );
  assert.equal(ladder.rounds.length, 4);
  for (const round of ladder.rounds)
    assert.deepEqual(
      [...round].sort((a, b) => a - b),
      ladder.rates,
    );
  assert.ok(new Set(ladder.rounds.map((r) => r.join())).size > 1, 'the rounds are not all in one order');
  assert.deepEqual(planLadder(request), ladder, 'the same seed, the same orders');
  assert.notDeepEqual(planLadder({ ...request, seed: 10 }).rounds, ladder.rounds);
});

test('one-sided brackets, explicit rates and the reference rate', () => {
  const oneSided = (within: number | null, beyond: number | null) =>
    planLadder({
      rates: { kind: 'bracket', bracket: { within, beyond }, count: 3, limits: LIMITS },
      extraRate: null,
      rounds: 1,
      seed: 1,
    }).rates;
  assert.deepEqual(oneSided(1000, null), [500, 707, 1000]);
  assert.deepEqual(oneSided(null, 1), [1, 1.41, 2]);
  const explicit = planLadder({
    rates: { kind: 'explicit', rates: [30, 10, 20] },
    extraRate: 20,
    rounds: 2,
    seed: 1,
  });
  assert.deepEqual(explicit.rates, [10, 20, 30], 'the reference rate already listed is measured once');
  const withReference = planLadder({
    rates: { kind: 'explicit', rates: [10, 30] },
    extraRate: 25,
    rounds: 2,
    seed: 1,
  });
  assert.deepEqual(withReference.rates, [10, 25, 30]);
  assert.ok(withReference.rounds.every((round) => round.includes(25)));
});

test('rates are rounded to three significant digits; seeds are derived deterministically', () => {
  assert.equal(roundRate(213.76), 214);
  assert.equal(roundRate(1.41421), 1.41);
  assert.equal(deriveSeed(1, 8, 200, 0), deriveSeed(1, 8, 200, 0));
  const seeds = new Set([
    deriveSeed(1, 8, 200, 0),
    deriveSeed(1, 8, 200, 1),
    deriveSeed(1, 8, 201, 0),
    deriveSeed(2, 8, 200, 0),
  ]);
  assert.equal(seeds.size, 4);
  assert.ok([...seeds].every((s) => Number.isSafeInteger(s) && s >= 0));
});

test('a ladder that did not cross the objective is extended one step past its end, within the limits', () => {
  const verdicts = (within: boolean[]): ProbeStep[] =>
    [100, 130, 169].map((ratePerSecond, i) => ({ ratePerSecond, withinSlo: within[i] ?? false }));
  assert.equal(planLadderExtension(verdicts([true, true, true]), LIMITS), 220, '169 × 1.3, rounded');
  assert.equal(planLadderExtension(verdicts([false, true, true]), LIMITS), 220, 'the highest within: above');
  assert.equal(planLadderExtension(verdicts([false, false, false]), LIMITS), 76.9, '100 / 1.3, rounded');
  assert.equal(planLadderExtension(verdicts([true, true, false]), LIMITS), null, 'it crossed');
  assert.equal(planLadderExtension(verdicts([true, false, true]), LIMITS), 220, 'the top is what counts');
  assert.equal(
    planLadderExtension(verdicts([true, true, true]), { minRatePerSecond: 1, maxRatePerSecond: 169 }),
    null,
    'at the max rate',
  );
  assert.equal(
    planLadderExtension(verdicts([true, true, true]), { minRatePerSecond: 1, maxRatePerSecond: 200 }),
    200,
    'up to the max rate',
  );
  assert.equal(
    planLadderExtension(verdicts([false, false, false]), { minRatePerSecond: 100, maxRatePerSecond: 1000 }),
    null,
  );
  // steps far apart are capped at ×2; a single rate doubles
  assert.equal(
    planLadderExtension(
      [
        { ratePerSecond: 10, withinSlo: true },
        { ratePerSecond: 100, withinSlo: true },
      ],
      LIMITS,
    ),
    200,
  );
  assert.equal(planLadderExtension([{ ratePerSecond: 10, withinSlo: true }], LIMITS), 20);
  assert.equal(planLadderExtension([], LIMITS), null);
});
