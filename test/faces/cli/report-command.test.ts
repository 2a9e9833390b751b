import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMENT_MARKER } from '../../../src/report/index.js';
import { runCli } from '../../helpers/run-cli.js';

const fixtures = 'test/report/fixtures';

test('embedprof report writes the six files from a profile and a comparison', () => {
  const out = mkdtempSync(join(tmpdir(), 'embedprof-report-'));
  const profile = join(fixtures, 'profile.json');
  const result = runCli([
    'report',
    '--profile',
    profile,
    '--comparison',
    join(fixtures, 'comparison.json'),
    '--out',
    out,
  ]);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(readdirSync(out).sort(), [
    'comment.md',
    'comparison.csv',
    'profile.csv',
    'report.html',
    'report.md',
    'summary.md',
  ]);
  const comment = readFileSync(join(out, 'comment.md'), 'utf8');
  assert.ok(comment.includes(COMMENT_MARKER));
  assert.ok(comment.length <= 65_536);
});

test('embedprof report refuses a corrupt comparison with one clear message', () => {
  const out = mkdtempSync(join(tmpdir(), 'embedprof-report-bad-'));
  const broken = join(out, 'comparison.json');
  writeFileSync(broken, '{"schemaVersion": 1, "over');
  const result = runCli([
    'report',
    '--profile',
    join(fixtures, 'profile.json'),
    '--comparison',
    broken,
    '--out',
    out,
  ]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /comparison\.json: expected valid JSON/);
});
