/**
 * What a worker process (which runs the user's embedder) gets from the parent: the environment without any
 * credential (GitHub and Actions tokens, Hugging Face tokens: the parent has downloaded the model already),
 * and its stdout relayed to the parent's stderr line by line, prefixed, so that nothing it prints mixes into
 * the CLI's output or reaches the runner as a workflow command.
 */
import type { Readable } from 'node:stream';
import { withoutOrtTelemetry } from '../../engine/onnx-runtime.js';
import { splitSecretVariables } from '../../../ground/platform/secret-variables.js';

/**
 * The worker's environment, with ONNX Runtime's telemetry off (engine/onnx-runtime.ts). A worker that takes turns with another (duet mode) also gets EMBEDPROF_LOCKSTEP=1,
 * so a user's own ONNX Runtime session can switch spin-waiting off as the built-in engine does (README).
 */
export function buildWorkerEnv(env: NodeJS.ProcessEnv, takesTurns = false): NodeJS.ProcessEnv {
  const { kept } = splitSecretVariables(env);
  return { ...withoutOrtTelemetry(kept), EMBEDPROF_LOCKSTEP: takesTurns ? '1' : '0' };
}

export const WORKER_OUTPUT_PREFIX = '[embedder] ';

/** Relays `stream` to `sink`, each line behind the prefix (a line starting `::` is no command then). */
export function relayWorkerOutput(stream: Readable, sink: NodeJS.WritableStream): void {
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) sink.write(`${WORKER_OUTPUT_PREFIX}${line}\n`);
  });
  stream.on('end', () => {
    if (pending !== '') sink.write(`${WORKER_OUTPUT_PREFIX}${pending}\n`);
  });
}
