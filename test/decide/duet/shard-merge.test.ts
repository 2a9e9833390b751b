import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { commitAll, createBaseRepository, writeConfig, writeEmbedder, TINY_CONFIG } from './git-fixture.js';

const CLI = resolve('build/src/faces/cli/main.js');

function run(cwd: string, args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

test('two duet shards merge into one paired comparison of the whole sweep', () => {
  const repo = createBaseRepository(false);
  writeConfig(repo, { ...TINY_CONFIG, batchSizes: [8, 32], lengths: [64] });
  commitAll(repo, 'base with config');
  writeEmbedder(repo, 1.5);
  commitAll(repo, 'slower');
  for (const shard of ['1/2', '2/2']) {
    const out = join(repo, 'shards', `embedprof-shard-${shard.replace('/', '-of-')}`);
    const gated = run(repo, [
      'gate',
      '--quiet',
      '--against',
      'HEAD~1',
      '--shard',
      shard,
      '--time-budget',
      '30',
      '--out',
      out,
    ]);
    assert.equal(gated.status, 1, `${gated.stdout}\n${gated.stderr}`);
  }
  const merged = join(repo, 'merged');
  const result = run(repo, ['merge', '--from', join(repo, 'shards'), '--out', merged]);
  assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /^FAIL — regression in throughput \(base HEAD~1/);
  const profile = profileSchema.parse(JSON.parse(readFileSync(join(merged, 'profile.json'), 'utf8')));
  assert.deepEqual(profile.config.batchSizes, [8, 32]);
  assert.deepEqual(profile.config.lengths, [64]);
  const comparison = comparisonSchema.parse(
    JSON.parse(readFileSync(join(merged, 'comparison.json'), 'utf8')),
  );
  assert.equal(comparison.settings.design, 'paired');
  assert.equal(comparison.cells.length, 3);
  assert.equal(comparison.reference.kind, 'base-ref');
});

test('merge without shards, or without a baseline for non-duet shards, is exit 2 naming the input', () => {
  const repo = createBaseRepository();
  const empty = run(repo, ['merge', '--from', repo, '--out', join(repo, 'm')]);
  assert.equal(empty.status, 2);
  assert.match(
    empty.stderr,
    /--from: expected folders holding the shards’ profile\.json files, received no profile\.json/,
  );
  const profiled = run(repo, ['profile', '--quiet', '--shard', '1/1', '--out', join(repo, 's', 'one')]);
  assert.equal(profiled.status, 0, profiled.stderr);
  const noBaseline = run(repo, ['merge', '--from', join(repo, 's'), '--out', join(repo, 'm2')]);
  assert.equal(noBaseline.status, 2);
  assert.match(noBaseline.stderr, /--baseline: expected a baseline file or folder/);
});
