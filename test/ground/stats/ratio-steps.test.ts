import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RatioObservation } from '../../../src/ground/stats/ratio-steps.js';
import { detectRatioSteps } from '../../../src/ground/stats/ratio-steps.js';
import { findIsolatedOutliers } from '../../../src/ground/stats/isolated-outliers.js';
import { createRandom } from '../../../src/ground/random/index.js';

/** Chained ratios e^(σ·z) with no interval, seeded. */
function drawRatios(count: number, sigma: number, seed: number): RatioObservation[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => ({
    ratio: Math.exp(sigma * random.nextNormal()),
    low: null,
    high: null,
  }));
}

test('one night with a 10 % lower ratio among 2 % noise is the only step', () => {
  const observations = drawRatios(25, 0.02, 3);
  observations[20] = { ratio: 0.9, low: 0.87, high: 0.93 };
  const steps = detectRatioSteps(observations);
  assert.deepEqual(
    steps.map((step) => step.index),
    [20],
  );
  assert.equal(steps[0]?.scale, 'history');
  assert.ok(Math.abs((steps[0]?.magnitude.estimate ?? 0) + 0.1) < 1e-12);
  assert.equal(steps[0]?.magnitude.low, 0.87 - 1, 'the run’s own interval is the magnitude’s');
});

test('in pure noise at most 1 % of the tested nights is a step (nominal: the 0.3 % p-value threshold)', () => {
  let steps = 0;
  let tested = 0;
  for (let seed = 1; seed <= 40; seed++) {
    steps += detectRatioSteps(drawRatios(30, 0.03, seed)).length;
    tested += 30 - 8; // the first 8 nights lack history and have no interval of their own
  }
  assert.ok(steps / tested <= 0.01, `${steps} steps in ${tested} tested nights`);
});

test('a night whose own interval includes 1 is never a step', () => {
  const observations = drawRatios(20, 0.01, 5);
  observations[15] = { ratio: 0.85, low: 0.7, high: 1.03 };
  assert.deepEqual(detectRatioSteps(observations), []);
});

test('with too little history the run’s own interval decides; without one the night is skipped', () => {
  const clear = [null, { ratio: 0.9, low: 0.88, high: 0.92 }];
  assert.deepEqual(
    detectRatioSteps(clear).map((step) => [step.index, step.scale]),
    [[1, 'own-interval']],
  );
  assert.deepEqual(detectRatioSteps([null, { ratio: 0.5, low: null, high: null }]), []);
});

test('an earlier step does not hide a later one (earlier steps are left out of the spread)', () => {
  const observations = drawRatios(30, 0.02, 8);
  observations[12] = { ratio: 0.7, low: null, high: null };
  observations[25] = { ratio: 0.9, low: null, high: null };
  assert.deepEqual(
    detectRatioSteps(observations).map((step) => step.index),
    [12, 25],
  );
});

test('invalid ratios and settings are named', () => {
  assert.throws(() => detectRatioSteps([{ ratio: 0, low: null, high: null }]), /chained ratio 0 is 0/);
  assert.throws(() => detectRatioSteps([], { minHistory: 1 }), /minHistory is 1/);
});

test('isolated outliers: a one-night spike is flagged, a step is not', () => {
  const random = createRandom(2);
  const level = Array.from(
    { length: 20 },
    (_, night) => (night < 12 ? 0 : -0.1) + 0.01 * random.nextNormal(),
  );
  assert.deepEqual(findIsolatedOutliers(level), []);
  const spiked = [...level];
  spiked[5] = -0.35;
  spiked[19] = -0.45;
  assert.deepEqual(findIsolatedOutliers(spiked), [5, 19]);
  assert.deepEqual(findIsolatedOutliers([0, 0, -1, 0]), [], 'fewer than 5 values');
});

test('a night whose own interval lies wholly beyond the ±5 % horizon is a step; one merely excluding 1 early on is not', () => {
  const quiet = (ratio: number) => ({ ratio, low: ratio * 0.99, high: ratio * 1.01 });
  const nights = [quiet(1.0), quiet(0.96), quiet(1.01), { ratio: 0.9, low: 0.88, high: 0.92 }];
  const steps = detectRatioSteps(nights, { minHistory: 8 });
  assert.deepEqual(
    steps.map((step) => [step.index, step.scale]),
    [[3, 'own-interval']],
    'night 1 (−4 %, interval excluding 1) is within the horizon; night 3 (−10 % [−12, −8]) is beyond it',
  );
  assert.deepEqual(
    detectRatioSteps(nights, { minHistory: 8, horizon: 0.15 }),
    [],
    'a wider horizon keeps it',
  );
});

test('a night beyond the horizon that its own run did not call a change (best processes disagreed, or Holm) is no step by its interval', () => {
  const quiet = (ratio: number) => ({ ratio, low: ratio * 0.99, high: ratio * 1.01 });
  const beyond = { ratio: 0.85, low: 0.77, high: 0.94 };
  const nights = (changeFound: boolean | undefined) => [quiet(1.0), { ...beyond, changeFound }];
  assert.deepEqual(detectRatioSteps(nights(false), { minHistory: 8 }), [], 'the run said no');
  for (const changeFound of [true, undefined]) {
    assert.deepEqual(
      detectRatioSteps(nights(changeFound), { minHistory: 8 }).map((step) => step.index),
      [1],
      `changeFound ${String(changeFound)}: the interval decides`,
    );
  }
  const history = Array.from({ length: 10 }, (_, index) => quiet(index % 2 === 0 ? 1.005 : 0.995));
  const late = detectRatioSteps([...history, { ...beyond, changeFound: false }], { minHistory: 8 });
  assert.deepEqual(
    late.map((step) => [step.index, step.scale]),
    [[10, 'history']],
    'with enough history the nights’ own spread still finds it',
  );
});
