import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError, UsageError } from '../errors.js';
import type { GraphOptimization } from '../engine/onnx-session.js';
import type { Dtype } from '../schema/common-schema.js';
import { findPreset, type PresetName } from '../protocol/presets.js';
import { parseShard, type Shard } from './shard.js';
import { parseChoice, parsePositiveInt, parsePositiveIntList, parsePositiveNumber } from './parse-values.js';

export const PROFILE_HELP = `embedprof profile [options]

Model (one of):
  --model SPEC            synthetic:all-MiniLM-L6-v2 (default) | synthetic:all-MiniLM-L12-v2 |
                          synthetic:bge-small-en-v1.5 | ./folder in hub layout | org/name[@revision]
  --embedder FILE.mjs     your module exporting createEmbedder(options) → { embed(texts), close?() }
  --dtype fp32|q8|auto    onnx/model.onnx or onnx/model_quantized.onnx (default auto: fp32 if present;
                          q8 for synthetic models)
  --tokenizer DIR         folder with tokenizer.json (default: the model folder; for synthetic models
                          without it, a built-in hashing tokenizer with WordPiece-like token counts)
  --max-tokens N          truncation limit (default: sentence_bert_config.json, else the model's own)
Workload:
  --corpus FILE           .txt (a text per line), .jsonl ({"text"}), .json (strings, objects with text,
                          or {"claims": [{"text"}]}); default: a built-in English-like corpus
  --preset quick|full     quick (default, ~2 min) or full (~10 min)
  --batch-sizes LIST      quick 8,16,32,64,128,256; full adds 1
  --lengths LIST          characters per text for the length sweep (quick 10,64,256,1024;
                          full 10,25,50,100,256,512,1024)
  --length-batch-size N   batch size of the length sweep (default 32)
  --processes N           fresh worker processes per cell (default 3 quick, 5 full)
Runtime:
  --threads N             ONNX Runtime intra-op threads (default: all logical cores)
  --graph-optimization L  disabled|basic|extended|all (default all)
  --max-memory-mb N       stop escalating batch sizes above this RSS (default 4096)
Analysis (after the sweeps; each step in its own fresh process):
  --latency-slo-ms N      also recommend the largest batch whose p95 batch latency meets N ms
  --cpu-profile FILE      write a V8 .cpuprofile of the embedder's run (for --embedder modules)
  --no-analysis           skip the leak check, operator profile and A/B experiments
  --cache-dir DIR         model cache (default $EMBEDPROF_CACHE_DIR or ~/.cache/embedprof)
  --hub-endpoint URL      default $HF_ENDPOINT or https://huggingface.co
Settings:
  --config FILE           embedprof.config.json to read (default ./embedprof.config.json when present);
                          flags override it
  --no-config             ignore ./embedprof.config.json
Output:
  --out DIR               where profile.json goes (default embedprof-out)
  --seed N                corpus shuffling and schedule (default 1)
  --shard i/n             measure only this job's share of the cells (a matrix of n jobs; merge the
                          shards' folders with \`embedprof merge\`); the analysis runs in shard 1
  --quiet                 no progress lines
  --debug                 stack traces on failure`;

export interface ProfileOptions {
  model: string | null;
  embedder: string | null;
  dtype: Dtype | 'auto';
  tokenizer: string | null;
  maxTokens: number | null;
  corpus: string | null;
  preset: PresetName;
  batchSizes: number[];
  lengths: number[];
  lengthBatchSize: number;
  processes: number;
  threads: number;
  graphOptimization: GraphOptimization;
  maxMemoryMB: number;
  cacheDir: string;
  hubEndpoint: string | undefined;
  out: string;
  seed: number;
  /** This job's slice of the cells (`--shard i/n`), or null for all of them. */
  shard: Shard | null;
  latencySloMs: number | null;
  cpuProfile: string | null;
  analysis: boolean;
  quiet: boolean;
  help: boolean;
}

const OPTIONS = {
  model: { type: 'string' },
  embedder: { type: 'string' },
  dtype: { type: 'string' },
  tokenizer: { type: 'string' },
  'max-tokens': { type: 'string' },
  corpus: { type: 'string' },
  preset: { type: 'string' },
  'batch-sizes': { type: 'string' },
  lengths: { type: 'string' },
  'length-batch-size': { type: 'string' },
  processes: { type: 'string' },
  threads: { type: 'string' },
  'graph-optimization': { type: 'string' },
  'max-memory-mb': { type: 'string' },
  'cache-dir': { type: 'string' },
  'hub-endpoint': { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string' },
  shard: { type: 'string' },
  'latency-slo-ms': { type: 'string' },
  'cpu-profile': { type: 'string' },
  'no-analysis': { type: 'boolean' },
  quiet: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseProfileArgs(argv: string[]): ProfileOptions {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${describeError(error)}. Run \`embedprof profile --help\` for the options.`);
  }
  if (values.model !== undefined && values.embedder !== undefined) {
    throw new UsageError('--model and --embedder: expected one of them, received both. Pass only one.');
  }
  const presetName = parseChoice('--preset', values.preset ?? 'quick', ['quick', 'full'] as const);
  const preset = findPreset(presetName);
  const int = (flag: string, value: string | undefined, fallback: number): number =>
    value === undefined ? fallback : parsePositiveInt(flag, value);
  const shard = values.shard === undefined ? null : parseShard(values.shard);
  return {
    model: values.model ?? null,
    embedder: values.embedder ?? null,
    dtype: parseChoice('--dtype', values.dtype ?? 'auto', ['fp32', 'q8', 'auto'] as const),
    tokenizer: values.tokenizer ?? null,
    maxTokens:
      values['max-tokens'] === undefined ? null : parsePositiveInt('--max-tokens', values['max-tokens']),
    corpus: values.corpus ?? null,
    preset: presetName,
    batchSizes: values['batch-sizes']
      ? parsePositiveIntList('--batch-sizes', values['batch-sizes'])
      : preset.batchSizes,
    lengths: values.lengths ? parsePositiveIntList('--lengths', values.lengths) : preset.lengths,
    lengthBatchSize: int('--length-batch-size', values['length-batch-size'], preset.lengthBatchSize),
    processes: int('--processes', values.processes, preset.processesPerCell),
    threads: int('--threads', values.threads, availableParallelism()),
    graphOptimization: parseChoice('--graph-optimization', values['graph-optimization'] ?? 'all', [
      'all',
      'extended',
      'basic',
      'disabled',
    ] as const),
    maxMemoryMB: parsePositiveNumber('--max-memory-mb', values['max-memory-mb'] ?? '4096'),
    cacheDir:
      values['cache-dir'] ?? process.env.EMBEDPROF_CACHE_DIR ?? join(homedir(), '.cache', 'embedprof'),
    hubEndpoint: values['hub-endpoint'] ?? process.env.HF_ENDPOINT,
    out: values.out ?? 'embedprof-out',
    seed: values.seed === undefined ? 1 : parsePositiveInt('--seed', values.seed),
    latencySloMs:
      values['latency-slo-ms'] === undefined
        ? null
        : parsePositiveNumber('--latency-slo-ms', values['latency-slo-ms']),
    cpuProfile: values['cpu-profile'] ?? null,
    shard,
    // the analysis runs once per sweep: in shard 1 of a sharded run
    analysis: !(values['no-analysis'] ?? false) && (shard === null || shard.index === 1),
    quiet: values.quiet ?? false,
    help: values.help ?? false,
  };
}
