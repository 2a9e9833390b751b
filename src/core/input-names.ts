/**
 * The inputs the core names in its messages, and how a request names them: in the words of the face and
 * the layer that set them (`--out`, `input out`, `embedprof.config.json: out`). The face's adapter
 * (settings/build-requests.ts) implements it; the core only ever sees this interface.
 */
import { createUsageError, type UsageError } from '../ground/errors.js';

export type RequestInput =
  | 'out'
  | 'baseline'
  | 'current'
  | 'reportDir'
  | 'profileFile'
  | 'processes'
  | 'serveApi'
  | 'apiPath'
  | 'apiModel'
  | 'requestTimeoutSeconds'
  | 'maxInFlight'
  | 'failOnInconclusive';

export interface InputNames {
  /** The input's name where its value came from, e.g. `--out` or `embedprof.config.json: out`. */
  describe(input: RequestInput): string;
  /** How to set it to `example` there, e.g. `Pass e.g. --out embedprof-out.` */
  suggest(input: RequestInput, example: string): string;
}

export interface RequestProblem {
  expected: string;
  received: string;
  /** The value the fix suggests (ignored when `fix` is given). */
  example: string;
  fix?: string;
}

/** An input error about `input`, named in the face's words, with a fix suggesting `example`. */
export function createInputError(
  names: InputNames,
  input: RequestInput,
  problem: RequestProblem,
): UsageError {
  return createUsageError({
    input: names.describe(input),
    expected: problem.expected,
    received: problem.received,
    fix: problem.fix ?? names.suggest(input, problem.example),
  });
}
