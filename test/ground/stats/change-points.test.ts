import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectChangePoints } from '../../../src/ground/stats/change-points.js';
import { findBestSplit, testSplitSignificance } from '../../../src/ground/stats/energy-divisive.js';
import { createRandom } from '../../../src/ground/random/index.js';
import { assertClose } from './assert-close.js';

/** `levels` with multiplicative noise e^(σ·z), seeded. */
function addNoise(levels: readonly number[], sigma: number, seed: number): number[] {
  const random = createRandom(seed);
  return levels.map((level) => level * Math.exp(sigma * random.nextNormal()));
}

function steps(...parts: [level: number, count: number][]): number[] {
  return parts.flatMap(([level, count]) => Array.from({ length: count }, () => level));
}

test('the energy split statistic matches a hand computation', () => {
  // τ = 2: X = {0, 0}, Y = {1, 1}: E = 2·1 − 0 − 0 = 2, Q = (2·2/4)·2 = 2.
  // τ = 1: X = {0}, Y = {0, 1, 1}: E = 2·(2/3) − 0 − 2/3 = 2/3, Q = (3/4)·(2/3) = 0.5.
  const best = findBestSplit([0, 0, 1, 1], 1);
  assert.ok(best !== null);
  assert.equal(best.index, 2);
  assertClose(best.statistic, 2, 1e-12);
  assert.equal(findBestSplit([0, 0, 1, 1], 3), null, 'fewer than 2·minSize values cannot be split');
});

test('a clear 10 % step is found at its index with its magnitude and interval', () => {
  const values = addNoise(steps([1000, 20], [900, 20]), 0.01, 7);
  const found = detectChangePoints(values, { seed: 1 });
  assert.equal(found.length, 1, JSON.stringify(found));
  const [change] = found;
  assert.ok(change !== undefined);
  assert.equal(change.index, 20);
  assertClose(change.magnitude.estimate, -0.1, 0.01);
  assert.ok(change.magnitude.low !== null && change.magnitude.high !== null);
  assert.ok(change.magnitude.low < -0.1 && change.magnitude.high > -0.1, JSON.stringify(change.magnitude));
  assert.ok(change.pValue <= 0.01);
});

test('two steps are both found by splitting again, each measured against its neighbouring segments', () => {
  const values = addNoise(steps([1000, 15], [800, 15], [1000, 15]), 0.01, 3);
  const found = detectChangePoints(values, { seed: 2 });
  assert.deepEqual(
    found.map((change) => change.index),
    [15, 30],
  );
  assertClose(found[0]?.magnitude.estimate ?? 0, -0.2, 0.02);
  assertClose(found[1]?.magnitude.estimate ?? 0, 0.25, 0.02);
});

test('pure noise (CV 8 %) gives no change point in at least 19 of 20 seeded series', () => {
  let withChange = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const values = addNoise(steps([1000, 30]), 0.08, seed);
    if (detectChangePoints(values, { seed }).length > 0) withChange++;
  }
  assert.ok(withChange <= 1, `${withChange} of 20 noise series had a change point`);
});

test('a constant series has no change point', () => {
  assert.deepEqual(detectChangePoints(steps([5, 12]), { seed: 1 }), []);
  assert.deepEqual(detectChangePoints([], { seed: 1 }), []);
});

test('the same seed gives the same change points; change points respect the minimum segment size', () => {
  const values = addNoise(steps([1000, 10], [950, 10], [1000, 10]), 0.02, 11);
  const first = detectChangePoints(values, { seed: 5 });
  assert.deepEqual(detectChangePoints(values, { seed: 5 }), first);
  const short = detectChangePoints(addNoise(steps([1000, 2], [700, 12]), 0.01, 1), {
    seed: 1,
    minSegmentSize: 3,
  });
  for (const change of short) assert.ok(change.index >= 3 && change.index <= 11, JSON.stringify(short));
});

test('minMagnitude drops significant but small steps', () => {
  const values = addNoise(steps([1000, 15], [990, 15]), 0.0005, 4);
  assert.equal(
    detectChangePoints(values, { seed: 1 }).length,
    1,
    'a 1 % step in 0.05 % noise is significant',
  );
  assert.deepEqual(detectChangePoints(values, { seed: 1, minMagnitude: 0.03 }), []);
});

test('the permutation test: a separated split is significant, noise stops early', () => {
  const separated = [1, 1.1, 0.9, 1.05, 0.95, 5, 5.1, 4.9, 5.05, 4.95];
  const observed = findBestSplit(separated, 2)?.statistic ?? 0;
  const settings = { minSize: 2, permutations: 99, maxPValue: 0.05, random: createRandom(1) };
  const strong = testSplitSignificance(separated, observed, settings);
  assert.ok(strong.pValue <= 0.05, `p = ${strong.pValue}`);
  assert.equal(strong.permutations, 99);
  const noise = addNoise(steps([1, 20]), 0.1, 9).map(Math.log);
  const weak = testSplitSignificance(noise, findBestSplit(noise, 2)?.statistic ?? 0, settings);
  assert.ok(weak.pValue > 0.05 && weak.permutations < 99, JSON.stringify(weak));
});

test('invalid input says what was expected', () => {
  assert.throws(
    () => detectChangePoints([1, 2, 0, 3], { seed: 1 }),
    /change-point series\[2\] is 0: expected a value > 0/,
  );
  assert.throws(() => detectChangePoints([1, 2], { seed: 1, minSegmentSize: 1 }), /minSegmentSize is 1/);
  assert.throws(() => detectChangePoints([1, 2], { seed: 1, maxPValue: 1 }), /maxPValue is 1/);
});
