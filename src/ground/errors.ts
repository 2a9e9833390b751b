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

/** A line break as a log reader (the Actions runner among them) would split on. */
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/;
/** Other control characters (terminal escapes, NUL): shown as U+FFFD, never written raw. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Text that user code wrote (an embedder's error message, its error's name, a worker's stderr) as one line:
 * its own line breaks become " ⏎ ", so none of it can start a log line (where the runner would read
 * `::error::…` or `::set-output …` as a workflow command), whatever prints it.
 */
export function quoteUserText(text: string): string {
  const lines = text.split(LINE_BREAKS).map((line) => line.replace(CONTROLS, '\uFFFD'));
  while (lines.length > 1 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines.join(' ⏎ ');
}

/**
 * What user code threw, as one quoted line: an Error's message ("TypeError: bad input" when its name says more
 * than `Error`), else what was thrown and that it was no Error ("embed() threw null (not an Error, so no
 * message)").
 */
export function describeThrown(error: unknown, call = 'the code'): string {
  if (error instanceof Error) {
    const name = typeof error.name === 'string' && error.name !== 'Error' ? `${error.name}: ` : '';
    const message = error.message === '' ? `${call} threw an Error with no message` : error.message;
    return quoteUserText(`${name}${message}`);
  }
  if (typeof error === 'string' && error !== '') return quoteUserText(error);
  const what = typeof error === 'string' ? 'an empty string' : describeValue(error);
  const kind = error === null || error === undefined ? '' : ` (a ${typeof error})`;
  return quoteUserText(`${call} threw ${what}${kind}, not an Error, so no message`);
}

function describeValue(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'a value with no text';
  }
}
