/**
 * A seeded model of this machine's noise (notes of 2026-11-23), to measure the decision rule's error rates:
 * - within a speed regime, each process's texts/s, probe score, peak memory and batch latencies scatter
 *   log-normally with CV 1 %;
 * - speed regimes: the slow one runs the model 1.33× slower and the probe 1.47× slower (the two factors the
 *   notes measured — normalization by the probe leaves a 10 % residual);
 * - a regime may switch at a random point of a side's run; processes run as the protocol orders them
 *   (round 0 in cell order, later rounds shuffled), so a switch hits some processes of every cell;
 * - occasional outlier processes: with probability 5 % a process runs 10–30 % slower (a noisy neighbour),
 *   and independently with 5 % its peak RSS is 5–20 % higher.
 */
import type { CellKey } from '../../../src/ground/schema/cell-key.js';
import type { Random } from '../../../src/ground/random/index.js';
import type { TestCell, TestProcess } from './test-profile.js';

export type RegimeName = 'fast' | 'slow';

export const REGIME_FACTORS: Record<RegimeName, { model: number; probe: number }> = {
  fast: { model: 1, probe: 1 },
  slow: { model: 1 / 1.33, probe: 1 / 1.47 },
};

export type RegimePlan =
  { kind: 'steady'; regime: RegimeName } | { kind: 'switch'; from: RegimeName; to: RegimeName };

export interface SideSpec {
  processesPerCell: number;
  regime: RegimePlan;
  /** Multiplies every cell's true throughput (0.9 = a 10 % drop). */
  throughputFactor: number;
  /** Multiplies every cell's true peak memory (1.1 = 10 % growth). */
  memoryFactor: number;
  /** Restricts the two factors to these cells (by index); all cells when absent. */
  affectedCells?: readonly number[];
}

export interface NoiseModel {
  cv: number;
  outlierRate: number;
}

export const MACHINE_NOISE: NoiseModel = { cv: 0.01, outlierRate: 0.05 };

export interface CellTruth {
  key: CellKey;
  textsPerSecond: number;
  peakMB: number;
}

/** Twelve cells like a quick profile: six batch sizes, six text lengths at batch 32. */
export const TWELVE_CELLS: readonly CellTruth[] = [
  ...[1, 8, 16, 32, 64, 256].map((batchSize, i) => ({
    key: { sweep: 'batch' as const, batchSize },
    textsPerSecond: [929, 1250, 1395, 1300, 1139, 1041][i] ?? 1000,
    peakMB: 120 + batchSize * 0.5,
  })),
  ...[10, 50, 100, 256, 512, 1024].map((chars, i) => ({
    key: { sweep: 'length' as const, chars, batchSize: 32 },
    textsPerSecond: [2804, 1600, 1100, 480, 200, 75][i] ?? 500,
    peakMB: 130 + chars * 0.1,
  })),
];

const PROBE_GFLOPS = 690;

function shuffle(random: Random, values: number[]): number[] {
  const result = [...values];
  for (let i = result.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    [result[i], result[j]] = [result[j] ?? 0, result[i] ?? 0];
  }
  return result;
}

/** The order processes run in: round 0 ascending, later rounds shuffled; entries are cell indices. */
function createRunOrder(random: Random, cells: number, rounds: number): number[] {
  const ascending = Array.from({ length: cells }, (_, i) => i);
  const order = [...ascending];
  for (let round = 1; round < rounds; round++) order.push(...shuffle(random, ascending));
  return order;
}

function logNormal(random: Random, cv: number): number {
  return Math.exp(cv * random.nextNormal());
}

function between(random: Random, low: number, high: number): number {
  return low + (high - low) * random.nextFloat();
}

function simulateProcess(
  random: Random,
  truth: CellTruth,
  regime: RegimeName,
  factors: { speed: number; memory: number },
  noise: NoiseModel,
): TestProcess {
  const slow = random.nextFloat() < noise.outlierRate ? 1 - between(random, 0.1, 0.3) : 1;
  const bloated = random.nextFloat() < noise.outlierRate ? 1 + between(random, 0.05, 0.2) : 1;
  const { model, probe } = REGIME_FACTORS[regime];
  const textsPerSecond = truth.textsPerSecond * factors.speed * model * slow * logNormal(random, noise.cv);
  const batchMs = (1000 * truth.key.batchSize) / textsPerSecond;
  return {
    textsPerSecond,
    probeGflops: PROBE_GFLOPS * probe * logNormal(random, noise.cv),
    peakMB: truth.peakMB * factors.memory * bloated * logNormal(random, noise.cv),
    latenciesMs: [0, 1, 2, 3, 4].map(() => batchMs * logNormal(random, noise.cv)),
  };
}

function regimeAt(plan: RegimePlan, position: number, switchAt: number): RegimeName {
  switch (plan.kind) {
    case 'steady':
      return plan.regime;
    case 'switch':
      return position < switchAt ? plan.from : plan.to;
  }
}

/** One side's cells: processesPerCell processes each, in the protocol's run order. */
export function simulateSide(
  random: Random,
  truths: readonly CellTruth[],
  spec: SideSpec,
  noise = MACHINE_NOISE,
): TestCell[] {
  const order = createRunOrder(random, truths.length, spec.processesPerCell);
  const switchAt = random.nextInt(order.length + 1);
  const cells: TestCell[] = truths.map((truth) => ({ key: truth.key, processes: [] }));
  order.forEach((cellIndex, position) => {
    const truth = truths[cellIndex];
    const cell = cells[cellIndex];
    if (truth === undefined || cell === undefined) return;
    const affected = spec.affectedCells === undefined || spec.affectedCells.includes(cellIndex);
    const factors = affected
      ? { speed: spec.throughputFactor, memory: spec.memoryFactor }
      : { speed: 1, memory: 1 };
    cell.processes.push(
      simulateProcess(random, truth, regimeAt(spec.regime, position, switchAt), factors, noise),
    );
  });
  return cells;
}
