import { readFile } from 'node:fs/promises';
import type * as ort from 'onnxruntime-node';
import { loadOnnxRuntime } from './onnx-runtime.js';
import { createUsageError, describeError } from '../../ground/errors.js';

export type GraphOptimization = 'disabled' | 'basic' | 'extended' | 'all';

/**
 * Whether ONNX Runtime's idle pool threads spin-wait for work: 'auto' turns it off when two processes take turns
 * (duet mode: the waiting process's spinning threads took 20–50 % of the active one's CPU, docs/pr-gate.md) and
 * leaves ORT's default (on) in a process measured alone.
 */
export type OrtSpinning = 'auto' | 'on' | 'off';

/** The ORT config entries that switch spin-waiting off, or none when it stays at ORT's default. */
export function createSpinningEntries(
  allowSpinning: boolean,
): Pick<ort.InferenceSession.SessionOptions, 'extra'> {
  if (allowSpinning) return {};
  return { extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } } };
}

/** The spin-wait choice for a process: alone it follows the setting ('auto' = ORT's default), in turns 'auto' is off. */
export function decideSpinning(setting: OrtSpinning, takesTurns: boolean): boolean {
  return setting === 'on' || (setting === 'auto' && !takesTurns);
}

/**
 * The ONNX Runtime session options of a run, as one object from the settings (each a measure setting marked
 * ortOption, named by its key) to the session: a new option is its table entry and its line in openSession.
 */
export interface OrtOptions {
  graphOptimization: GraphOptimization;
  ortSpinning: OrtSpinning;
  /** off: enableCpuMemArena false (freed tensor memory is not kept for reuse); auto or absent: ORT's default. */
  ortMemArena?: 'auto' | 'on' | 'off';
}

export interface SessionOptions {
  threads: number;
  ort: OrtOptions;
  /** false sets ORT's allow_spinning to 0: ort.ortSpinning decided for this process (decideSpinning). */
  allowSpinning: boolean;
  /** Where ORT writes its per-operator trace when profiling is on. */
  profilePrefix?: string;
}

export const REQUIRED_INPUTS = ['input_ids', 'attention_mask'] as const;

/** Opens an ONNX Runtime session on the CPU with a fixed thread count, checking the inputs the engine feeds. */
export async function openSession(onnxPath: string, options: SessionOptions): Promise<ort.InferenceSession> {
  const bytes = await readModelBytes(onnxPath);
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    intraOpNumThreads: options.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: options.ort.graphOptimization,
    enableProfiling: options.profilePrefix !== undefined,
    ...createSpinningEntries(options.allowSpinning),
    ...(options.ort.ortMemArena === 'on' || options.ort.ortMemArena === 'off'
      ? { enableCpuMemArena: options.ort.ortMemArena === 'on' }
      : {}),
    ...(options.profilePrefix === undefined ? {} : { profileFilePrefix: options.profilePrefix }),
  };
  let session: ort.InferenceSession;
  try {
    const runtime = await loadOnnxRuntime();
    session = await runtime.InferenceSession.create(bytes, sessionOptions);
  } catch (error) {
    throw createUsageError({
      input: onnxPath,
      expected: 'an ONNX model that ONNX Runtime can load',
      received: `a file it rejected (${describeError(error).split('\n')[0]})`,
      fix: 'Re-export the model, or check that the file is not truncated or a Git LFS pointer.',
    });
  }
  checkInputs(session, onnxPath);
  return session;
}

async function readModelBytes(onnxPath: string): Promise<Uint8Array> {
  try {
    return await readFile(onnxPath);
  } catch {
    throw createUsageError({
      input: onnxPath,
      expected: 'an ONNX model file',
      received: 'no readable file',
      fix: 'Check the --model folder: it needs onnx/model.onnx (fp32) or onnx/model_quantized.onnx (q8).',
    });
  }
}

function checkInputs(session: ort.InferenceSession, onnxPath: string): void {
  const missing = REQUIRED_INPUTS.filter((name) => !session.inputNames.includes(name));
  if (missing.length === 0) return;
  throw createUsageError({
    input: onnxPath,
    expected: `a text encoder with inputs ${REQUIRED_INPUTS.join(' and ')}`,
    received: `inputs [${session.inputNames.join(', ')}] (missing ${missing.join(', ')})`,
    fix: 'Export the encoder with input_ids and attention_mask (e.g. optimum-cli export onnx), or use --embedder.',
  });
}
