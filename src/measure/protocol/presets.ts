import { createUsageError } from '../../ground/errors.js';
import type { MeasurePolicy } from './worker/measure-cell.js';

export const PRESET_NAMES = ['quick', 'full', 'pr', 'smoke'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface Preset {
  batchSizes: number[];
  lengths: number[];
  lengthBatchSize: number;
  processesPerCell: number;
  /** Distinct texts a batch-size cell replays; every process measures whole passes over them. */
  distinctTexts: number;
  policy: MeasurePolicy;
}

/**
 * quick: the whole default sweep of a small model in about two minutes on 2 cores (3 fresh processes a cell).
 * full: more processes, longer measurement and warm-up, more cells; about ten minutes.
 * pr: the pull-request gate's plan, not a map: five cells that span the regimes a regression shows in (small,
 * middle and large batches; short and long texts, all in both other presets so a committed baseline matches),
 * fewer pairs of longer windows (≥ 6 batches: the few-batch cells' pair noise fell from 9 % to 2–5 %), and no
 * analysis. The measurements behind each choice: docs/pr-gate.md.
 * smoke: the whole pipeline in seconds, to check a setup (an embedder module, a config, a workflow) before a
 * real run: two cells, two processes, windows of a few tenths of a second, a small analysis. Its figures are too noisy to
 * record as baselines or to gate anything but large changes; asv's `--quick` plays the same part.
 */
const QUICK_POLICY: MeasurePolicy = {
  minWarmupBatches: 2,
  maxWarmupBatches: 10,
  maxWarmupSeconds: 1,
  steadyWindow: 2,
  steadyTolerance: 0.1,
  minMeasuredBatches: 2,
  minMeasuredSeconds: 0.5,
  maxMeasuredBatches: 200,
  maxMeasuredSeconds: 1,
  probeReadings: 2,
  probeReadingMs: 60,
  probeMinRuns: 3,
};

const SMOKE_POLICY: MeasurePolicy = {
  minWarmupBatches: 2,
  maxWarmupBatches: 4,
  maxWarmupSeconds: 0.2,
  steadyWindow: 2,
  steadyTolerance: 0.2,
  minMeasuredBatches: 2,
  minMeasuredSeconds: 0.1,
  maxMeasuredBatches: 40,
  maxMeasuredSeconds: 0.25,
  probeReadings: 1,
  probeReadingMs: 20,
  probeMinRuns: 1,
};

const PRESETS: Record<PresetName, Preset> = {
  smoke: {
    batchSizes: [8, 32],
    lengths: [10, 256],
    lengthBatchSize: 32,
    processesPerCell: 2,
    distinctTexts: 64,
    policy: SMOKE_POLICY,
  },
  quick: {
    batchSizes: [8, 16, 32, 64, 128, 256],
    lengths: [10, 64, 256, 1024],
    lengthBatchSize: 32,
    processesPerCell: 3,
    distinctTexts: 128,
    policy: QUICK_POLICY,
  },
  pr: {
    batchSizes: [8, 32, 128],
    lengths: [10, 256],
    lengthBatchSize: 32,
    processesPerCell: 4,
    distinctTexts: 128,
    policy: {
      ...QUICK_POLICY,
      minMeasuredBatches: 6,
      minMeasuredSeconds: 1,
      maxMeasuredBatches: 400,
      maxMeasuredSeconds: 2.5,
    },
  },
  full: {
    batchSizes: [1, 8, 16, 32, 64, 128, 256],
    lengths: [10, 25, 50, 100, 256, 512, 1024],
    lengthBatchSize: 32,
    processesPerCell: 5,
    distinctTexts: 512,
    policy: {
      minWarmupBatches: 3,
      maxWarmupBatches: 30,
      maxWarmupSeconds: 5,
      steadyWindow: 3,
      steadyTolerance: 0.05,
      minMeasuredBatches: 8,
      minMeasuredSeconds: 2,
      maxMeasuredBatches: 2000,
      maxMeasuredSeconds: 6,
      probeReadings: 5,
      probeReadingMs: 80,
      probeMinRuns: 3,
    },
  },
};

export function findPreset(name: string): Preset {
  if ((PRESET_NAMES as readonly string[]).includes(name)) return PRESETS[name as PresetName];
  throw createUsageError({
    input: `--preset ${name}`,
    expected: 'quick, full, pr or smoke',
    received: JSON.stringify(name),
    fix: 'Use --preset quick (~2 min), full (~10 min), pr (the pull-request gate, the default of embedprof gate) or smoke (seconds: checks a setup).',
  });
}

/** The calibration probe's shape: big enough to run near the kernels' ceiling, short enough to repeat. */
export const PROBE_SHAPE = { m: 1024, k: 384, n: 1536 } as const;
