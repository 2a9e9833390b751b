/**
 * Profiles of a custom embedder whose checks are wiring, not measured numbers: the module named as given, one
 * opaque stage, a threads warning; and batch escalation stopped by --max-memory-mb. The synthetic model's
 * measured profile and analysis: profile-run.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { runCli } from '../../helpers/run-cli.js';

function readProfile(dir: string) {
  return profileSchema.parse(JSON.parse(readFileSync(join(dir, 'profile.json'), 'utf8')));
}

test('profiles a custom embedder module', () => {
  const out = mkdtempSync(join(tmpdir(), 'embedprof-custom-'));
  const result = runCli([
    'profile',
    ...['--preset', 'smoke'],
    '--embedder',
    'test/fixtures/embedders/toy-embedder.mjs',
    '--no-analysis',
    '--batch-sizes',
    '4,16',
    '--lengths',
    '50',
    '--processes',
    '2',
    '--threads',
    String(cpus().length + 1),
    '--out',
    out,
  ]);
  assert.equal(result.status, 0, result.stderr);
  const over = `threads ${cpus().length + 1} exceed this machine's ${cpus().length} logical cores`;
  assert.ok(result.stderr.includes(over), `warned, not refused: ${result.stderr}`);
  assert.match(result.stdout, /^Preset smoke: the setup works end to end; .* --preset quick or full/m);
  const profile = readProfile(out);
  assert.equal(profile.model.source, 'embedder');
  assert.equal(
    profile.model.spec,
    'embedder:test/fixtures/embedders/toy-embedder.mjs',
    'as given, never absolute',
  );
  const cell = profile.batchSweep[0];
  assert.ok(cell?.status === 'measured');
  assert.equal(cell.stageShares.other, 1, 'a custom embedder is one opaque stage');
  assert.equal(cell.tokensPerSecond, null, 'no tokenizer, no token counts');
});

test('batch escalation stops at --max-memory-mb and says why; nothing measured is exit 1', () => {
  const out = mkdtempSync(join(tmpdir(), 'embedprof-cap-'));
  const result = runCli([
    'profile',
    ...['--preset', 'smoke'],
    '--embedder',
    'test/fixtures/embedders/toy-embedder.mjs',
    '--no-analysis',
    '--batch-sizes',
    '4,8,16',
    '--lengths',
    '10',
    '--processes',
    '2',
    '--max-memory-mb',
    '1',
    '--out',
    out,
  ]);
  assert.equal(result.status, 1, result.stderr);
  assert.match(readFileSync(join(out, 'comment.md'), 'utf8'), /^❌ Nothing measured: /);
  const profile = readProfile(out);
  const [first, second, third] = profile.batchSweep;
  assert.ok(first?.status === 'skipped' && first.reason === 'memory-cap', JSON.stringify(first));
  assert.match(first.detail, /--max-memory-mb 1/);
  assert.ok(second?.status === 'skipped' && /batch 4 already stopped/.test(second.detail));
  assert.ok(third?.status === 'skipped');
});
