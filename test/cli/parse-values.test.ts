import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChoice, parsePositiveIntList, parsePositiveNumber } from '../../src/cli/parse-values.js';
import { UsageError } from '../../src/errors.js';

test('lists of positive integers are parsed, deduplicated and sorted', () => {
  assert.deepEqual(parsePositiveIntList('--batch-sizes', '32, 8,16,8'), [8, 16, 32]);
});

test('bad numbers name the flag and the received value', () => {
  for (const bad of ['0', '-4', '1.5', 'eight', '8,,16', '']) {
    assert.throws(
      () => parsePositiveIntList('--batch-sizes', bad),
      (error: unknown) => error instanceof UsageError && error.message.startsWith('--batch-sizes: expected'),
      bad,
    );
  }
  assert.throws(
    () => parsePositiveNumber('--max-memory-mb', 'lots'),
    /--max-memory-mb: expected a positive number/,
  );
});

test('choices accept only their values', () => {
  assert.equal(parseChoice('--dtype', 'q8', ['fp32', 'q8'] as const), 'q8');
  assert.throws(
    () => parseChoice('--dtype', 'int4', ['fp32', 'q8'] as const),
    /--dtype: expected one of fp32, q8/,
  );
});
