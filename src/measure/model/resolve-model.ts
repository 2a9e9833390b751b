import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { createUsageError } from '../../ground/errors.js';
import type { EngineSpec } from '../engine/embedder.js';
import type { OrtOptions } from '../engine/onnx-session.js';
import { analyzeModel, type FlopModel } from '../onnx/graph-analysis.js';
import { findArchitecture } from '../onnx/architectures.js';
import { ensureSyntheticModel } from '../onnx/synthetic-model.js';
import type { Dtype } from '../../ground/schema/common-schema.js';
import type { ModelInfo } from '../../ground/schema/profile-sections-schema.js';
import { downloadHubModel } from './hub-download.js';
import type { HubProgressEvent } from './hub-download.js';
import { chooseMaxTokens, findOnnxFile, ONNX_FILES, readOptionalJson } from './model-folder.js';
import { parseModelSpec } from './model-spec.js';

/** sentence-transformers' max_seq_length for the presets (the limit their users actually run with). */
const PRESET_MAX_TOKENS: Record<string, number> = {
  'all-MiniLM-L6-v2': 256,
  'all-MiniLM-L12-v2': 128,
  'bge-small-en-v1.5': 512,
};

export interface ModelRequest {
  model: string | null;
  embedder: string | null;
  dtype: Dtype | 'auto';
  tokenizer: string | null;
  maxTokens: number | null;
  threads: number;
  ort: OrtOptions;
  cacheDir: string;
  hubEndpoint: string | undefined;
  onProgress?: (message: string) => void;
}

export interface ResolvedModel {
  engine: EngineSpec;
  info: ModelInfo;
  flops: FlopModel | null;
  /** The dtype whose kernels the calibration probe should exercise. */
  probeDtype: Dtype;
  /** The model in the other dtype, for the int8-vs-fp32 experiment; null when there is none. */
  findOtherDtype: () => Promise<{ dtype: Dtype; onnxPath: string } | null>;
}

/** Turns --model / --embedder / --tokenizer into local files a worker can open, downloading if needed. */
export async function resolveModel(request: ModelRequest): Promise<ResolvedModel> {
  if (request.embedder !== null) return resolveEmbedder(request, request.embedder);
  const folder = await materializeModel(request);
  const onnx = findOnnxFile(folder.dir, request.dtype === 'auto' ? folder.defaultDtype : request.dtype);
  const tokenizerDir = chooseTokenizerDir(request.tokenizer, folder.dir, folder.source === 'synthetic');
  const limit = chooseMaxTokens(folder.dir, request.maxTokens, folder.presetMaxTokens);
  const bytes = await readFile(onnx.path);
  const analysis = analyzeModel(bytes, onnx.path);
  const config = readOptionalJson(join(folder.dir, 'config.json'));
  const hidden = typeof config?.hidden_size === 'number' ? config.hidden_size : null;
  const flops: FlopModel | null =
    hidden === null
      ? null
      : {
          denseFlopsPerToken: analysis.denseFlopsPerToken,
          attentionFlopsPerTokenPerPosition: 2 * hidden * analysis.attentionMatMulCount,
        };
  return {
    engine: {
      kind: 'onnx',
      onnxPath: onnx.path,
      tokenizerDir,
      maxTokens: limit.maxTokens,
      threads: request.threads,
      ort: request.ort,
      vocabSize: analysis.vocabSize,
    },
    info: {
      spec: request.model ?? 'synthetic:all-MiniLM-L6-v2',
      source: folder.source,
      dtype: onnx.dtype,
      onnxPath: onnx.path,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      parameters: analysis.parameterCount,
      denseFlopsPerToken: flops?.denseFlopsPerToken ?? null,
      attentionFlopsPerTokenPerPosition: flops?.attentionFlopsPerTokenPerPosition ?? null,
      hiddenSize: hidden,
      maxTokens: limit.maxTokens,
      maxTokensSource: limit.source,
      tokenizer: tokenizerDir ?? 'builtin-hash',
    },
    flops,
    probeDtype: onnx.dtype,
    findOtherDtype: () => findOtherDtype(request, folder, onnx.dtype),
  };
}

async function findOtherDtype(
  request: ModelRequest,
  folder: ModelFolder,
  current: Dtype,
): Promise<{ dtype: Dtype; onnxPath: string } | null> {
  const other: Dtype = current === 'q8' ? 'fp32' : 'q8';
  if (folder.source === 'synthetic' && folder.preset !== null) {
    const made = await ensureSyntheticModel({
      preset: folder.preset,
      dtype: other,
      cacheDir: request.cacheDir,
    });
    return { dtype: other, onnxPath: made.onnxPath };
  }
  const path = join(folder.dir, ONNX_FILES[other]);
  return existsSync(path) ? { dtype: other, onnxPath: path } : null;
}

