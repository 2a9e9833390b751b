/**
 * Golden files for the renderer tests: the golden of FILE is test/report/expected/CASE/FILE.expected (the
 * suffix keeps prettier from reformatting report.html and friends).
 *
 * When a renderer changes on purpose, regenerate them and review the diff:
 *   npx tsc -p tsconfig.json && UPDATE_EXPECTED=1 node scripts/run-tests.mjs build/test/report/
 * With UPDATE_EXPECTED=1 the tests write the files instead of comparing with them.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { resolveFixturePath } from './fixtures/report-fixtures.js';

function resolveExpectedPath(name: string): string {
  return resolveFixturePath(`../expected/${name}.expected`);
}

/** Asserts that `actual` equals test/report/expected/NAME (or writes it under UPDATE_EXPECTED=1). */
export function assertMatchesExpected(name: string, actual: string): void {
  const path = resolveExpectedPath(name);
  if (process.env.UPDATE_EXPECTED === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `${path} is missing: run the tests once with UPDATE_EXPECTED=1 and review it`);
  const expected = readFileSync(path, 'utf8');
  if (actual === expected) return;
  assert.equal(
    actual,
    expected,
    `${name} differs from ${path}; if intended, regenerate with UPDATE_EXPECTED=1`,
  );
}
