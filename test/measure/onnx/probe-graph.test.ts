import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { UsageError } from '../../../src/ground/errors.js';
import { buildProbeModel } from '../../../src/measure/onnx/probe-graph.js';
import { SeededWeights } from '../../../src/measure/onnx/seeded-weights.js';

const shape = { m: 64, k: 96, n: 128 };

/** X·W computed in JavaScript, to check what ONNX Runtime returns. */
function multiply(x: Float32Array, seed: number): Float64Array {
  const w = new SeededWeights(seed).normal('probe.weight', shape.k * shape.n, 0.02);
  const y = new Float64Array(shape.m * shape.n);
  for (let row = 0; row < shape.m; row++) {
    for (let inner = 0; inner < shape.k; inner++) {
      const a = x[row * shape.k + inner] ?? 0;
      for (let col = 0; col < shape.n; col++) {
        const index = row * shape.n + col;
        y[index] = (y[index] ?? 0) + a * (w[inner * shape.n + col] ?? 0);
      }
    }
  }
  return y;
}

function relativeRmsError(expected: Float64Array, actual: Float32Array): number {
  let error = 0;
  let norm = 0;
  expected.forEach((value, index) => {
    error += (value - (actual[index] ?? Number.NaN)) ** 2;
    norm += value ** 2;
  });
  return Math.sqrt(error / norm);
}

function findOpNames(profilePath: string): Set<string> {
  const events: unknown = JSON.parse(readFileSync(profilePath, 'utf8'));
  const names = new Set<string>();
  if (!Array.isArray(events)) return names;
  for (const event of events) {
    const args: unknown =
      typeof event === 'object' && event !== null ? Reflect.get(event, 'args') : undefined;
    const op: unknown = typeof args === 'object' && args !== null ? Reflect.get(args, 'op_name') : undefined;
    if (typeof op === 'string') names.add(op);
  }
  return names;
}

test('both probes compute X·W, and the q8 one runs the fused dynamic-quantization kernel', async () => {
  const x = Float32Array.from({ length: shape.m * shape.k }, (_, i) => Math.sin(i * 0.37) * 0.5);
  const expected = multiply(x, 7);
  const dir = mkdtempSync(join(tmpdir(), 'embedprof-probe-'));
  try {
    for (const dtype of ['fp32', 'q8'] as const) {
      const probe = buildProbeModel(dtype, shape, 7);
      assert.equal(probe.flops, 2 * shape.m * shape.k * shape.n);
      const session = await ort.InferenceSession.create(probe.bytes, {
        intraOpNumThreads: 2,
        graphOptimizationLevel: 'all',
        enableProfiling: true,
        profileFilePrefix: join(dir, dtype),
      });
      const result = await session.run({
        [probe.inputName]: new ort.Tensor('float32', x, [shape.m, shape.k]),
      });
      session.endProfiling();
      await session.release();

      const y = result[probe.outputName]?.data;
      assert.ok(y instanceof Float32Array && y.length === expected.length);
      // q8: ORT's u8·s8 kernel adds pairs of products in saturating int16 (as for every model quantized with
      // QInt8 weights and reduce_range off), so the error is a few percent, not the 8-bit rounding alone.
      const tolerance = dtype === 'fp32' ? 1e-5 : 0.15;
      assert.ok(
        relativeRmsError(expected, y) < tolerance,
        `${dtype}: relative error ${relativeRmsError(expected, y)}`,
      );

      const profile = readdirSync(dir).find((name) => name.startsWith(dtype) && name.endsWith('.json'));
      assert.ok(profile !== undefined, 'no profile written');
      const ops = findOpNames(join(dir, profile));
      assert.ok(
        ops.has(dtype === 'fp32' ? 'MatMul' : 'DynamicQuantizeMatMul'),
        `${dtype} ran ${[...ops].join(', ')}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('probe sizes outside 1..65536 are UsageErrors', () => {
  assert.throws(() => buildProbeModel('fp32', { m: 0, k: 4, n: 4 }, 1), UsageError);
  assert.throws(() => buildProbeModel('q8', { m: 4, k: 1.5, n: 4 }, 1), UsageError);
});
