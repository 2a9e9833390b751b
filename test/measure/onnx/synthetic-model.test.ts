import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../src/ground/errors.js';
import {
  createHfConfig,
  findArchitecture,
  listArchitectureNames,
} from '../../../src/measure/onnx/architectures.js';
import { analyzeModel } from '../../../src/measure/onnx/graph-analysis.js';
import { ensureSyntheticModel, locateSyntheticModel } from '../../../src/measure/onnx/synthetic-model.js';

function withCacheDir(run: (cacheDir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'embedprof-synthetic-'));
    try {
      await run(cacheDir);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  };
}

test(
  'writes a hub-layout folder once, then reuses it',
  withCacheDir(async (cacheDir) => {
    const made = await ensureSyntheticModel({ preset: 'all-MiniLM-L6-v2', dtype: 'q8', cacheDir });
    assert.equal(made.created, true);
    assert.equal(made.dir, join(cacheDir, 'synthetic', 'all-MiniLM-L6-v2-q8-v1'));
    assert.equal(made.onnxPath, join(made.dir, 'onnx', 'model_quantized.onnx'));
    assert.deepEqual(readdirSync(made.dir).sort(), ['config.json', 'onnx']);
    assert.deepEqual(readdirSync(join(made.dir, 'onnx')), ['model_quantized.onnx']);

    const config: unknown = JSON.parse(readFileSync(join(made.dir, 'config.json'), 'utf8'));
    assert.ok(typeof config === 'object' && config !== null);
    for (const [key, value] of Object.entries(createHfConfig(findArchitecture('all-MiniLM-L6-v2')))) {
      assert.deepEqual(Reflect.get(config, key), value, key);
    }
    assert.equal(analyzeModel(readFileSync(made.onnxPath), made.onnxPath).attentionMatMulCount, 12);

    const before = statSync(made.onnxPath).mtimeMs;
    const again = await ensureSyntheticModel({
      preset: 'sentence-transformers/all-MiniLM-L6-v2',
      dtype: 'q8',
      cacheDir,
    });
    assert.deepEqual(again, { ...made, created: false });
    assert.equal(statSync(made.onnxPath).mtimeMs, before);
  }),
);

test(
  'fp32 lands in onnx/model.onnx; a non-default seed gets its own folder',
  withCacheDir(async (cacheDir) => {
    const fp32 = locateSyntheticModel({ preset: 'bge-small-en-v1.5', dtype: 'fp32', cacheDir });
    assert.equal(
      fp32.onnxPath,
      join(cacheDir, 'synthetic', 'bge-small-en-v1.5-fp32-v1', 'onnx', 'model.onnx'),
    );
    const seeded = locateSyntheticModel({ preset: 'bge-small-en-v1.5', dtype: 'fp32', cacheDir, seed: 5 });
    assert.notEqual(seeded.dir, fp32.dir);
  }),
);

test(
  'a failure while writing leaves no partial model and no temporary file',
  withCacheDir(async (cacheDir) => {
    const { onnxPath, dir } = locateSyntheticModel({ preset: 'all-MiniLM-L6-v2', dtype: 'q8', cacheDir });
    mkdirSync(onnxPath, { recursive: true }); // the final rename cannot replace a directory
    await assert.rejects(ensureSyntheticModel({ preset: 'all-MiniLM-L6-v2', dtype: 'q8', cacheDir }));
    assert.ok(statSync(onnxPath).isDirectory());
    assert.deepEqual(readdirSync(join(dir, 'onnx')), ['model_quantized.onnx']);
    assert.ok(
      ![...readdirSync(dir), ...readdirSync(join(dir, 'onnx'))].some((name) => name.endsWith('.tmp')),
    );
  }),
);

test('unknown presets are UsageErrors that list the known ones', async () => {
  await assert.rejects(
    ensureSyntheticModel({ preset: 'gpt-7', dtype: 'fp32', cacheDir: join(tmpdir(), 'never-created') }),
    (error: unknown) =>
      error instanceof UsageError && listArchitectureNames().every((name) => error.message.includes(name)),
  );
  assert.ok(!existsSync(join(tmpdir(), 'never-created')));
});

test('presets carry the published architecture numbers', () => {
  const l12 = findArchitecture('ALL-MINILM-L12-V2');
  assert.equal(l12.layers, 12);
  const bge = findArchitecture('BAAI/bge-small-en-v1.5');
  assert.deepEqual(
    [bge.layers, bge.hiddenSize, bge.heads, bge.intermediateSize, bge.vocabSize, bge.maxPositions],
    [12, 384, 12, 1536, 30522, 512],
  );
  const config = createHfConfig(findArchitecture('all-MiniLM-L6-v2'));
  assert.equal(config['num_hidden_layers'], 6);
  assert.equal(config['layer_norm_eps'], 1e-12);
  assert.equal(config['hidden_act'], 'gelu');
});