interface ModelFolder {
  dir: string;
  preset: string | null;
  source: 'synthetic' | 'local' | 'hub';
  defaultDtype: Dtype | 'auto';
  presetMaxTokens: number | null;
}

async function materializeModel(request: ModelRequest): Promise<ModelFolder> {
  const spec = parseModelSpec(request.model ?? 'synthetic:all-MiniLM-L6-v2');
  switch (spec.kind) {
    case 'synthetic': {
      const architecture = findArchitecture(spec.preset);
      const dtype = request.dtype === 'auto' ? 'q8' : request.dtype;
      request.onProgress?.(`preparing synthetic ${architecture.name} (${dtype})`);
      const made = await ensureSyntheticModel({
        preset: architecture.name,
        dtype,
        cacheDir: request.cacheDir,
      });
      const presetMaxTokens = PRESET_MAX_TOKENS[architecture.name] ?? null;
      return {
        dir: made.dir,
        preset: architecture.name,
        source: 'synthetic',
        defaultDtype: dtype,
        presetMaxTokens,
      };
    }
    case 'local':
      return { dir: spec.dir, preset: null, source: 'local', defaultDtype: 'auto', presetMaxTokens: null };
    case 'hub': {
      const dtype = request.dtype === 'auto' ? 'fp32' : request.dtype;
      request.onProgress?.(`resolving ${spec.spec} from the hub`);
      const downloaded = await downloadHubModel({
        spec: spec.spec,
        dtype,
        cacheDir: join(request.cacheDir, 'hub'),
        ...(request.hubEndpoint === undefined ? {} : { endpoint: request.hubEndpoint }),
        token: process.env.HF_TOKEN,
        onProgress: (event) => reportHubEvent(event, request.onProgress),
      });
      return { dir: downloaded.dir, preset: null, source: 'hub', defaultDtype: dtype, presetMaxTokens: null };
    }
  }
}

/** Tells the user when a cached file failed its check and is downloaded again. */
function reportHubEvent(event: HubProgressEvent, onProgress: ((message: string) => void) | undefined): void {
  if (event.type !== 'file-invalid') return;
  onProgress?.(`cached ${event.file} is damaged (${event.reason}): deleted, downloading it again`);
}

function chooseTokenizerDir(flag: string | null, modelDir: string, synthetic: boolean): string | null {
  if (flag !== null) {
    if (!existsSync(join(flag, 'tokenizer.json'))) {
      throw createUsageError({
        input: `--tokenizer ${flag}`,
        expected: 'a folder containing tokenizer.json',
        received: existsSync(flag) ? 'a folder without tokenizer.json' : 'a path that does not exist',
        fix: 'Point --tokenizer at the model folder that has tokenizer.json.',
      });
    }
    return resolve(flag);
  }
  if (existsSync(join(modelDir, 'tokenizer.json'))) return resolve(modelDir);
  if (synthetic) return null;
  throw createUsageError({
    input: `--model ${modelDir}`,
    expected: 'a model folder with tokenizer.json',
    received: 'a folder without tokenizer.json',
    fix: 'Add tokenizer.json to the folder or pass --tokenizer DIR.',
  });
}

/**
 * The module as profiles, baselines and comments name it: relative to the working directory when inside it
 * (an absolute config-resolved path would differ between checkouts and runners), else as given.
 */
function showModulePath(modulePath: string): string {
  const inside = relative(process.cwd(), resolve(modulePath));
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? modulePath : inside;
}

function resolveEmbedder(request: ModelRequest, modulePath: string): ResolvedModel {
  if (!existsSync(modulePath)) {
    throw createUsageError({
      input: `--embedder ${modulePath}`,
      expected: 'a JavaScript module file exporting createEmbedder',
      received: 'a path that does not exist',
      fix: 'Check the path (relative to the working directory).',
    });
  }
  const tokenizerDir = request.tokenizer === null ? null : chooseTokenizerDir(request.tokenizer, '.', false);
  const maxTokens = request.maxTokens ?? 512;
  return {
    engine: { kind: 'custom', modulePath: resolve(modulePath), tokenizerDir, maxTokens, userOptions: {} },
    info: {
      spec: `embedder:${showModulePath(modulePath)}`,
      source: 'embedder',
      dtype: null,
      onnxPath: null,
      sha256: null,
      parameters: null,
      denseFlopsPerToken: null,
      attentionFlopsPerTokenPerPosition: null,
      hiddenSize: null,
      maxTokens,
      maxTokensSource: request.maxTokens === null ? 'default for custom embedders' : '--max-tokens',
      tokenizer: tokenizerDir ?? 'none',
    },
    flops: null,
    probeDtype: 'fp32',
    findOtherDtype: async () => null,
  };
}
