import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DOCUMENT_SCHEMAS, renderJsonSchema } from '../../../scripts/json-schemas.js';

test('the committed JSON Schemas match the zod schemas (run `npm run schemas` after a change)', () => {
  for (const entry of DOCUMENT_SCHEMAS) {
    const committed = readFileSync(`schemas/${entry.file}`, 'utf8');
    assert.equal(committed, renderJsonSchema(entry), `schemas/${entry.file} is stale`);
  }
});
