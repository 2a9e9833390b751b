import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { baselineSchema } from '../../../src/decide/baseline/baseline-schema.js';
import { COMPARISON_SCHEMA_VERSION, comparisonSchema } from '../../../src/decide/compare/index.js';

test('baseline and comparison schemas convert to JSON Schema (ready for schemas/*.schema.json)', () => {
  for (const schema of [baselineSchema, comparisonSchema]) {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12' });
    assert.equal(json.type, 'object');
    assert.ok(Array.isArray(json.required) && json.required.includes('schemaVersion'));
  }
  assert.equal(COMPARISON_SCHEMA_VERSION, 1);
});

test('a comparison.json of another version is refused by the schema', () => {
  const result = comparisonSchema.safeParse({ schemaVersion: 2 });
  assert.equal(result.success, false);
});
