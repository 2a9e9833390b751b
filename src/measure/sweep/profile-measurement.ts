/**
 * How a profile and a gate measure (cells in fresh worker processes, round-robin; the analysis in its own
 * processes), split so adaptive sampling can measure extra processes for some cells and rebuild profile.json
 * from the merged states with buildProfile.
 */
import { runsAnalysis, type ProfileOptions } from './profile-options.js';
import { readToolVersion } from './tool-version.js';
import type { Corpus } from '../corpus/index.js';
import { loadTokenizer } from '../engine/text-tokenizer.js';
import type { ResolvedModel } from '../model/resolve-model.js';
import { readCpuClock, readEnvironment } from '../../ground/platform/environment.js';
import { estimateHardwarePeak } from '../analysis/hardware-peak.js';
import { ANALYSIS_SETTINGS } from '../protocol/schedule/analysis-plan.js';
import { buildProfile } from '../protocol/assemble/build-profile.js';
import { provideProbeModels } from '../protocol/probe-model-files.js';
import { buildCellBatches, shuffleTexts } from '../protocol/schedule/cell-batches.js';
import { findPreset, PROBE_SHAPE } from '../protocol/presets.js';
import type { ProgressReporter } from '../protocol/schedule/progress.js';
import { runAnalysis, type AnalysisMeasurements } from '../protocol/schedule/run-analysis.js';
import { runCells, type CellState, type RunCellsRequest } from '../protocol/schedule/run-cells.js';
import type { CellKey } from '../../ground/schema/cell-key.js';
import type { Profile } from '../protocol/profile-schema.js';
import type { Environment } from '../../ground/schema/profile-sections-schema.js';
import { describeCorpus, listSweepCells, toProfileConfig } from './profile-parts.js';
import { resolve } from 'node:path';

export interface ProfileMeasurementInput {
  options: ProfileOptions;
  model: ResolvedModel;
  corpus: Corpus;
  progress: ProgressReporter;
  startedAt: Date;
  /** The clock the wall time ends on (the core's deps.now); default the system clock. */
  now?: () => Date;
  /** The loaded onnxruntime-node's version (prepare-run.ts). */
  onnxruntime: string;
}

export interface ProfileMeasurement {
  /** Every cell of the sweep. */
  cells: CellKey[];
  environment: Environment;
  /** What runCells gets for `processes` fresh processes of each of `cells` (duet mode swaps the engine). */
  requestFor(cells: CellKey[], processes: number, scheduleSeed: number): RunCellsRequest;
  /** `processes` fresh processes for each of `cells`; `scheduleSeed` shuffles the order of later rounds. */
  measure(cells: CellKey[], processes: number, scheduleSeed: number): Promise<Map<string, CellState>>;
  /** The analysis steps, or null with --no-analysis. */
  analyze(): Promise<AnalysisMeasurements | null>;
  /** profile.json from the cells' states (all cells), wall time counted from startedAt. */
  build(states: Map<string, CellState>, analysis: AnalysisMeasurements | null): Profile;
}

export function createProfileMeasurement(input: ProfileMeasurementInput): ProfileMeasurement {
  const { options, model, corpus, progress } = input;
  const preset = findPreset(options.preset);
  const cells = listSweepCells(options);
  const environment = readEnvironment(options.threads, input.onnxruntime);
  const cores = Math.min(options.threads, environment.logicalCores);
  const hardwarePeak = estimateHardwarePeak(model.probeDtype, environment.isaFlags, cores, readCpuClock());
  const probeShape = { dtype: model.probeDtype, ...PROBE_SHAPE };
  const probe = {
    ...probeShape,
    threads: options.threads,
    spinning: options.ortSpinning,
    models: provideProbeModels(probeShape, options.cacheDir),
  };
  const requestFor = (subset: CellKey[], processes: number, scheduleSeed: number): RunCellsRequest => ({
    cells: subset,
    batchesFor: (cell) => buildCellBatches(cell, corpus.texts, options.seed, preset.distinctTexts),
    engine: model.engine,
    probe,
    policy: preset.policy,
    processesPerCell: processes,
    maxMemoryMB: options.maxMemoryMB,
    seed: scheduleSeed,
    workerTimeoutMs: options.workerTimeoutSeconds * 1000,
    batchTimeoutMs: options.batchTimeoutSeconds === 0 ? null : options.batchTimeoutSeconds * 1000,
    progress,
  });
  return {
    cells,
    environment,
    requestFor,
    measure: (subset, processes, scheduleSeed) => runCells(requestFor(subset, processes, scheduleSeed)),
    analyze: () => (runsAnalysis(options) ? analyzeModel(input) : Promise.resolve(null)),
    build: (states, analysis) =>
      buildProfile({
        version: readToolVersion(),
        startedAt: input.startedAt,
        wallSeconds: ((input.now?.() ?? new Date()).getTime() - input.startedAt.getTime()) / 1000,
        environment,
        model: model.info,
        flops: model.flops,
        probeDtype: model.probeDtype,
        corpus: describeCorpus(corpus),
        config: toProfileConfig(options, preset.policy),
        cells,
        states,
        analysis,
        hardwarePeak,
      }),
  };
}

async function analyzeModel(input: ProfileMeasurementInput): Promise<AnalysisMeasurements> {
  const { options, model, corpus, progress } = input;
  const other = await model.findOtherDtype();
  const current = model.info.dtype ?? 'custom';
  return runAnalysis({
    engine: model.engine,
    texts: shuffleTexts(corpus.texts, options.seed),
    tokenizer: await loadTokenizer(model.engine.tokenizerDir),
    otherDtype: other && { dtype: other.dtype, onnxPath: other.onnxPath, current },
    cpuProfilePath: options.cpuProfile === null ? null : resolve(options.cpuProfile),
    settings: ANALYSIS_SETTINGS[options.preset],
    progress,
  });
}
