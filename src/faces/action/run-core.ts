/**
 * Calls the core in this process, as the action's engine. While it runs:
 * - the tokens the core never needs are taken out of the environment, so neither the workers nor a user's
 *   embedder module (pull-request code) can read them; they are put back afterwards;
 * - workflow commands are stopped (`::stop-commands::`), so nothing the core prints — a cell label, a path,
 *   an error quoting a pull request's file — can be taken by the runner for a command.
 * A failure comes back as data (its exit code and message), never as a thrown error.
 */
import { randomUUID } from 'node:crypto';
import { captureFailure, type CoreResult } from '../../core/index.js';

/** Secrets in the runner's environment the core has no use for. */
const HIDDEN_VARIABLES = ['INPUT_GITHUB-TOKEN', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'];

function hideVariables(names: readonly string[]): () => void {
  const saved = names.map((name) => [name, process.env[name]] as const);
  for (const name of names) delete process.env[name];
  return () => {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  };
}

export async function runCoreGuarded<T>(run: () => Promise<T>): Promise<CoreResult<T>> {
  const restore = hideVariables(HIDDEN_VARIABLES);
  const resumeToken = randomUUID();
  process.stdout.write(`::stop-commands::${resumeToken}\n`);
  try {
    return await captureFailure(run);
  } finally {
    process.stdout.write(`::${resumeToken}::\n`);
    restore();
  }
}
