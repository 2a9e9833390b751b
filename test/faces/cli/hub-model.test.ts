import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ensureSyntheticModel } from '../../../src/measure/onnx/synthetic-model.js';
import { profileSchema } from '../../../src/measure/protocol/profile-schema.js';
import { MAIN_COMMIT, startHubServer } from '../../helpers/hub-server.js';
import { testCacheDir } from '../../helpers/run-cli.js';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';

const run = promisify(execFile);

/** The CLI must not block the test process: the loopback hub answers from this same event loop. */
async function profileFromHub(endpoint: string, cacheDir: string, out: string) {
  const args = [
    '--model',
    'acme/mini-embed',
    '--dtype',
    'q8',
    '--hub-endpoint',
    endpoint,
    '--cache-dir',
    cacheDir,
  ];
  const sweep = [
    '--preset',
    'smoke',
    '--batch-sizes',
    '8',
    '--lengths',
    '10',
    '--processes',
    '1',
    '--no-analysis',
    '--quiet',
  ];
  return run(process.execPath, [
    resolve('build/src/faces/cli/main.js'),
    'profile',
    ...args,
    ...sweep,
    '--out',
    out,
  ]);
}

test('profiles a model downloaded from a hub endpoint, and the second run makes no request', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'embedprof-hub-cli-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const repoDir = join(root, 'repo');
  await mkdir(join(repoDir, 'onnx'), { recursive: true });
  const synthetic = await ensureSyntheticModel({
    preset: 'all-MiniLM-L6-v2',
    dtype: 'q8',
    cacheDir: testCacheDir,
  });
  await copyFile(synthetic.onnxPath, join(repoDir, 'onnx', 'model_quantized.onnx'));
  await copyFile(join(synthetic.dir, 'config.json'), join(repoDir, 'config.json'));
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
    await copyFile(join(miniLmTokenizerDir(), file), join(repoDir, file));
  }
  const server = await startHubServer(t, {
    repo: 'acme/mini-embed',
    revisions: [{ name: 'main', commit: MAIN_COMMIT, root: repoDir }],
  });
  const cacheDir = join(root, 'cache');
  await profileFromHub(server.endpoint, cacheDir, join(root, 'out1'));
  const profile = profileSchema.parse(JSON.parse(await readFile(join(root, 'out1', 'profile.json'), 'utf8')));
  assert.equal(profile.model.source, 'hub');
  const served = createHash('sha256')
    .update(await readFile(synthetic.onnxPath))
    .digest('hex');
  assert.equal(profile.model.sha256, served, 'the profiled file is the one the hub served');
  assert.equal(profile.batchSweep[0]?.status, 'measured');
  const firstRequests = server.requests.length;
  assert.ok(firstRequests > 0);
  await profileFromHub(server.endpoint, cacheDir, join(root, 'out2'));
  assert.equal(server.requests.length, firstRequests, 'the cached model is used without a request');
});
