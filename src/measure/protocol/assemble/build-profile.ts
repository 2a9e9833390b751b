import { toDistribution } from '../../analysis/index.js';
import { NO_PROCESS_COMPLETED, type BatchCell, type LengthCell } from '../../../ground/schema/cell-schema.js';
import { cellId, type CellKey } from '../../../ground/schema/cell-key.js';
import type { Profile, ProfileConfig } from '../profile-schema.js';
import type { Environment, ModelInfo } from '../../../ground/schema/profile-sections-schema.js';
import { PROFILE_SCHEMA_VERSION } from '../../../ground/schema/profile-sections-schema.js';
import type { Dtype } from '../../../ground/schema/common-schema.js';
import type { FlopModel } from '../../onnx/graph-analysis.js';
import { computeMedian } from '../../../ground/stats/index.js';
import type { CellState } from '../schedule/run-cells.js';
import {
  computeModelFlops,
  summarizeProcesses,
  toProcessSample,
  type RunCalibration,
} from './summarize-cell.js';
import { assembleAnalysis } from './assemble-analysis.js';
import { PROBE_SHAPE } from '../presets.js';
import type { AnalysisMeasurements } from '../schedule/run-analysis.js';
import { computeProbeGflops, computeReferenceScore, REFERENCE_ENCODER } from '../probe-calibration.js';
import type { HardwarePeak } from '../../analysis/hardware-peak.js';

export interface ProfileParts {
  version: string;
  startedAt: Date;
  wallSeconds: number;
  environment: Environment;
  model: ModelInfo;
  flops: FlopModel | null;
  probeDtype: Dtype;
  corpus: Profile['corpus'];
  config: ProfileConfig;
  cells: CellKey[];
  states: Map<string, CellState>;
  analysis: AnalysisMeasurements | null;
  /** The hardware's peak for the model's dtype (analysis/hardware-peak.ts); null when the clock is unknown. */
  hardwarePeak: HardwarePeak | null;
}

/** Assembles profile.json from the cells' states: pure, so it can be tested on recorded worker results. */
export function buildProfile(parts: ProfileParts): Profile {
  const batchSweep: BatchCell[] = [];
  const lengthSweep: LengthCell[] = [];
  const calibration = computeRunCalibration(parts.states, parts.flops, parts.hardwarePeak);
  for (const cell of parts.cells) {
    const state = parts.states.get(cellId(cell));
    if (!state) continue;
    const body = toCellBody(state, parts.flops, calibration);
    if (cell.sweep === 'batch') batchSweep.push({ batchSize: cell.batchSize, ...body });
    else lengthSweep.push({ chars: cell.chars, batchSize: cell.batchSize, ...body });
  }
  const allRuns = [...parts.states.values()].flatMap((state) => state.runs.map((run) => run.result));
  const memoryOf = (pick: (m: (typeof allRuns)[number]['memory']) => number): number =>
    allRuns.length === 0 ? 0 : computeMedian(allRuns.map((r) => pick(r.memory)));
  const baselineMB = memoryOf((m) => m.baselineMB);
  const afterLoadMB = memoryOf((m) => m.afterLoadMB);
  const extras = assembleAnalysis({
    batchSweep,
    lengthSweep,
    readings: allRuns.map((r) => r.memory.readings),
    measurements: parts.analysis,
    capMB: parts.config.maxMemoryMB,
    latencySloMs: parts.config.latencySloMs,
  });
  const peaks = batchSweep
    .concat(lengthSweep)
    .flatMap((c) => (c.status === 'measured' ? [c.peakMemoryMB.median] : []));
  return {
    schemaVersion: PROFILE_SCHEMA_VERSION,
    tool: { name: 'embedprof', version: parts.version },
    createdAt: parts.startedAt.toISOString(),
    wallSeconds: parts.wallSeconds,
    environment: parts.environment,
    calibration: {
      kind: 'reference-encoder+matmul',
      reference: { ...REFERENCE_ENCODER },
      referenceScore:
        allRuns.length === 0 ? null : toDistribution(allRuns.map((r) => computeReferenceScore(r.probes))),
      dtype: parts.probeDtype,
      shape: { ...PROBE_SHAPE },
      flopsPerRun: 2 * PROBE_SHAPE.m * PROBE_SHAPE.k * PROBE_SHAPE.n,
      gflops: allRuns.length === 0 ? null : toDistribution(allRuns.map((r) => computeProbeGflops(r.probes))),
      ceiling: allRuns.length === 0 ? null : describeCeiling(calibration, parts.hardwarePeak),
    },
    model: parts.model,
    corpus: parts.corpus,
    config: parts.config,
    batchSweep,
    lengthSweep,
    memory: {
      baselineMB,
      afterLoadMB,
      modelMB: afterLoadMB - baselineMB,
      steadyStateMB: memoryOf((m) => m.steadyStateMB),
      peakMB: peaks.length === 0 ? 0 : Math.max(...peaks),
      ...extras.memoryExtras,
    },
    hotspots: extras.hotspots,
    padding: extras.padding,
    experiments: extras.experiments,
    recommendations: extras.recommendations,
    warnings: extras.warnings,
  };
}

type CellBody = BatchCell extends infer C ? (C extends BatchCell ? Omit<C, 'batchSize'> : never) : never;

/** The run's medians, and MFU's ceiling: never below the hardware's peak, the probe, or what the model reached. */
function computeRunCalibration(
  states: Map<string, CellState>,
  flops: FlopModel | null,
  hardware: HardwarePeak | null,
): RunCalibration & { reached: number } {
  const results = [...states.values()].flatMap((state) => state.runs.map((run) => run.result));
  const median = (values: number[]) => (values.length === 0 ? Number.NaN : computeMedian(values));
  const probeGflops = median(results.map((r) => computeProbeGflops(r.probes)));
  const reached = Math.max(
    0,
    ...results.map((r) => (computeModelFlops(r, flops) ?? 0) / r.measuredSeconds / 1e9),
  );
  return {
    referenceScore: median(results.map((r) => computeReferenceScore(r.probes))),
    probeGflops,
    ceilingGflops: Math.max(probeGflops, hardware?.gflops ?? 0, reached),
    reached,
  };
}

function describeCeiling(calibration: RunCalibration & { reached: number }, hardware: HardwarePeak | null) {
  const { ceilingGflops, probeGflops, reached } = calibration;
  const source =
    hardware !== null && ceilingGflops === hardware.gflops
      ? ('hardware' as const)
      : ceilingGflops === probeGflops
        ? ('probe' as const)
        : ('model' as const);
  return { gflops: ceilingGflops, source, hardware, reachedGflops: reached };
}

function toCellBody(state: CellState, flops: FlopModel | null, calibration: RunCalibration): CellBody {
  switch (state.status) {
    case 'skipped':
      return { status: 'skipped', reason: state.reason, detail: state.detail };
    case 'failed':
      return { status: 'failed', error: state.error };
    case 'running': {
      if (state.runs.length === 0) return { status: 'failed', error: NO_PROCESS_COMPLETED };
      const samples = state.runs.map((run) => toProcessSample(run, flops, calibration));
      const textsPerBatch = state.runs[0]?.result.textsPerBatch[0] ?? 1;
      return summarizeProcesses(samples, state.runs, textsPerBatch);
    }
  }
}
