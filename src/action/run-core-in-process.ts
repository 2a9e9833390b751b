/**
 * Runs the embedprof CLI in this process, as the action's core. While it runs:
 * - the tokens the core never needs are taken out of the environment, so neither the workers nor a user's
 *   embedder module (pull-request code) can read them; they are put back afterwards;
 * - workflow commands are stopped (`::stop-commands::`), so nothing the core prints — a cell label, a path,
 *   an error quoting a pull request's file — can be taken by the runner for a command;
 * - stderr is teed to keep the core's last `embedprof: …` failure line for the step's failure message.
 */
import { randomUUID } from 'node:crypto';
import { runCli } from '../cli/run-cli.js';
import type { CoreRun } from './action-platform.js';

/** Secrets in the runner's environment the core has no use for. */
const HIDDEN_VARIABLES = ['INPUT_GITHUB-TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'];

function hideVariables(names: readonly string[]): () => void {
  const saved = names.map((name) => [name, process.env[name]] as const);
  for (const name of names) delete process.env[name];
  return () => {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  };
}

/** Tees process.stderr; `last()` is the last complete line starting with "embedprof: ". */
function captureFailureLines(): { last: () => string | null; stop: () => void } {
  const stream = process.stderr;
  const original = stream.write;
  let pending = '';
  let last: string | null = null;
  const tee = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    pending += chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('embedprof: ')) last = line;
    return Boolean(Reflect.apply(original, this, [chunk, ...rest]));
  };
  stream.write = tee as typeof stream.write;
  return { last: () => last, stop: () => void (stream.write = original) };
}

export async function runCoreInProcess(argv: string[]): Promise<CoreRun> {
  const restore = hideVariables(HIDDEN_VARIABLES);
  const capture = captureFailureLines();
  const resumeToken = randomUUID();
  process.stdout.write(`::stop-commands::${resumeToken}\n`);
  try {
    const exitCode = await runCli(argv);
    return { exitCode, failureLine: capture.last() };
  } finally {
    process.stdout.write(`::${resumeToken}::\n`);
    capture.stop();
    restore();
  }
}
