import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { parseDocument } from '../../../src/ground/schema/parse-document.js';
import { UsageError } from '../../../src/ground/errors.js';

const schema = z.object({ schemaVersion: z.literal(2), name: z.string() });
const kind = { name: 'baseline', currentVersion: 2 };
const parse = (text: string) => parseDocument(text, schema, kind, 'baselines/main.json');
const failsWith = (pattern: RegExp) => (error: unknown) =>
  error instanceof UsageError && pattern.test(error.message);

test('a valid document parses', () => {
  assert.deepEqual(parse('{"schemaVersion":2,"name":"main"}'), { schemaVersion: 2, name: 'main' });
});

test('empty, truncated and non-JSON files are clear errors naming the file', () => {
  assert.throws(() => parse(''), failsWith(/^baselines\/main\.json: .*empty file/));
  assert.throws(
    () => parse('{"schemaVersion":2,"na'),
    failsWith(/^baselines\/main\.json: expected valid JSON.*truncated/),
  );
});

test('a missing or future schemaVersion is refused, never defaulted', () => {
  assert.throws(() => parse('{"name":"x"}'), failsWith(/no schemaVersion/));
  assert.throws(
    () => parse('{"schemaVersion":3,"name":"x"}'),
    failsWith(/schemaVersion 3, written by a newer embedprof/),
  );
});

test('a shape mismatch lists the fields concerned', () => {
  assert.throws(() => parse('{"schemaVersion":2,"name":7}'), failsWith(/name: Invalid input/));
});
