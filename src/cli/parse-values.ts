import { createUsageError } from '../errors.js';

/** Parses "8,16,32" into positive integers, naming the flag in any error. */
export function parsePositiveIntList(flag: string, value: string): number[] {
  const parts = value.split(',').map((part) => part.trim());
  const numbers = parts.map((part) => parsePositiveInt(flag, part));
  if (numbers.length === 0) throw listError(flag, value);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

export function parsePositiveInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) {
    throw createUsageError({
      input: flag,
      expected: 'a positive integer',
      received: JSON.stringify(value),
      fix: `Pass e.g. ${flag} 8 (lists are comma-separated: 8,16,32).`,
    });
  }
  return Number(value);
}

export function parsePositiveNumber(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw createUsageError({
      input: flag,
      expected: 'a positive number',
      received: JSON.stringify(value),
      fix: `Pass e.g. ${flag} 4096.`,
    });
  }
  return number;
}

export function parseChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  const match = choices.find((choice) => choice === value);
  if (match !== undefined) return match;
  throw createUsageError({
    input: flag,
    expected: `one of ${choices.join(', ')}`,
    received: JSON.stringify(value),
    fix: `Pass ${flag} ${choices[0]}.`,
  });
}

function listError(flag: string, value: string): Error {
  return createUsageError({
    input: flag,
    expected: 'a comma-separated list of positive integers',
    received: JSON.stringify(value),
    fix: `Pass e.g. ${flag} 8,16,32.`,
  });
}
