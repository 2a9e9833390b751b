import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectShardCells } from '../../../src/measure/sweep/profile-options.js';
import { UsageError } from '../../../src/ground/errors.js';
import { parseSettingText } from '../../../src/faces/settings/resolve-settings.js';
import { mergeShardProfiles } from '../../../src/measure/shards/merge-profiles.js';
import type { CellKey } from '../../../src/ground/schema/cell-key.js';
import type { Profile } from '../../../src/measure/protocol/profile-schema.js';
import { buildTestProfile, createTestProcess } from '../../decide/compare/test-profile.js';

const CELLS: CellKey[] = [
  { sweep: 'batch', batchSize: 8 },
  { sweep: 'batch', batchSize: 32 },
  { sweep: 'batch', batchSize: 128 },
  { sweep: 'length', chars: 10, batchSize: 32 },
  { sweep: 'length', chars: 256, batchSize: 32 },
];

function buildShard(index: number, count: number, cpu = 'CPU A'): Profile {
  const cells = selectShardCells(CELLS, { index, count }).map((key) => ({
    key,
    processes: [createTestProcess(1000 * index, key.batchSize)],
  }));
  const profile = buildTestProfile(cells, { environment: { cpuModel: cpu } });
  return { ...profile, config: { ...profile.config, shard: { index, count } }, warnings: [`w${index}`] };
}

const parseShard = (text: string) => parseSettingText('shard', text, 'cli', { kind: 'flag' });

test('--shard deals cells round-robin and rejects bad values naming the flag', () => {
  assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
  const slices = [1, 2].map((index) => selectShardCells(CELLS, { index, count: 2 }).length);
  assert.deepEqual(slices, [3, 2]);
  assert.deepEqual(selectShardCells(CELLS, null), CELLS);
  for (const bad of ['0/2', '3/2', '1', 'a/b', '1/65'])
    assert.throws(() => parseShard(bad), /^UsageError: --shard/);
});

test('merged shards hold every cell in sweep order, shard 1’s run-level parts, and every warning', () => {
  const merged = mergeShardProfiles([
    { label: 'b', profile: buildShard(2, 2) },
    { label: 'a', profile: buildShard(1, 2) },
  ]);
  assert.deepEqual(
    merged.batchSweep.map((cell) => cell.batchSize),
    [8, 32, 128],
  );
  assert.deepEqual(
    merged.lengthSweep.map((cell) => cell.chars),
    [10, 256],
  );
  assert.deepEqual(merged.config.batchSizes, [8, 32, 128]);
  assert.equal(merged.config.shard, null);
  assert.deepEqual(merged.warnings, ['w1', 'shard 2: w2']);
});

test('shards from different CPUs merge with a warning', () => {
  const merged = mergeShardProfiles([
    { label: 'a', profile: buildShard(1, 2, 'CPU A') },
    { label: 'b', profile: buildShard(2, 2, 'CPU B') },
  ]);
  assert.match(merged.warnings.at(-1) ?? '', /shards ran on different CPUs \(CPU A; CPU B\)/);
});

test('a missing, duplicated or unsharded shard is one usage error', () => {
  const cases: [Profile[], RegExp][] = [
    [[buildShard(1, 3), buildShard(3, 3)], /expected shards 1 to 3, once each, received shards 1\/3, 3\/3/],
    [[buildShard(1, 2), buildShard(1, 2)], /received shards 1\/2, 1\/2/],
    [[{ ...buildShard(1, 1), config: { ...buildShard(1, 1).config, shard: null } }], /config\.shard is null/],
    [[], /no profile\.json/],
  ];
  for (const [profiles, pattern] of cases) {
    const entries = profiles.map((profile, i) => ({ label: `shard-${i}`, profile }));
    assert.throws(
      () => mergeShardProfiles(entries),
      (error: unknown) => error instanceof UsageError && pattern.test(error.message),
    );
  }
});

test('shards whose custom embedder differs (no sha256 to tell them apart) are refused, naming each', () => {
  const embedder = (profile: Profile, spec: string): Profile => ({
    ...profile,
    model: { ...profile.model, spec, source: 'embedder', sha256: null, dtype: null },
  });
  const entries = [
    { label: 'shard-1/profile.json', profile: embedder(buildShard(1, 2), 'embedder:a.mjs') },
    { label: 'shard-2/profile.json', profile: embedder(buildShard(2, 2), 'embedder:b.mjs') },
  ];
  assert.throws(
    () => mergeShardProfiles(entries),
    (error: unknown) =>
      error instanceof UsageError &&
      /^--from: expected shards that measured the same model or embedder and corpus, received shard-1\/profile\.json: embedder:a\.mjs \(no sha256.*; shard-2\/profile\.json: embedder:b\.mjs/.test(
        error.message,
      ),
  );
  const same = [
    { label: 'shard-1/profile.json', profile: embedder(buildShard(1, 2), 'embedder:a.mjs') },
    { label: 'shard-2/profile.json', profile: embedder(buildShard(2, 2), 'embedder:a.mjs') },
  ];
  assert.equal(mergeShardProfiles(same).batchSweep.length, 3, 'the same embedder merges');
});
