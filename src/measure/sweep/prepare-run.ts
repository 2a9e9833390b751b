/**
 * Resolves every input of a measurement (output folder, corpus, model) before any worker starts, so input
 * errors surface at once with exit code 2.
 */
import { createDefaultCorpus, readCorpus, type Corpus } from '../corpus/index.js';
import { availableParallelism } from 'node:os';
import { loadOnnxRuntime } from '../engine/onnx-runtime.js';
import { loadTokenizer } from '../engine/text-tokenizer.js';
import { openSession } from '../engine/onnx-session.js';
import { resolveModel, type ResolvedModel } from '../model/resolve-model.js';
import type { ProgressReporter } from '../protocol/schedule/progress.js';
import { pickOrtOptions } from '../protocol/recorded-config.js';
import type { ProfileOptions } from './profile-options.js';

export interface PreparedRun {
  options: ProfileOptions;
  /** The version of onnxruntime-node, loaded here once for the whole run. */
  onnxruntime: string;
  outDir: string;
  corpus: Corpus;
  model: ResolvedModel;
  progress: ProgressReporter;
}

/** The model resolved (downloaded when needed) and, for ONNX, opened once to prove it loads. */
export async function loadModel(
  options: ProfileOptions,
  onProgress: (message: string) => void,
): Promise<ResolvedModel> {
  const model = await resolveModel({
    ...options,
    ort: pickOrtOptions(options),
    hubEndpoint: options.hubEndpoint ?? undefined,
    onProgress,
  });
  if (model.engine.kind === 'onnx') {
    const session = await openSession(model.engine.onnxPath, { ...model.engine, allowSpinning: true });
    await session.release();
  }
  return model;
}

export async function prepareRun(
  options: ProfileOptions,
  outDir: string,
  progress: ProgressReporter,
): Promise<PreparedRun> {
  const corpus = options.corpus === null ? createDefaultCorpus() : await readCorpus(options.corpus);
  const model = await loadModel(options, (message) => progress.note(message));
  // a broken tokenizer.json is one input error here, not a failure inside every worker
  if (model.engine.kind === 'onnx') await loadTokenizer(model.engine.tokenizerDir);
  const cores = availableParallelism();
  if (options.threads > cores)
    progress.note(
      `threads ${options.threads} exceed this machine's ${cores} logical cores: ONNX Runtime's threads will contend, and the numbers measure that contention`,
    );
  const { env } = await loadOnnxRuntime();
  const onnxruntime = env.versions.node ?? env.versions.common;
  return { options, onnxruntime, outDir, corpus, model, progress };
}
