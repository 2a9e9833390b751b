import { createHash } from 'node:crypto';
import { createDefaultCorpus, readCorpus, type Corpus } from '../corpus/index.js';
import { openSession } from '../engine/onnx-session.js';
import { resolveModel, type ResolvedModel } from '../model/resolve-model.js';
import { readEnvironment } from '../platform/environment.js';
import { buildProfile } from '../protocol/build-profile.js';
import { resolve } from 'node:path';
import { loadTokenizer } from '../engine/text-tokenizer.js';
import { ANALYSIS_SETTINGS } from '../protocol/analysis-plan.js';
import { buildCellBatches, shuffleTexts } from '../protocol/cell-batches.js';
import { runAnalysis, type AnalysisMeasurements } from '../protocol/run-analysis.js';
import { findPreset, PROBE_SHAPE } from '../protocol/presets.js';
import { createProgressReporter, type ProgressReporter } from '../protocol/progress.js';
import { runCells } from '../protocol/run-cells.js';
import type { CellKey } from '../protocol/schedule.js';
import { profileSchema, type Profile, type ProfileConfig } from '../schema/profile-schema.js';
import { formatProfileTable } from './format-table.js';
import { prepareOutputDir, writeJsonAtomically } from './output-files.js';
import { parseProfileArgs, PROFILE_HELP, type ProfileOptions } from './profile-args.js';
import { readToolVersion } from './tool-version.js';

/** `embedprof profile`: resolve inputs (all input errors surface here, before any worker starts), run, write. */
export async function runProfileCommand(argv: string[]): Promise<number> {
  const options = parseProfileArgs(argv);
  if (options.help) {
    process.stdout.write(`${PROFILE_HELP}\n`);
    return 0;
  }
  const progress = createProgressReporter(process.stderr, options.quiet ? 'silent' : 'auto');
  const outDir = await prepareOutputDir(options.out);
  const corpus = options.corpus === null ? createDefaultCorpus() : await readCorpus(options.corpus);
  const model = await resolveModel({ ...options, onProgress: (m) => progress.note(m) });
  if (model.engine.kind === 'onnx') await (await openSession(model.engine.onnxPath, model.engine)).release();
  const profile = await measureProfile(options, model, corpus, progress);
  const path = await writeJsonAtomically(outDir, 'profile.json', profileSchema.parse(profile));
  progress.finish();
  process.stdout.write(`${formatProfileTable(profile)}\nWrote ${path}\n`);
  const failed = [...profile.batchSweep, ...profile.lengthSweep].filter((cell) => cell.status === 'failed');
  return failed.length > 0 ? 1 : 0;
}

async function measureProfile(
  options: ProfileOptions,
  model: ResolvedModel,
  corpus: Corpus,
  progress: ProgressReporter,
): Promise<Profile> {
  const started = new Date();
  const preset = findPreset(options.preset);
  const cells: CellKey[] = [
    ...options.batchSizes.map((batchSize): CellKey => ({ sweep: 'batch', batchSize })),
    ...options.lengths.map((chars): CellKey => ({
      sweep: 'length',
      chars,
      batchSize: options.lengthBatchSize,
    })),
  ];
  const states = await runCells({
    cells,
    batchesFor: (cell) => buildCellBatches(cell, corpus.texts, options.seed),
    engine: model.engine,
    probe: { dtype: model.probeDtype, ...PROBE_SHAPE, threads: options.threads },
    policy: preset.policy,
    processesPerCell: options.processes,
    maxMemoryMB: options.maxMemoryMB,
    seed: options.seed,
    workerTimeoutMs: 10 * 60 * 1000,
    progress,
  });
  const analysis = options.analysis ? await analyzeModel(options, model, corpus, progress) : null;
  return buildProfile({
    version: readToolVersion(),
    startedAt: started,
    wallSeconds: (Date.now() - started.getTime()) / 1000,
    environment: readEnvironment(options.threads),
    model: model.info,
    flops: model.flops,
    probeDtype: model.probeDtype,
    corpus: describeCorpus(corpus),
    config: toConfig(options, preset.policy),
    cells,
    states,
    analysis,
  });
}

async function analyzeModel(
  options: ProfileOptions,
  model: ResolvedModel,
  corpus: Corpus,
  progress: ProgressReporter,
): Promise<AnalysisMeasurements> {
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

function describeCorpus(corpus: Corpus): Profile['corpus'] {
  const sha256 = createHash('sha256').update(corpus.texts.join('\n')).digest('hex');
  const meanChars = corpus.texts.reduce((sum, text) => sum + text.length, 0) / corpus.texts.length;
  switch (corpus.source.kind) {
    case 'file':
      return {
        source: corpus.source.path,
        format: corpus.source.format,
        texts: corpus.texts.length,
        sha256,
        meanChars,
      };
    case 'builtin':
      return {
        source: `builtin:${corpus.source.name}`,
        format: 'builtin',
        texts: corpus.texts.length,
        sha256,
        meanChars,
      };
  }
}

function toConfig(options: ProfileOptions, policy: ReturnType<typeof findPreset>['policy']): ProfileConfig {
  return {
    preset: options.preset,
    batchSizes: options.batchSizes,
    lengths: options.lengths,
    lengthBatchSize: options.lengthBatchSize,
    processesPerCell: options.processes,
    minMeasuredBatches: policy.minMeasuredBatches,
    minMeasuredSeconds: policy.minMeasuredSeconds,
    maxWarmupBatches: policy.maxWarmupBatches,
    threads: options.threads,
    graphOptimization: options.graphOptimization,
    maxMemoryMB: options.maxMemoryMB,
    latencySloMs: options.latencySloMs,
    analysis: options.analysis,
    seed: options.seed,
  };
}
