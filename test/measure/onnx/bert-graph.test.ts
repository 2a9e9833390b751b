import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { architectures, findArchitecture } from '../../../src/measure/onnx/architectures.js';
import { buildBertModel } from '../../../src/measure/onnx/bert-graph.js';
import { analyzeModel } from '../../../src/measure/onnx/graph-analysis.js';
import type { ModelDtype } from '../../../src/measure/onnx/weight-ops.js';
import { batch, cosine, createSession, idRows, meanPool, runEncoder, sequence } from './encoder-harness.js';

const miniLm = findArchitecture('all-MiniLM-L6-v2');
const MB = 1e6;

/** Bytes per parameter explain the sizes: 4 in fp32, ≈ 1 in q8 (plus fp32 biases and norms). */
const expectedSizes: Record<ModelDtype, [number, number]> = {
  fp32: [89 * MB, 92 * MB],
  q8: [22 * MB, 24 * MB],
};

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function assertFinite(data: Float32Array): void {
  const bad = data.findIndex((value) => !Number.isFinite(value));
  assert.equal(bad, -1, `non-finite value at ${bad}`);
}

test('all-MiniLM-L6-v2: fp32 and q8 run, have the expected sizes, and agree after mean pooling', async () => {
  const pooled: Partial<Record<ModelDtype, Float32Array[]>> = {};
  for (const dtype of ['fp32', 'q8'] as const) {
    const started = performance.now();
    const bytes = buildBertModel(miniLm, dtype, 42);
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seconds < 10, `generation took ${seconds.toFixed(1)} s`);
    const [low, high] = expectedSizes[dtype];
    assert.ok(bytes.length > low && bytes.length < high, `${dtype} size ${bytes.length}`);

    const output = await runEncoder(bytes);
    assert.deepEqual(output.dims, [batch, sequence, miniLm.hiddenSize]);
    assertFinite(output.data);
    pooled[dtype] = meanPool(output, miniLm.hiddenSize);
  }
  const [fp32, q8] = [pooled.fp32, pooled.q8];
  assert.ok(fp32 !== undefined && q8 !== undefined);
  for (let row = 0; row < batch; row++) {
    const similarity = cosine(fp32[row] ?? new Float32Array(), q8[row] ?? new Float32Array());
    assert.ok(similarity > 0.9, `row ${row}: cosine ${similarity}`);
  }
  // Different sentences must not collapse onto one vector.
  assert.ok(cosine(fp32[0] ?? new Float32Array(), fp32[1] ?? new Float32Array()) < 0.999);
});

// fp32: in q8, DynamicQuantizeLinear takes one range over the whole batch, so batch-mates shift values a little.
test('padding is masked: a padded row equals the same tokens run alone (fp32)', async () => {
  const bytes = buildBertModel(miniLm, 'fp32', 42);
  const padded = await runEncoder(bytes);
  const tokens = idRows[1]?.slice(0, 4) ?? [];
  const alone = await runEncoder(bytes, [tokens], [tokens.map(() => 1)]);
  const h = miniLm.hiddenSize;
  const rowStart = sequence * h;
  let worst = 0;
  for (let index = 0; index < tokens.length * h; index++) {
    worst = Math.max(worst, Math.abs((padded.data[rowStart + index] ?? 0) - (alone.data[index] ?? 0)));
  }
  assert.ok(worst < 1e-3, `max difference ${worst}`);
});

test('the preset and the seed fully determine the bytes', () => {
  for (const dtype of ['fp32', 'q8'] as const) {
    const first = sha256(buildBertModel(miniLm, dtype, 42));
    assert.equal(sha256(buildBertModel(miniLm, dtype, 42)), first, `${dtype} rebuild differs`);
    assert.notEqual(sha256(buildBertModel(miniLm, dtype, 43)), first, `${dtype} ignores the seed`);
  }
});

test('the 12-layer presets build and run in both dtypes', async () => {
  for (const arch of architectures.filter((candidate) => candidate.layers === 12)) {
    for (const dtype of ['fp32', 'q8'] as const) {
      const bytes = buildBertModel(arch, dtype, 1);
      const output = await runEncoder(bytes);
      assert.deepEqual(output.dims, [batch, sequence, arch.hiddenSize], `${arch.name} ${dtype}`);
      assertFinite(output.data);
      const perLayer = dtype === 'fp32' ? 7.1 * MB : 1.8 * MB;
      assert.ok(
        bytes.length > 6 * perLayer + (dtype === 'fp32' ? 47 * MB : 11 * MB),
        `${arch.name} ${dtype} too small`,
      );
    }
  }
});

test('ONNX Runtime applies the same fusions as on a Hugging Face export', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'embedprof-fusion-'));
  try {
    const fused: Partial<Record<ModelDtype, Record<string, number>>> = {};
    for (const dtype of ['fp32', 'q8'] as const) {
      const optimizedModelFilePath = join(dir, `${dtype}.onnx`);
      const session = await createSession(buildBertModel(miniLm, dtype, 42), {
        optimizedModelFilePath,
        logSeverityLevel: 3,
      });
      await session.release();
      fused[dtype] = analyzeModel(
        readFileSync(optimizedModelFilePath),
        optimizedModelFilePath,
      ).operatorCounts;
    }
    // Attention and EmbedLayerNormalization stay unfused, as on a real torch export (see bert-graph.ts).
    const layers = miniLm.layers;
    assert.equal(fused.fp32?.['com.microsoft.SkipLayerNormalization'], 2 * layers);
    assert.equal(fused.fp32?.['com.microsoft.BiasGelu'], layers);
    assert.equal(fused.q8?.['com.microsoft.SkipLayerNormalization'], 2 * layers);
    // Q, K and V share one DynamicQuantizeLinear (MatMulIntegerToFloat); the other three fuse it in.
    assert.equal(fused.q8?.['com.microsoft.MatMulIntegerToFloat'], 3 * layers);
    assert.equal(fused.q8?.['com.microsoft.DynamicQuantizeMatMul'], 3 * layers);
    assert.equal(fused.q8?.['MatMulInteger'], undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
