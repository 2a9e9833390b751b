/**
 * What the core takes from its surroundings, injected by the face: the folder relative paths start from, the
 * clock, and where progress goes. Tests pass their own.
 */
import { createProgressReporter, type ProgressReporter } from '../measure/protocol/schedule/progress.js';
import { describeError, RuntimeFailure, UsageError } from '../ground/errors.js';
import type { CoreResult } from './outcomes.js';

export interface CoreDeps {
  /** The working directory: the git checkout duet mode compares in. */
  cwd: string;
  now: () => Date;
  progress: ProgressReporter;
}

export function createDefaultDeps(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): CoreDeps {
  return {
    cwd: process.cwd(),
    now: () => new Date(),
    progress: createProgressReporter(stream, quiet ? 'silent' : 'auto'),
  };
}

/** Runs a core call, turning a thrown error into a failure with its exit code. */
export async function captureFailure<T>(run: () => Promise<T>): Promise<CoreResult<T>> {
  try {
    return { kind: 'done', outcome: await run() };
  } catch (error) {
    const exitCode = error instanceof UsageError || error instanceof RuntimeFailure ? error.exitCode : 1;
    return { kind: 'failed', exitCode, message: describeError(error), error };
  }
}
