import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUsageError, UsageError } from '../src/ground/errors.js';

test('usage errors carry exit code 2 and name the input', () => {
  const error = createUsageError({
    input: '--corpus',
    expected: 'a file',
    received: 'nothing',
    fix: 'Pass one.',
  });
  assert.ok(error instanceof UsageError);
  assert.equal(error.exitCode, 2);
  assert.match(error.message, /^--corpus: expected a file, received nothing\. Pass one\.$/);
});
