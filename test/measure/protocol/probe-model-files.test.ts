import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { buildProbeModels } from '../../../src/measure/protocol/probe-calibration.js';
import { locateProbeModels, provideProbeModels } from '../../../src/measure/protocol/probe-model-files.js';
import { PROBE_SHAPE } from '../../../src/measure/protocol/presets.js';

const SHAPE = { dtype: 'fp32' as const, ...PROBE_SHAPE };

test('the probe models are written to the cache once, then reused by path', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'embedprof-probe-cache-'));
  const first = provideProbeModels(SHAPE, cacheDir);
  const files = locateProbeModels(SHAPE, cacheDir);
  assert.equal(first.reference, files.reference);
  assert.equal(first.matmul, files.matmul);
  assert.deepEqual(
    readdirSync(files.dir).sort(),
    ['matmul.onnx', 'reference.onnx'],
    'no temporary file left',
  );
  const built = buildProbeModels(SHAPE);
  assert.equal(first.matmulFlops, built.matmulFlops);
  assert.equal(first.matmulInput, built.matmulInput);
  assert.deepEqual(new Uint8Array(readFileSync(files.matmul)), built.matmul);
  assert.deepEqual(new Uint8Array(readFileSync(files.reference)), built.reference);

  const written = statSync(files.reference).mtimeMs;
  const second = provideProbeModels(SHAPE, cacheDir);
  assert.deepEqual(second, first);
  assert.equal(statSync(files.reference).mtimeMs, written, 'reused, not rewritten');
  const session = await ort.InferenceSession.create(files.matmul);
  assert.deepEqual(session.inputNames, [first.matmulInput]);
  await session.release();
});

test('a q8 probe has a folder of its own', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'embedprof-probe-cache-'));
  assert.notEqual(
    locateProbeModels(SHAPE, cacheDir).dir,
    locateProbeModels({ ...SHAPE, dtype: 'q8' }, cacheDir).dir,
  );
});

test('a cache folder that cannot be written: the models travel as bytes', () => {
  const parent = mkdtempSync(join(tmpdir(), 'embedprof-probe-cache-'));
  const blocked = join(parent, 'not-a-folder');
  writeFileSync(blocked, 'a file where the cache folder should be');
  chmodSync(blocked, 0o444);
  const models = provideProbeModels(SHAPE, blocked);
  assert.ok(models.reference instanceof Uint8Array && models.matmul instanceof Uint8Array);
  assert.deepEqual(models.matmul, buildProbeModels(SHAPE).matmul);
});
