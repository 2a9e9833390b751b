/**
 * The reference server's settings from its command line (and $PORT, $EMBEDPROF_CACHE_DIR), and its engine,
 * loaded the way the CLI loads a model (resolveModel: synthetic, local folder or hub id).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createUsageError, describeError, RuntimeFailure, UsageError } from '../../ground/errors.js';
import { createOnnxEmbedder } from '../engine/onnx-embedder.js';
import { loadTokenizer } from '../engine/text-tokenizer.js';
import { resolveModel } from '../model/resolve-model.js';
import type { ProfiledEmbedder } from '../engine/embedder.js';
import { createReferenceServer } from './reference-server.js';

export interface ReferenceServerArgs {
  model: string;
  dtype: 'q8' | 'fp32' | 'auto';
  tokenizer: string | null;
  port: number;
  host: string;
  threads: number;
  slowPercent: number;
  cacheDir: string;
  /** The hub's address for a hub model (default $HF_ENDPOINT, else huggingface.co). */
  hubEndpoint: string | null;
}

function readNumber(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (Number.isFinite(value) && value >= min && text.trim() !== '') return value;
  throw createUsageError({
    input: `--${flag}`,
    expected: `a number ≥ ${min}`,
    received: JSON.stringify(text),
    fix: `Pass --${flag} N.`,
  });
}

const readFlagDefinitions = (env: NodeJS.ProcessEnv) =>
  ({
    model: { type: 'string', default: 'synthetic:all-MiniLM-L6-v2' },
    dtype: { type: 'string', default: 'q8' },
    tokenizer: { type: 'string' },
    port: { type: 'string', default: env.PORT ?? '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    threads: { type: 'string', default: '1' },
    'slow-percent': { type: 'string', default: '0' },
    'cache-dir': {
      type: 'string',
      default: env.EMBEDPROF_CACHE_DIR ?? join(homedir(), '.cache', 'embedprof'),
    },
  }) as const;

/** parseArgs, its errors (an unknown flag, a missing value, "-5" read as a flag) as usage errors. */
function parseFlags(argv: string[], env: NodeJS.ProcessEnv) {
  try {
    return parseArgs({ args: argv, options: readFlagDefinitions(env), strict: true });
  } catch (error) {
    throw createUsageError({
      input: "the reference server's command line",
      expected:
        '--model, --dtype, --tokenizer, --port, --host, --threads, --slow-percent, --cache-dir with values',
      received: JSON.stringify(argv.join(' ')),
      fix: `${describeError(error)} (give a negative value as --flag=-5).`,
    });
  }
}

/** The command line (and $PORT, $EMBEDPROF_CACHE_DIR) as settings; a usage error for a bad value. */
export function readReferenceArgs(argv: string[], env: NodeJS.ProcessEnv): ReferenceServerArgs {
  const { values } = parseFlags(argv, env);
  const dtype = values.dtype;
  if (dtype !== 'q8' && dtype !== 'fp32' && dtype !== 'auto') {
    throw createUsageError({
      input: '--dtype',
      expected: 'q8, fp32 or auto',
      received: JSON.stringify(dtype),
      fix: 'Pass --dtype q8.',
    });
  }
  return {
    model: values.model,
    dtype,
    tokenizer: values.tokenizer ?? null,
    port: readNumber('port', values.port, 0),
    host: values.host,
    threads: readNumber('threads', values.threads, 1),
    slowPercent: readNumber('slow-percent', values['slow-percent'], 0),
    cacheDir: values['cache-dir'],
    hubEndpoint: env.HF_ENDPOINT ?? null,
  };
}

/** The engine for `args`, loaded as the CLI loads it. */
export async function loadReferenceEmbedder(args: ReferenceServerArgs): Promise<ProfiledEmbedder> {
  const model = await resolveModel({
    model: args.model,
    embedder: null,
    dtype: args.dtype,
    tokenizer: args.tokenizer,
    maxTokens: null,
    threads: args.threads,
    ort: { graphOptimization: 'all', ortSpinning: 'auto' },
    cacheDir: args.cacheDir,
    hubEndpoint: args.hubEndpoint ?? undefined,
  });
  if (model.engine.kind !== 'onnx')
    throw new UsageError('--model: the reference server runs ONNX models only.');
  const tokenizer = await loadTokenizer(model.engine.tokenizerDir);
  return createOnnxEmbedder({ ...model.engine, tokenizer, allowSpinning: true });
}

/**
 * Loads the engine, listens on args.host:args.port and prints its address; resolves once SIGINT or SIGTERM
 * stopped it (connections closed, the session released). A taken port rejects with node's EADDRINUSE error.
 */
export async function serveReference(
  args: ReferenceServerArgs,
  print: (line: string) => void,
): Promise<void> {
  const embedder = await loadReferenceEmbedder(args);
  const server = createReferenceServer({ embedder, modelName: args.model, slowPercent: args.slowPercent });
  try {
    await new Promise<void>((listening, failed) => {
      server.once('error', failed);
      server.listen(args.port, args.host, () => listening());
    });
  } catch (error) {
    await embedder.close();
    throw new RuntimeFailure(`reference server: ${describeError(error)}`);
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : args.port;
  print(
    `reference server listening on http://${args.host}:${port} (${args.model}, slow ${args.slowPercent} %)`,
  );
  await new Promise<void>((stopped) => {
    const stop = (): void => {
      for (const signal of SIGNALS) process.off(signal, stop);
      server.closeAllConnections();
      server.close(() => stopped());
    };
    for (const signal of SIGNALS) process.once(signal, stop);
  });
  await embedder.close();
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
