/**
 * Two kinds of failure, two exit codes. A UsageError is the user's to fix (bad flag, missing or corrupt input):
 * exit 2. A RuntimeFailure happened while doing valid work (a worker crashed, inference failed): exit 1.
 * Messages follow one shape: which input, what was expected, what was received, how to fix it.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

export class RuntimeFailure extends Error {
  override readonly name = 'RuntimeFailure';
  readonly exitCode = 1;
}

export interface InputProblem {
  /** The flag, input or file concerned, e.g. `--corpus` or `baselines/main.json`. */
  input: string;
  expected: string;
  received: string;
  fix: string;
}

/** Builds a UsageError whose message names the input, the expectation, what arrived and the fix. */
export function createUsageError(problem: InputProblem): UsageError {
  return new UsageError(
    `${problem.input}: expected ${problem.expected}, received ${problem.received}. ${problem.fix}`,
  );
}

/** Turns any thrown value into a message without casting. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
