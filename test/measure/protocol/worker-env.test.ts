/**
 * User code runs in the workers: it gets no credential of any kind, and what it prints reaches neither the
 * CLI's stdout nor the runner as a workflow command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { buildWorkerEnv, relayWorkerOutput } from '../../../src/measure/protocol/ipc/worker-env.js';
import { testCacheDir } from '../../helpers/run-cli.js';

const SECRETS = {
  GITHUB_TOKEN: 'ghs_secret1',
  GH_TOKEN: 'ghp_secret2',
  HF_TOKEN: 'hf_secret3',
  HUGGING_FACE_HUB_TOKEN: 'hf_secret4',
  ACTIONS_RUNTIME_TOKEN: 'secret5',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'secret6',
  'INPUT_GITHUB-TOKEN': 'ghs_secret7',
};

test('the worker environment keeps everything but credentials and the action’s inputs', () => {
  const env = buildWorkerEnv({ ...SECRETS, PATH: '/bin', HOME: '/h', EMBEDPROF_CACHE_DIR: '/c' });
  assert.deepEqual(env, {
    ORT_DISABLE_TELEMETRY: '1',
    PATH: '/bin',
    HOME: '/h',
    EMBEDPROF_CACHE_DIR: '/c',
    EMBEDPROF_LOCKSTEP: '0',
  });
});

test('a worker that takes turns (duet mode) is told so, so a user’s own ORT session can stop spin-waiting', () => {
  assert.equal(buildWorkerEnv({ EMBEDPROF_LOCKSTEP: '1' }, false).EMBEDPROF_LOCKSTEP, '0');
  assert.equal(buildWorkerEnv({}, true).EMBEDPROF_LOCKSTEP, '1');
});

test('worker output is relayed line by line behind a prefix', async () => {
  const source = new PassThrough();
  const sink = new PassThrough();
  let text = '';
  sink.on('data', (chunk: Buffer) => (text += chunk.toString()));
  relayWorkerOutput(source, sink);
  source.write('::warning::x\npart');
  source.end('ial\n::error::');
  await new Promise((done) => source.on('end', done));
  assert.equal(text, '[embedder] ::warning::x\n[embedder] partial\n[embedder] ::error::\n');
});

test('an embedder that dumps process.env finds no token, and its stdout stays out of the CLI’s', () => {
  const dir = mkdtempSync(join(tmpdir(), 'embedprof-nosy-'));
  const args = ['profile', '--embedder', 'test/fixtures/embedders/nosy-embedder.mjs', '--batch-sizes', '8'];
  const flags = [
    '--lengths',
    '10',
    '--processes',
    '1',
    '--no-analysis',
    '--no-config',
    '--out',
    join(dir, 'out'),
  ];
  const result = spawnSync(process.execPath, ['build/src/faces/cli/main.js', ...args, ...flags], {
    encoding: 'utf8',
    env: {
      ...process.env,
      ...SECRETS,
      EMBEDPROF_ENV_DUMP: join(dir, 'env'),
      EMBEDPROF_CACHE_DIR: testCacheDir,
      CI: 'true',
    },
  });
  assert.equal(result.status, 0, result.stderr);
  const dumps = readdirSync(dir).filter((name) => name.startsWith('env.'));
  assert.ok(dumps.length >= 2, `every worker ran the embedder: ${dumps.join(', ')}`);
  for (const name of dumps) {
    const text = readFileSync(join(dir, name), 'utf8');
    for (const [variable, secret] of Object.entries(SECRETS)) {
      assert.ok(!text.includes(secret), `${variable} reached the embedder`);
    }
  }
  assert.ok(!result.stdout.includes('::warning::'), result.stdout);
  assert.match(result.stderr, /^\[embedder\] ::warning::printed by the embedder$/m);
});
