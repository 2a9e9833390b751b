/**
 * The settings of what is measured and how: model, workload, runtime and analysis. A setting the run records
 * (recordSetting) lands in profile.json's config section, its JSON Schema and the report's Method table with no
 * other edit (protocol/recorded-config.ts).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { MAX_TEXT_CHARACTERS } from '../corpus/corpus-types.js';
import { PRESET_NAMES } from './presets.js';
import { RUNTIME_SETTINGS } from './runtime-settings.js';
import {
  defineOptionalSetting,
  definePresetSetting,
  defineSetting,
  FALLBACK_PRESET,
  recordSetting,
  LOADING,
  LOADING_TEXTS,
  TOKENIZING,
  MEASURING,
} from './setting-kit/setting-entry.js';
import {
  booleanKind,
  choiceKind,
  intKind,
  intListKind,
  modelKind,
  numberKind,
  textKind,
  timeLimitKind,
  urlKind,
} from './setting-kit/setting-kinds.js';
import { shardKind } from './setting-kit/shard-and-metrics.js';

export const MEASURE_SETTINGS = {
  model: defineOptionalSetting({
    kind: modelKind('synthetic:all-MiniLM-L6-v2'),
    ...{ flag: 'model', flagArg: 'SPEC', input: 'model', config: 'model', commands: LOADING },
    side: 'base',
    group: 'Model',
    help: 'synthetic:all-MiniLM-L6-v2 (default) | synthetic:all-MiniLM-L12-v2 | synthetic:bge-small-en-v1.5 | ./folder in hub layout | org/name[@revision]',
    inputHelp: 'Model to profile (synthetic:NAME, ./folder in hub layout, or org/name[@revision]).',
  }),
  embedder: defineOptionalSetting({
    kind: textKind('input-file', './bench/embedder.mjs'),
    ...{ flag: 'embedder', flagArg: 'FILE.mjs', input: 'embedder', config: 'embedder', commands: MEASURING },
    side: 'base',
    group: 'Model',
    help: 'your module exporting createEmbedder(options) → { embed(texts), close?() } (user code)',
    inputHelp:
      'Your module exporting createEmbedder(options) (user code: refused under pull_request_target unless allow-untrusted-code is true).',
  }),
  dtype: defineSetting({
    kind: choiceKind(['auto', 'fp32', 'q8']),
    fallback: 'auto' as 'auto' | 'fp32' | 'q8',
    ...{ flag: 'dtype', flagArg: 'fp32|q8|auto', input: 'dtype', config: 'dtype', commands: LOADING },
    side: 'base',
    group: 'Model',
    help: 'onnx/model.onnx or onnx/model_quantized.onnx (auto: fp32 if present; q8 for synthetic models)',
    inputHelp: 'fp32 | q8 | auto.',
  }),
  tokenizer: defineOptionalSetting({
    kind: textKind('input-folder', './models/my-model'),
    ...{ flag: 'tokenizer', flagArg: 'DIR', input: 'tokenizer', config: 'tokenizer', commands: TOKENIZING },
    side: 'base',
    group: 'Model',
    help: 'folder with tokenizer.json (default: the model folder; synthetic models without one use a built-in hashing tokenizer)',
    inputHelp: 'Folder holding tokenizer.json.',
  }),
  maxTokens: defineOptionalSetting({
    kind: intKind(1, Number.MAX_SAFE_INTEGER, '256'),
    ...{ flag: 'max-tokens', flagArg: 'N', input: null, config: 'maxTokens', commands: MEASURING },
    side: 'base',
    group: 'Model',
    help: "truncation limit (default: sentence_bert_config.json, else the model's own)",
  }),
  corpus: defineOptionalSetting({
    kind: textKind('input-file', './bench/corpus.jsonl'),
    ...{ flag: 'corpus', flagArg: 'FILE', input: 'corpus', config: 'corpus', commands: LOADING_TEXTS },
    group: 'Workload',
    help: '.txt (a text per line), .jsonl ({"text"}), .json (strings, objects with text, or {"claims": [{"text"}]}); default: a built-in English-like corpus',
    inputHelp: 'Corpus file (.txt, .jsonl or .json).',
  }),
  preset: recordSetting(
    defineSetting({
      kind: choiceKind(PRESET_NAMES),
      fallback: FALLBACK_PRESET,
      ...{ flag: 'preset', flagArg: 'quick|full|pr', input: 'preset', config: 'preset', commands: MEASURING },
      group: 'Workload',
      help: 'quick (~2 min), full (~10 min) or pr (the pull-request gate: 5 cells, no analysis); `gate` and the action on pull requests default to pr, everything else to quick (CLI) or full (action)',
      inputHelp:
        "pr | quick | full. Default: the config file's preset, else pr (the pull-request plan: 5 cells, no analysis, 180 s budget) on pull requests and full otherwise (schedule, workflow_dispatch, push).",
    }),
    { order: 10, method: { label: 'preset', show: (value) => value } },
  ),
  batchSizes: recordSetting(
    definePresetSetting({
      kind: intListKind('8,16,32'),
      presetDefault: (preset) => preset.batchSizes,
      ...{ flag: 'batch-sizes', flagArg: 'LIST', input: 'batch-sizes', config: 'batchSizes' },
      commands: MEASURING,
      group: 'Workload',
      help: 'batch sizes of the batch sweep',
      inputHelp: 'Comma-separated batch sizes, e.g. 8,16,32.',
    }),
    {
      order: 20,
      schema: z.array(z.number().int().positive()),
      method: { label: 'batch sizes', show: (value) => value.join(', ') },
    },
  ),
  lengths: recordSetting(
    definePresetSetting({
      kind: intListKind('10,64,256', MAX_TEXT_CHARACTERS),
      presetDefault: (preset) => preset.lengths,
      ...{ flag: 'lengths', flagArg: 'LIST', input: 'lengths', config: 'lengths', commands: MEASURING },
      group: 'Workload',
      help: 'characters per text of the length sweep',
      inputHelp: 'Comma-separated text lengths in characters, e.g. 10,64,256.',
    }),
    {
      order: 30,
      schema: z.array(z.number().int().positive()),
      method: {
        label: 'lengths (chars)',
        show: (value, { config }) => `${value.join(', ')} at batch ${Number(config.lengthBatchSize)}`,
      },
    },
  ),
  lengthBatchSize: recordSetting(
    definePresetSetting({
      kind: intKind(1, Number.MAX_SAFE_INTEGER, '32'),
      presetDefault: (preset) => preset.lengthBatchSize,
      ...{ flag: 'length-batch-size', flagArg: 'N', input: null, config: 'lengthBatchSize' },
      commands: MEASURING,
      group: 'Workload',
      help: 'batch size of the length sweep',
    }),
    { order: 40, schema: z.number().int().positive() },
  ),
  processes: recordSetting(
    definePresetSetting({
      kind: intKind(1, Number.MAX_SAFE_INTEGER, '3'),
      presetDefault: (preset) => preset.processesPerCell,
      ...{ flag: 'processes', flagArg: 'N', input: 'processes', config: 'processes', commands: MEASURING },
      group: 'Workload',
      help: 'fresh worker processes per cell, pairs in duet mode',
      inputHelp: 'Fresh worker processes per cell, pairs in duet mode.',
    }),
    {
      order: 50,
      key: 'processesPerCell',
      schema: z.number().int().positive(),
      method: { label: 'fresh processes per cell', show: String },
    },
  ),
  seed: recordSetting(
    defineSetting({
      kind: intKind(1, Number.MAX_SAFE_INTEGER, '1'),
      fallback: 1,
      ...{ flag: 'seed', flagArg: 'N', input: null, config: null, commands: LOADING_TEXTS },
      group: 'Workload',
      help: 'corpus shuffling and schedule (default 1)',
    }),
    { order: 130, schema: z.number().int(), method: { label: 'seed', show: String } },
  ),
  shard: recordSetting(
    defineOptionalSetting({
      kind: shardKind(),
      ...{ flag: 'shard', flagArg: 'i/n', input: 'shard', config: null, commands: ['profile', 'gate'] },
      group: 'Workload',
      help: "measure only this job's share of the cells (a matrix of n jobs; `embedprof merge` joins them); the analysis runs in shard 1",
      inputHelp:
        "i/n (1-based): measure only this shard's cells; the artifact is named ARTIFACT-NAME-shard-i-of-n and no comment is posted (a mode merge job combines the shards).",
    }),
    {
      order: 140,
      schema: z
        .object({ index: z.number().int().positive(), count: z.number().int().positive() })
        .nullable()
        .default(null),
      describe: 'the slice of the sweep this profile measured (--shard i/n); null for the whole sweep',
    },
  ),
  ...RUNTIME_SETTINGS,
  workerTimeoutSeconds: defineSetting({
    kind: numberKind('600'),
    fallback: 600,
    ...{ flag: 'worker-timeout', flagArg: 'SECONDS', input: null, config: 'workerTimeoutSeconds' },
    commands: MEASURING,
    group: 'Runtime',
    help: 'stop a worker process (a cell of one process) that runs longer than this (default 600)',
  }),
  batchTimeoutSeconds: defineSetting({
    kind: timeLimitKind('120'),
    fallback: 120,
    ...{ flag: 'batch-timeout', flagArg: 'SECONDS', input: null, config: 'batchTimeoutSeconds' },
    commands: MEASURING,
    group: 'Runtime',
    help: 'fail a cell whose batch (one embed() call) runs longer than this; 0 for no limit (default 120)',
  }),
  analysis: recordSetting(
    definePresetSetting({
      kind: booleanKind(),
      presetDefault: (_preset, name) => name !== 'pr',
      ...{ flag: 'no-analysis', negated: true, input: 'analysis', config: 'analysis', commands: MEASURING },
      group: 'Analysis',
      help: 'false (--no-analysis) skips the leak check, operator profile and A/B experiments',
      inputHelp:
        "false skips the leak check, operator profile and A/B experiments (--no-analysis). The config file's analysis beats the preset's.",
    }),
    {
      order: 120,
      describe: 'whether the leak check, operator profile and experiments ran',
      method: { label: 'analysis', show: (value) => (value ? 'yes' : 'no') },
    },
  ),
  latencySloMs: recordSetting(
    defineOptionalSetting({
      kind: numberKind('50'),
      ...{ flag: 'latency-slo-ms', flagArg: 'N', input: null, config: null, commands: MEASURING },
      group: 'Analysis',
      help: 'also recommend the largest batch whose p95 batch latency meets N ms',
    }),
    {
      order: 110,
      schema: z.number().positive().nullable(),
      method: { label: 'latency SLO', show: (value) => (value === null ? 'none' : `${value} ms`) },
    },
  ),
  cpuProfile: defineOptionalSetting({
    kind: textKind('output-file', 'embedder.cpuprofile'),
    ...{ flag: 'cpu-profile', flagArg: 'FILE', input: null, config: null, commands: MEASURING },
    group: 'Analysis',
    help: "write a V8 .cpuprofile of the embedder's run (for --embedder modules)",
  }),
  cacheDir: defineSetting({
    kind: textKind('cache-folder', '~/.cache/embedprof'),
    fallback: (context) => join(context.home, '.cache', 'embedprof'),
    environment: 'EMBEDPROF_CACHE_DIR',
    ...{ flag: 'cache-dir', flagArg: 'DIR', input: null, config: null, commands: LOADING },
    group: 'Model',
    help: 'model cache (default $EMBEDPROF_CACHE_DIR or ~/.cache/embedprof)',
  }),
  hubEndpoint: defineOptionalSetting({
    kind: urlKind('https://huggingface.co'),
    environment: 'HF_ENDPOINT',
    ...{ flag: 'hub-endpoint', flagArg: 'URL', input: null, config: null, commands: LOADING },
    group: 'Model',
    help: 'default $HF_ENDPOINT or https://huggingface.co',
  }),
};
