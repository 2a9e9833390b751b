// Seeded Monte-Carlo checks that the 95 % intervals cover the true value 93.5–96.5 % of the time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Random } from '../../../src/ground/random/index.js';
import { createRandom } from '../../../src/ground/random/index.js';
import type { Interval } from '../../../src/ground/stats/index.js';
import {
  computeMeanInterval,
  computePairedRatioInterval,
  computeRatioInterval,
  fitLine,
} from '../../../src/ground/stats/index.js';
import { computeWelchLogPValue } from './reference-statistics.js';

const TRIALS = 4000;
const BAND = { low: 0.935, high: 0.965 };

function covers(interval: Interval, truth: number): boolean {
  return interval.kind === 'determined' && interval.low <= truth && truth <= interval.high;
}

function assertInBand(rate: number, label: string): void {
  assert.ok(rate >= BAND.low && rate <= BAND.high, `${label}: coverage ${rate} outside [0.935, 0.965]`);
}

function drawNormals(random: Random, n: number, mean: number, sd: number): number[] {
  return Array.from({ length: n }, () => mean + sd * random.nextNormal());
}

/** Log-normal sample whose geometric mean is `geometricMean` and log standard deviation `logSd`. */
function drawLogNormals(random: Random, n: number, geometricMean: number, logSd: number): number[] {
  return drawNormals(random, n, Math.log(geometricMean), logSd).map(Math.exp);
}

function computeMedianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

for (const n of [3, 5, 12]) {
  test(`mean interval covers the true mean for n = ${n}`, (t) => {
    const random = createRandom(1000 + n);
    let hits = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      if (covers(computeMeanInterval(drawNormals(random, n, 250, 12)), 250)) hits++;
    }
    t.diagnostic(`${t.name}: coverage ${hits / TRIALS}`);
    assertInBand(hits / TRIALS, `mean n=${n}`);
  });
}

const RATIO_CASES = [
  { baselineN: 3, currentN: 8, baselineLogSd: 0.01, currentLogSd: 0.05 },
  { baselineN: 6, currentN: 4, baselineLogSd: 0.08, currentLogSd: 0.02 },
  { baselineN: 12, currentN: 12, baselineLogSd: 0.03, currentLogSd: 0.06 },
];

for (const c of RATIO_CASES) {
  test(`Welch ratio interval covers the true ratio (n ${c.baselineN} vs ${c.currentN}, log sd ${c.baselineLogSd} vs ${c.currentLogSd})`, (t) => {
    const random = createRandom(2000 + c.baselineN * 100 + c.currentN);
    const trueRelative = 0.93 - 1;
    let hits = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const baseline = drawLogNormals(random, c.baselineN, 400, c.baselineLogSd);
      const current = drawLogNormals(random, c.currentN, 400 * 0.93, c.currentLogSd);
      const interval = computeRatioInterval(baseline, current);
      if (covers(interval, trueRelative)) hits++;
      // The p-value and the interval come from the same Welch statistics: p < 0.05 ⇔ 0 is outside.
      const test = computeWelchLogPValue(baseline, current);
      const excludesZero = interval.kind === 'determined' && (interval.low > 0 || interval.high < 0);
      assert.equal(test.kind === 'determined' && test.pValue < 0.05, excludesZero);
    }
    t.diagnostic(`${t.name}: coverage ${hits / TRIALS}`);
    assertInBand(hits / TRIALS, 'welch ratio');
  });
}

/** A pair measured back to back in the same machine regime: a shared slowdown of 0 or 15–45 %. */
function drawRegimePairs(random: Random, n: number, trueRatio: number) {
  return Array.from({ length: n }, () => {
    const slowdown = random.nextFloat() < 0.5 ? 0 : 0.15 + 0.3 * random.nextFloat();
    const level = 500 / (1 + slowdown);
    const noise = (): number => Math.exp(0.01 * random.nextNormal());
    return { baseline: level * noise(), current: level * trueRatio * noise() };
  });
}

for (const n of [3, 6, 12]) {
  test(`paired ratio interval covers the truth under shared regimes and beats the unpaired one (n = ${n})`, (t) => {
    const random = createRandom(3000 + n);
    let hits = 0;
    const widthRatios: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const pairs = drawRegimePairs(random, n, 1.04);
      const paired = computePairedRatioInterval(pairs);
      if (covers(paired, 0.04)) hits++;
      const unpaired = computeRatioInterval(
        pairs.map((pair) => pair.baseline),
        pairs.map((pair) => pair.current),
      );
      if (paired.kind === 'determined' && unpaired.kind === 'determined') {
        widthRatios.push((unpaired.high - unpaired.low) / (paired.high - paired.low));
      }
    }
    const medianWidthRatio = computeMedianOf(widthRatios);
    t.diagnostic(
      `n = ${n}: coverage ${hits / TRIALS}, unpaired/paired width median ${medianWidthRatio.toFixed(1)}×`,
    );
    assertInBand(hits / TRIALS, `paired n=${n}`);
    assert.ok(medianWidthRatio > 5, `paired interval should be much narrower, ratio ${medianWidthRatio}`);
  });
}

test('slope interval covers the true slope', (t) => {
  const random = createRandom(4000);
  const xs = [1, 2, 4, 8, 16, 32, 64];
  let hits = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    const ys = xs.map((x) => 120 + 3.5 * x + 10 * random.nextNormal());
    const fit = fitLine(xs, ys);
    if (fit.kind === 'determined' && fit.slopeInterval.low <= 3.5 && 3.5 <= fit.slopeInterval.high) hits++;
  }
  t.diagnostic(`${t.name}: coverage ${hits / TRIALS}`);
  assertInBand(hits / TRIALS, 'slope');
});
