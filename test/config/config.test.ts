import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyConfig } from '../../src/cli/apply-config.js';
import { parseGateArgs } from '../../src/cli/gate-args.js';
import { parseProfileArgs } from '../../src/cli/profile-args.js';
import type { EmbedprofConfig } from '../../src/config/config-schema.js';
import { convertConfigToArgs } from '../../src/config/config-to-args.js';
import { findConfig, readConfigFile } from '../../src/config/read-config.js';
import { UsageError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'embedprof-config-'));

function writeConfig(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const FULL: EmbedprofConfig = {
  schemaVersion: 1,
  embedder: './service/embedder.mjs',
  corpus: 'data/corpus.jsonl',
  batchSizes: [8, 32],
  lengths: [64],
  processes: 4,
  analysis: false,
  gate: { maxThroughputDrop: 0.05, failOn: ['throughput'], baselineDir: 'baselines', baseSetup: 'npm ci' },
};

test('a config becomes flags with paths resolved against its folder; the gate part only for gate', () => {
  const profileArgs = convertConfigToArgs(FULL, '/repo', 'profile');
  assert.deepEqual(profileArgs, [
    '--embedder',
    '/repo/service/embedder.mjs',
    '--corpus',
    '/repo/data/corpus.jsonl',
    '--batch-sizes',
    '8,32',
    '--lengths',
    '64',
    '--processes',
    '4',
    '--no-analysis',
  ]);
  const gateArgs = convertConfigToArgs(FULL, '/repo', 'gate');
  assert.deepEqual(gateArgs.slice(profileArgs.length), [
    '--max-throughput-drop',
    '0.05',
    '--fail-on',
    'throughput',
    '--baseline',
    '/repo/baselines',
    '--base-setup',
    'npm ci',
  ]);
});

test('a hub id stays a hub id; a ./folder model is resolved', () => {
  assert.deepEqual(convertConfigToArgs({ schemaVersion: 1, model: 'org/name@v2' }, '/r', 'profile'), [
    '--model',
    'org/name@v2',
  ]);
  assert.deepEqual(convertConfigToArgs({ schemaVersion: 1, model: './models/m' }, '/r', 'profile'), [
    '--model',
    '/r/models/m',
  ]);
});

test('flags override the config file', async () => {
  const path = writeConfig('override.json', FULL);
  const configured = await applyConfig('gate', ['--config', path, '--processes', '2', '--against', 'HEAD~1']);
  const gate = parseGateArgs(configured.argv);
  assert.equal(gate.profile.processes, 2);
  assert.deepEqual(gate.profile.batchSizes, [8, 32]);
  assert.equal(gate.profile.analysis, false);
  assert.equal(gate.against, 'HEAD~1');
  assert.equal(gate.baseSetup, 'npm ci');
  assert.equal(gate.comparison.options.maxThroughputDrop, 0.05);
  assert.equal(configured.config?.path, path);
});

test('./embedprof.config.json is used when present; --no-config ignores it', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'embedprof-cwd-'));
  writeFileSync(join(cwd, 'embedprof.config.json'), JSON.stringify({ schemaVersion: 1, lengths: [10] }));
  const found = await findConfig(null, cwd);
  assert.deepEqual(found?.config.lengths, [10]);
  assert.equal(await findConfig(null, dir), null);
  const skipped = await applyConfig('profile', ['--no-config', '--lengths', '64']);
  assert.equal(skipped.config, null);
  assert.deepEqual(parseProfileArgs(skipped.argv).lengths, [64]);
});

const BAD: [string, unknown, RegExp][] = [
  ['unknown key', { schemaVersion: 1, batchSize: [8] }, /Unrecognized key.*batchSize/],
  ['future version', { schemaVersion: 9 }, /schemaVersion 9, written by a newer embedprof/],
  ['no version', { lengths: [10] }, /no schemaVersion/],
  ['model and embedder', { schemaVersion: 1, model: 'a/b', embedder: './e.mjs' }, /exclusive/],
  ['bad threshold', { schemaVersion: 1, gate: { maxThroughputDrop: 10 } }, /gate\.maxThroughputDrop/],
  ['corrupt', '{"schemaVersion": 1,', /valid JSON/],
];

for (const [name, content, pattern] of BAD) {
  test(`a config file with ${name} is one clear error naming the file`, async () => {
    const path = writeConfig(`${name.replace(/ /g, '-')}.json`, content);
    await assert.rejects(readConfigFile(path), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.ok(error.message.includes(path), error.message);
      assert.match(error.message, pattern);
      return true;
    });
  });
}

test('--config without a path, or a missing file, is a usage error', async () => {
  await assert.rejects(applyConfig('profile', ['--config']), /--config: expected the path/);
  await assert.rejects(applyConfig('profile', ['--config', join(dir, 'nope.json')]), /--config .*nope\.json/);
});
