/**
 * A seeded duet for simulations of the paired design. Each pair of neighbouring processes (base, head) shares
 * the machine's speed of that moment, which moves between pairs by a random walk with 1.33× regime steps (the
 * notes of 2026-11-23); each process adds `noise` log-normal noise and, with `slowChance`, a 10–30 % slowdown.
 */
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import type { CompareOptions, Comparison } from '../../../src/decide/compare/index.js';
import { compareProfiles } from '../../../src/decide/compare/index.js';
import type { Random } from '../../../src/ground/random/index.js';
import { createRandom } from '../../../src/ground/random/index.js';
import { TWELVE_CELLS, type CellTruth } from './simulate-runs.js';
import { buildTestProfile, type TestCell, type TestProcess } from './test-profile.js';

export const DUET_CELLS: readonly CellTruth[] = TWELVE_CELLS.slice(0, 6);

export interface DuetNoise {
  noise: number;
  slowChance: number;
}
const MACHINE_NOISE: DuetNoise = { noise: 0.02, slowChance: 0.05 };

function simulateProcess(random: Random, truth: CellTruth, speed: number, factor: number, noise: DuetNoise) {
  const slow = random.nextFloat() < noise.slowChance ? 0.7 + 0.2 * random.nextFloat() : 1;
  const textsPerSecond =
    truth.textsPerSecond * speed * factor * slow * Math.exp(noise.noise * random.nextNormal());
  const batchMs = (1000 * truth.key.batchSize) / textsPerSecond;
  const process: TestProcess = {
    textsPerSecond,
    probeGflops: 100 * speed * Math.exp(0.02 * random.nextNormal()),
    peakMB: truth.peakMB * Math.exp(0.01 * random.nextNormal()),
    latenciesMs: [batchMs, batchMs, batchMs],
  };
  return process;
}

/** Both sides' cells, pair i of a cell measured at one moment of the machine's wandering speed. */
export function simulateDuet(
  seed: number,
  pairs: number,
  headFactor: number,
  cells: readonly CellTruth[] = DUET_CELLS,
  noise: DuetNoise = MACHINE_NOISE,
) {
  const random = createRandom(seed);
  const base: TestCell[] = cells.map((truth) => ({ key: truth.key, processes: [] }));
  const head: TestCell[] = cells.map((truth) => ({ key: truth.key, processes: [] }));
  let speed = 1;
  for (let pair = 0; pair < pairs; pair++) {
    cells.forEach((truth, index) => {
      if (random.nextFloat() < 0.2) speed = speed === 1 ? 1 / 1.33 : 1;
      base[index]?.processes.push(simulateProcess(random, truth, speed, 1, noise));
      head[index]?.processes.push(simulateProcess(random, truth, speed, headFactor, noise));
    });
  }
  return { base: buildTestProfile(base), head: buildTestProfile(head) };
}

/** The comparison of a simulated duet (pass `design: 'paired'` for duet mode's). */
export function compareDuet(
  seed: number,
  pairs: number,
  headFactor: number,
  options: CompareOptions,
  cells: readonly CellTruth[] = DUET_CELLS,
  noise: DuetNoise = MACHINE_NOISE,
): Comparison {
  const { base, head } = simulateDuet(seed, pairs, headFactor, cells, noise);
  const baseline = createBaselineFromProfile(base, { name: 'base', provenance: EMPTY_PROVENANCE });
  return compareProfiles(baseline, head, options);
}
