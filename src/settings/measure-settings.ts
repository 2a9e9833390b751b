/** The settings of what is measured and how: model, workload, runtime and analysis. */
import { join } from 'node:path';
import { MAX_TEXT_CHARACTERS } from '../corpus/corpus-types.js';
import type { OrtSpinning } from '../engine/onnx-session.js';
import { defineOptionalSetting, defineSetting, type CommandName } from './setting-entry.js';
import { booleanKind, choiceKind, intKind, intListKind, numberKind, textKind } from './setting-kinds.js';
import { shardKind } from './shard-and-metrics.js';

const MEASURING: readonly CommandName[] = ['profile', 'gate'];

export const MEASURE_SETTINGS = {
  model: defineOptionalSetting({
    kind: textKind('model', 'synthetic:all-MiniLM-L6-v2'),
    ...{ flag: 'model', flagArg: 'SPEC', input: 'model', config: 'model', commands: MEASURING },
    group: 'Model',
    help: 'synthetic:all-MiniLM-L6-v2 (default) | synthetic:all-MiniLM-L12-v2 | synthetic:bge-small-en-v1.5 | ./folder in hub layout | org/name[@revision]',
  }),
  embedder: defineOptionalSetting({
    kind: textKind('path', './bench/embedder.mjs'),
    ...{ flag: 'embedder', flagArg: 'FILE.mjs', input: 'embedder', config: 'embedder', commands: MEASURING },
    group: 'Model',
    help: 'your module exporting createEmbedder(options) → { embed(texts), close?() } (user code)',
  }),
  dtype: defineSetting({
    kind: choiceKind(['auto', 'fp32', 'q8']),
    fallback: 'auto' as 'auto' | 'fp32' | 'q8',
    ...{ flag: 'dtype', flagArg: 'fp32|q8|auto', input: 'dtype', config: 'dtype', commands: MEASURING },
    group: 'Model',
    help: 'onnx/model.onnx or onnx/model_quantized.onnx (auto: fp32 if present; q8 for synthetic models)',
  }),
  tokenizer: defineOptionalSetting({
    kind: textKind('path', './models/my-model'),
    ...{ flag: 'tokenizer', flagArg: 'DIR', input: 'tokenizer', config: 'tokenizer', commands: MEASURING },
    group: 'Model',
    help: 'folder with tokenizer.json (default: the model folder; synthetic models without one use a built-in hashing tokenizer)',
  }),
  maxTokens: defineOptionalSetting({
    kind: intKind(1, Number.MAX_SAFE_INTEGER, '256'),
    ...{ flag: 'max-tokens', flagArg: 'N', input: null, config: 'maxTokens', commands: MEASURING },
    group: 'Model',
    help: "truncation limit (default: sentence_bert_config.json, else the model's own)",
  }),
  corpus: defineOptionalSetting({
    kind: textKind('path', './bench/corpus.jsonl'),
    ...{ flag: 'corpus', flagArg: 'FILE', input: 'corpus', config: 'corpus', commands: MEASURING },
    group: 'Workload',
    help: '.txt (a text per line), .jsonl ({"text"}), .json (strings, objects with text, or {"claims": [{"text"}]}); default: a built-in English-like corpus',
  }),
  preset: defineSetting({
    kind: choiceKind(['quick', 'full', 'pr']),
    fallback: 'quick' as 'quick' | 'full' | 'pr',
    ...{ flag: 'preset', flagArg: 'quick|full|pr', input: 'preset', config: 'preset', commands: MEASURING },
    group: 'Workload',
    help: 'quick (~2 min), full (~10 min) or pr (the pull-request gate: 5 cells, no analysis); `gate` and the action on pull requests default to pr, everything else to quick (CLI) or full (action)',
  }),
  batchSizes: defineSetting({
    kind: intListKind('8,16,32'),
    fallback: [8, 16, 32, 64, 128, 256],
    presetDefault: (preset) => preset.batchSizes,
    ...{ flag: 'batch-sizes', flagArg: 'LIST', input: 'batch-sizes', config: 'batchSizes' },
    commands: MEASURING,
    group: 'Workload',
    help: 'batch sizes of the batch sweep (quick 8,16,32,64,128,256; full adds 1)',
  }),
  lengths: defineSetting({
    kind: intListKind('10,64,256', MAX_TEXT_CHARACTERS),
    fallback: [10, 64, 256, 1024],
    presetDefault: (preset) => preset.lengths,
    ...{ flag: 'lengths', flagArg: 'LIST', input: 'lengths', config: 'lengths', commands: MEASURING },
    group: 'Workload',
    help: 'characters per text of the length sweep (quick 10,64,256,1024; full 10,25,50,100,256,512,1024)',
  }),
  lengthBatchSize: defineSetting({
    kind: intKind(1, Number.MAX_SAFE_INTEGER, '32'),
    fallback: 32,
    presetDefault: (preset) => preset.lengthBatchSize,
    ...{ flag: 'length-batch-size', flagArg: 'N', input: null, config: 'lengthBatchSize' },
    commands: MEASURING,
    group: 'Workload',
    help: 'batch size of the length sweep (default 32)',
  }),
  processes: defineSetting({
    kind: intKind(1, Number.MAX_SAFE_INTEGER, '3'),
    fallback: 3,
    presetDefault: (preset) => preset.processesPerCell,
    ...{ flag: 'processes', flagArg: 'N', input: 'processes', config: 'processes', commands: MEASURING },
    group: 'Workload',
    help: 'fresh worker processes per cell, pairs in duet mode (default 3 quick, 5 full, 4 pr)',
  }),
  seed: defineSetting({
    kind: intKind(1, Number.MAX_SAFE_INTEGER, '1'),
    fallback: 1,
    ...{ flag: 'seed', flagArg: 'N', input: null, config: null, commands: MEASURING },
    group: 'Workload',
    help: 'corpus shuffling and schedule (default 1)',
  }),
  shard: defineOptionalSetting({
    kind: shardKind(),
    ...{ flag: 'shard', flagArg: 'i/n', input: 'shard', config: null, commands: MEASURING },
    group: 'Workload',
    help: "measure only this job's share of the cells (a matrix of n jobs; `embedprof merge` joins them); the analysis runs in shard 1",
  }),
  threads: defineSetting({
    kind: intKind(1, Number.MAX_SAFE_INTEGER, '2'),
    fallback: (context) => context.cores,
    ...{ flag: 'threads', flagArg: 'N', input: 'threads', config: 'threads', commands: MEASURING },
    group: 'Runtime',
    help: 'ONNX Runtime intra-op threads (default: all logical cores)',
  }),
  graphOptimization: defineSetting({
    kind: choiceKind(['all', 'extended', 'basic', 'disabled']),
    fallback: 'all' as 'all' | 'extended' | 'basic' | 'disabled',
    ...{ flag: 'graph-optimization', flagArg: 'L', input: null, config: null, commands: MEASURING },
    group: 'Runtime',
    help: 'disabled|basic|extended|all (default all)',
  }),
  ortSpinning: defineSetting({
    kind: choiceKind(['auto', 'on', 'off']),
    fallback: 'auto' as OrtSpinning,
    ...{
      flag: 'ort-spinning',
      flagArg: 'auto|on|off',
      input: null,
      config: 'ortSpinning',
      commands: MEASURING,
    },
    group: 'Runtime',
    help: "ONNX Runtime's spin-waiting pool threads: auto (default) turns them off in duet mode, where two processes take turns, and leaves them on in a process measured alone",
  }),
  maxMemoryMB: defineSetting({
    kind: numberKind('4096'),
    fallback: 4096,
    ...{ flag: 'max-memory-mb', flagArg: 'N', input: null, config: 'maxMemoryMB', commands: MEASURING },
    group: 'Runtime',
    help: 'the most RSS a worker may reach, watched every 100 ms during batches (default 4096): a cell over it is skipped, and larger batch sizes with it',
  }),
  workerTimeoutSeconds: defineSetting({
    kind: numberKind('600'),
    fallback: 600,
    ...{ flag: 'worker-timeout', flagArg: 'SECONDS', input: null, config: 'workerTimeoutSeconds' },
    commands: MEASURING,
    group: 'Runtime',
    help: 'stop a worker process (a cell of one process) that runs longer than this (default 600)',
  }),
  batchTimeoutSeconds: defineSetting({
    kind: numberKind('120'),
    fallback: 120,
    ...{ flag: 'batch-timeout', flagArg: 'SECONDS', input: null, config: 'batchTimeoutSeconds' },
    commands: MEASURING,
    group: 'Runtime',
    help: 'fail a cell whose batch (one embed() call) runs longer than this; 0 for no limit (default 120)',
  }),
  analysis: defineSetting({
    kind: booleanKind(),
    fallback: true,
    presetDefault: (_preset, name) => name !== 'pr',
    ...{ flag: 'no-analysis', negated: true, input: 'analysis', config: 'analysis', commands: MEASURING },
    group: 'Analysis',
    help: 'false (--no-analysis) skips the leak check, operator profile and A/B experiments',
  }),
  latencySloMs: defineOptionalSetting({
    kind: numberKind('50'),
    ...{ flag: 'latency-slo-ms', flagArg: 'N', input: null, config: null, commands: MEASURING },
    group: 'Analysis',
    help: 'also recommend the largest batch whose p95 batch latency meets N ms',
  }),
  cpuProfile: defineOptionalSetting({
    kind: textKind('path', 'embedder.cpuprofile'),
    ...{ flag: 'cpu-profile', flagArg: 'FILE', input: null, config: null, commands: MEASURING },
    group: 'Analysis',
    help: "write a V8 .cpuprofile of the embedder's run (for --embedder modules)",
  }),
  cacheDir: defineSetting({
    kind: textKind('path', '~/.cache/embedprof'),
    fallback: (context) => join(context.home, '.cache', 'embedprof'),
    environment: 'EMBEDPROF_CACHE_DIR',
    ...{ flag: 'cache-dir', flagArg: 'DIR', input: null, config: null, commands: MEASURING },
    group: 'Model',
    help: 'model cache (default $EMBEDPROF_CACHE_DIR or ~/.cache/embedprof)',
  }),
  hubEndpoint: defineOptionalSetting({
    kind: textKind('none', 'https://huggingface.co'),
    environment: 'HF_ENDPOINT',
    ...{ flag: 'hub-endpoint', flagArg: 'URL', input: null, config: null, commands: MEASURING },
    group: 'Model',
    help: 'default $HF_ENDPOINT or https://huggingface.co',
  }),
};
