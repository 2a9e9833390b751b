/**
 * Validators for action inputs. Each returns the typed value or throws a UsageError naming the input, what was
 * expected, what was received and the fix (as it would be written in the workflow's `with:`).
 */
import { BASELINE_NAME_PATTERN } from '../baseline/baseline-schema.js';
import { createUsageError, type UsageError } from '../errors.js';
import type { InputName } from './input-names.js';

export interface Shard {
  index: number;
  count: number;
}

export function createInputError(
  name: InputName,
  expected: string,
  value: string,
  example: string,
): UsageError {
  return createUsageError({
    input: `input ${name}`,
    expected,
    received: value === '' ? 'nothing' : JSON.stringify(value),
    fix: `Set it in the step's \`with:\`, e.g. \`${name}: ${example}\`.`,
  });
}

/** Only `true` and `false`: a typo must fail, not quietly become false. */
export function parseBooleanInput(name: InputName, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw createInputError(name, 'true or false', value, 'true');
}

export function parseChoiceInput<T extends string>(name: InputName, value: string, choices: readonly T[]): T {
  const match = choices.find((choice) => choice === value);
  if (match !== undefined) return match;
  throw createInputError(name, `one of ${choices.join(', ')}`, value, choices[0] ?? '');
}

export function parseIntegerInput(
  name: InputName,
  value: string,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const number = Number(value);
  if (/^\d+$/.test(value) && Number.isSafeInteger(number) && number >= min && number <= max) return number;
  const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
  throw createInputError(name, range, value, String(min));
}

export function parseIntegerListInput(name: InputName, value: string): number[] {
  const parts = value.split(',').map((part) => part.trim());
  const valid = parts.every(
    (part) => /^\d+$/.test(part) && Number(part) > 0 && Number.isSafeInteger(Number(part)),
  );
  if (valid) return [...new Set(parts.map(Number))].sort((a, b) => a - b);
  throw createInputError(name, 'a comma-separated list of positive integers', value, '8,16,32');
}

export function parsePositiveNumberInput(name: InputName, value: string): number {
  const number = Number(value);
  if (value.trim() !== '' && Number.isFinite(number) && number > 0) return number;
  throw createInputError(name, 'a positive number', value, '600');
}

export function parseFractionInput(name: InputName, value: string): number {
  const number = Number(value);
  if (value.trim() !== '' && Number.isFinite(number) && number > 0 && number < 1) return number;
  throw createInputError(name, 'a fraction between 0 and 1 (0.10 = 10 %)', value, '0.10');
}

/** "2/3" → shard 2 of 3 (1-based). */
export function parseShardInput(name: InputName, value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match !== null && index >= 1 && index <= count && count <= 64) return { index, count };
  throw createInputError(name, 'i/n with 1 ≤ i ≤ n ≤ 64 (shard i of n, 1-based)', value, '1/2');
}

const FAIL_ON_NAMES = ['throughput', 'memory', 'latency'];

/** Checked here to name the input; passed on to the CLI as written. */
export function parseFailOnInput(name: InputName, value: string): string {
  const parts = value.split(',').map((part) => part.trim());
  if (value.trim() === 'none' || parts.every((part) => FAIL_ON_NAMES.includes(part))) return parts.join(',');
  const expected = `a comma-separated list of ${FAIL_ON_NAMES.join(', ')}, or none`;
  throw createInputError(name, expected, value, 'throughput,memory');
}

/** Characters the artifact service refuses in a name. */
const ARTIFACT_NAME_FORBIDDEN = /["':<>|*?\r\n\\/]/;

export function parseArtifactNameInput(name: InputName, value: string): string {
  if (value !== '' && value.length <= 200 && !ARTIFACT_NAME_FORBIDDEN.test(value)) return value;
  throw createInputError(
    name,
    'an artifact name without " : < > | * ? \\ / or line breaks',
    value,
    'embedprof',
  );
}

export function parseBaselineNameInput(name: InputName, value: string): string {
  if (BASELINE_NAME_PATTERN.test(value)) return value;
  throw createInputError(name, 'a baseline name: letters, digits, ".", "_" or "-"', value, 'main');
}
