/**
 * embedprof.config.json as a layer of the CLI's settings: paths resolved against its folder, flags above it,
 * defaults and presets below it, and one clear error for a bad file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCliSettings } from '../../../src/faces/cli/resolve-cli-settings.js';
import { readConfigFile } from '../../../src/faces/settings/read-config-file.js';
import { UsageError } from '../../../src/ground/errors.js';
import type { CommandName } from '../../../src/measure/protocol/setting-kit/setting-entry.js';
import type { ResolvedSettings } from '../../../src/faces/settings/resolve-settings.js';

const dir = mkdtempSync(join(tmpdir(), 'embedprof-config-'));

function writeConfig(name: string, content: unknown, folder = dir): string {
  const path = join(folder, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function resolve(command: CommandName, argv: string[], cwd: string): Promise<ResolvedSettings> {
  const resolved = await resolveCliSettings(command, argv, cwd, {});
  assert.ok(resolved.kind === 'settings');
  return resolved.settings;
}

const FULL = {
  schemaVersion: 1,
  embedder: './service/embedder.mjs',
  corpus: 'data/corpus.jsonl',
  batchSizes: [8, 32],
  lengths: [64],
  processes: 4,
  analysis: false,
  gate: { maxThroughputDrop: 0.05, failOn: ['throughput'], baselineDir: 'baselines', baseSetup: 'npm ci' },
};

test('a config sets its keys, with paths resolved against its folder', async () => {
  const repo = mkdtempSync(join(tmpdir(), 'embedprof-repo-'));
  writeConfig('embedprof.config.json', FULL, repo);
  const { values, sources } = await resolve('gate', [], repo);
  assert.equal(values.embedder, join(repo, 'service/embedder.mjs'));
  assert.equal(values.corpus, join(repo, 'data/corpus.jsonl'));
  assert.deepEqual([values.batchSizes, values.lengths, values.processes], [[8, 32], [64], 4]);
  assert.equal(values.analysis, false);
  assert.deepEqual([values.maxThroughputDrop, values.failOn], [0.05, ['throughput']]);
  assert.equal(values.baseline, join(repo, 'baselines'));
  assert.equal(values.baseSetup, 'npm ci');
  assert.deepEqual(sources.processes, { kind: 'config', path: 'embedprof.config.json' });
  assert.deepEqual(sources.lengthBatchSize, { kind: 'preset', preset: 'pr' });
  assert.deepEqual(sources.maxMemoryMB, { kind: 'default' });
});

test('a hub id stays a hub id; a ./folder model is resolved', async () => {
  const hub = writeConfig('hub.json', { schemaVersion: 1, model: 'org/name@v2' });
  assert.equal((await resolve('profile', ['--config', hub], dir)).values.model, 'org/name@v2');
  const local = writeConfig('local.json', { schemaVersion: 1, model: './models/m' });
  assert.equal((await resolve('profile', ['--config', local], dir)).values.model, join(dir, 'models/m'));
});

test('flags override the config file, key by key; a flag --model replaces the config’s embedder', async () => {
  const path = writeConfig('override.json', FULL);
  const flags = ['--config', path, '--processes', '2', '--against', 'HEAD~1'];
  const { values, sources } = await resolve('gate', flags, dir);
  assert.equal(values.processes, 2);
  assert.deepEqual(sources.processes, { kind: 'flag' });
  assert.deepEqual(values.batchSizes, [8, 32]);
  assert.equal(values.analysis, false);
  assert.equal(values.against, 'HEAD~1');
  assert.equal(values.baseSetup, 'npm ci');
  assert.equal(values.maxThroughputDrop, 0.05);
  const model = await resolve('profile', ['--config', path, '--model', 'synthetic:all-MiniLM-L6-v2'], dir);
  assert.deepEqual([model.values.model, model.values.embedder], ['synthetic:all-MiniLM-L6-v2', null]);
  await assert.rejects(
    resolve('profile', ['--model', 'a/b', '--embedder', 'e.mjs'], dir),
    /--model and --embedder: expected one of them/,
  );
});

test('./embedprof.config.json is used when present; --no-config ignores it', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'embedprof-cwd-'));
  writeFileSync(join(cwd, 'embedprof.config.json'), JSON.stringify({ schemaVersion: 1, lengths: [10] }));
  assert.deepEqual((await resolve('profile', [], cwd)).values.lengths, [10]);
  const skipped = await resolve('profile', ['--no-config', '--lengths', '64'], cwd);
  assert.equal(skipped.configFile, null);
  assert.deepEqual(skipped.values.lengths, [64]);
  assert.deepEqual((await resolve('profile', ['--no-config'], cwd)).values.lengths, [10, 64, 256, 1024]);
});

test('a bad value in the config file names the file and its key', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'embedprof-cwd-'));
  writeFileSync(join(cwd, 'embedprof.config.json'), JSON.stringify({ schemaVersion: 1, processes: 0 }));
  await assert.rejects(resolve('profile', [], cwd), /embedprof\.config\.json.*processes/s);
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
  await assert.rejects(resolve('profile', ['--config'], dir), /--config/);
  await assert.rejects(resolve('profile', ['--config', 'nope.json'], dir), /--config nope\.json/);
});

test('gate measures the pr plan by default, profile the quick map; a config or flag preset beats both', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'embedprof-plan-'));
  const gate = await resolve('gate', ['--no-config'], empty);
  assert.equal(gate.values.preset, 'pr');
  assert.deepEqual(gate.sources.preset, { kind: 'face', reason: 'the gate command' });
  assert.deepEqual(gate.values.batchSizes, [8, 32, 128]);
  assert.deepEqual(gate.values.lengths, [10, 256]);
  assert.equal(gate.values.processes, 4);
  assert.equal(gate.values.analysis, false, 'a pull request gate runs no analysis by default');
  assert.equal(gate.values.timeBudgetSeconds, 180);
  assert.equal(gate.values.stopRule, 'aggregate');
  const profile = await resolve('profile', ['--no-config'], empty);
  assert.equal(profile.values.preset, 'quick');
  assert.equal(profile.values.analysis, true);
  const chosen = await resolve('gate', ['--no-config', '--preset', 'quick'], empty);
  assert.equal(chosen.values.preset, 'quick');
  assert.equal(chosen.values.timeBudgetSeconds, 600);
  writeConfig('embedprof.config.json', { schemaVersion: 1, preset: 'full' }, empty);
  assert.equal((await resolve('gate', [], empty)).values.preset, 'full');
});
