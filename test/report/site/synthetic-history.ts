/**
 * Synthetic history for the dashboard's tests: a few cells × three metrics over `runs` nights with seeded
 * noise, a faster machine from `machineChangeAt` on, a throughput step of `step` (with its change point) in
 * the step cell from `stepAt` on, and chained duet ratios on throughput that see the step but not the machine.
 */
import type {
  ChangePoint,
  Estimate,
  HistoryMetric,
  HistorySeries,
  SeriesPoint,
} from '../../../src/history/history-series.js';
import { createRandom, type Random } from '../../../src/ground/random/index.js';
import { cellId, formatCellLabel, type CellKey } from '../../../src/ground/schema/cell-key.js';

export interface SyntheticOptions {
  seed?: number;
  runs?: number;
  cells?: CellKey[];
  /** The cell whose throughput steps (and latency with it); default the last cell. */
  stepCell?: string;
  stepAt?: number;
  step?: number;
  machineChangeAt?: number;
  /** A string put into branch names, machine ids and cell labels (hostile-input tests). */
  inject?: string;
}

export const DEFAULT_CELLS: CellKey[] = [
  { sweep: 'batch', batchSize: 8 },
  { sweep: 'batch', batchSize: 32 },
  { sweep: 'length', chars: 256, batchSize: 16 },
];

interface Night {
  commit: string;
  parent: string | null;
  date: string;
  machine: string;
  branch: string;
}

function createCommit(random: Random): string {
  return Array.from({ length: 5 }, () => random.nextUint32().toString(16).padStart(8, '0')).join('');
}

function listNights(random: Random, options: Required<SyntheticOptions>): Night[] {
  const nights: Night[] = [];
  for (let night = 0; night < options.runs; night += 1) {
    const date = new Date(Date.UTC(2026, 9, 1 + night, 2, 30)).toISOString();
    const machine = night < options.machineChangeAt ? 'ubuntu-4cpu-a1' : 'ubuntu-4cpu-b7';
    const parent = nights[night - 1]?.commit ?? null;
    nights.push({
      commit: createCommit(random),
      parent,
      date,
      machine: `${machine}${options.inject}`,
      branch: `main${options.inject}`,
    });
  }
  return nights;
}

/** value × (1 ± 1.96 cv / √n) as a 95 % interval, from n per-process samples. */
function summarize(samples: number[]): Estimate {
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  const variance = samples.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (samples.length - 1);
  const half = (1.96 * Math.sqrt(variance)) / Math.sqrt(samples.length);
  return { value: mean, lower: mean - half, upper: mean + half };
}

interface MetricModel {
  metric: HistoryMetric;
  unit: string;
  betterWhen: 'higher' | 'lower';
  /** The level of a cell of batch `batch` on the first machine before any step. */
  base: (batch: number) => number;
  /** How the level scales with a speed factor (a faster machine, a faster commit): 1, −1 or 0. */
  exponent: number;
  cv: number;
}

const MODELS: MetricModel[] = [
  {
    metric: 'throughput',
    unit: 'texts/s',
    betterWhen: 'higher',
    exponent: 1,
    cv: 0.04,
    base: (b) => 40 * b ** 0.6,
  },
  {
    metric: 'p95LatencyMs',
    unit: 'ms',
    betterWhen: 'lower',
    exponent: -1,
    cv: 0.06,
    base: (b) => 25 * b ** 0.4,
  },
  {
    metric: 'peakMemoryMB',
    unit: 'MB',
    betterWhen: 'lower',
    exponent: 0,
    cv: 0.01,
    base: (b) => 180 + 3 * b,
  },
];

interface SeriesPlan {
  model: MetricModel;
  batch: number;
  /** The speed of the code at each night (1, then 1 + step from the step on in the step cell). */
  code: (night: number) => number;
  machine: (night: number) => number;
}

/** The per-process samples, their estimate (night 3 has no interval) and the chained ratio of a night. */
function buildPoints(random: Random, nights: Night[], plan: SeriesPlan): SeriesPoint[] {
  const { model } = plan;
  return nights.map((night, index) => {
    const level = model.base(plan.batch) * (plan.machine(index) * plan.code(index)) ** model.exponent;
    const samples = Array.from({ length: 5 }, () => level * (1 + model.cv * random.nextNormal()));
    const estimate =
      index === 3 ? { value: samples[0] ?? level, lower: null, upper: null } : summarize(samples);
    const truth = index === 0 ? null : (plan.code(index) / plan.code(index - 1)) ** model.exponent;
    const chainedRatio =
      model.metric !== 'throughput' || truth === null
        ? null
        : { value: truth * (1 + 0.01 * random.nextNormal()), lower: truth * 0.98, upper: truth * 1.02 };
    return { ...night, ...estimate, samples, chainedRatio };
  });
}

/** The change point of a stepped series at `at`, its magnitude measured from the points around it. */
function buildChangePoint(points: SeriesPoint[], at: number, betterWhen: 'higher' | 'lower'): ChangePoint {
  const mean = (items: SeriesPoint[]) => items.reduce((sum, point) => sum + point.value, 0) / items.length;
  const change = mean(points.slice(at, at + 5)) / mean(points.slice(Math.max(0, at - 5), at)) - 1;
  return {
    index: at,
    fromCommit: points[at - 1]?.commit ?? '',
    toCommit: points[at]?.commit ?? '',
    magnitude: { value: change, lower: change - 0.03, upper: change + 0.03 },
    pValue: 0.002,
    regression: betterWhen === 'higher' ? change < 0 : change > 0,
  };
}

const DEFAULTS: Required<SyntheticOptions> = {
  seed: 20261001,
  runs: 24,
  cells: DEFAULT_CELLS,
  stepCell: cellId(DEFAULT_CELLS[DEFAULT_CELLS.length - 1] ?? { sweep: 'batch', batchSize: 1 }),
  stepAt: 16,
  step: -0.12,
  machineChangeAt: 9,
  inject: '',
};

/** Every cell × metric series of the synthetic history, cells in order, metrics throughput, p95, memory. */
export function buildSyntheticHistory(options: SyntheticOptions = {}): HistorySeries[] {
  const settings = { ...DEFAULTS, ...options };
  const random = createRandom(settings.seed);
  const nights = listNights(random, settings);
  const machine = (night: number) => (night < settings.machineChangeAt ? 1 : 1.25);
  return settings.cells.flatMap((cell) => {
    const stepped = cellId(cell) === settings.stepCell;
    const code = (night: number) => (stepped && night >= settings.stepAt ? 1 + settings.step : 1);
    return MODELS.map((model) => {
      const points = buildPoints(random, nights, { model, batch: cell.batchSize, code, machine });
      const changePoints =
        stepped && model.exponent !== 0 ? [buildChangePoint(points, settings.stepAt, model.betterWhen)] : [];
      return {
        cell,
        cellId: cellId(cell),
        label: `${formatCellLabel(cell)}${settings.inject}`,
        metric: model.metric,
        unit: model.unit,
        betterWhen: model.betterWhen,
        points,
        changePoints,
      };
    });
  });
}
