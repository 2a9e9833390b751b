import * as ort from 'onnxruntime-node';
import { buildProbeModel } from '../onnx/probe-graph.js';
import { RuntimeFailure } from '../errors.js';
import type { ProbeSpec } from './worker-job.js';

const PROBE_SEED = 7;

/**
 * The calibration probe: one MatMul X[M,K]·W[K,N] in the model's dtype (the q8 probe uses the same dynamic
 * quantization kernels as the q8 model), on the same thread count, in the same process as the cell it
 * calibrates. Returns GFLOP/s from the median run.
 */
export async function runProbe(spec: ProbeSpec): Promise<number> {
  const { bytes, flops } = buildProbeModel(spec.dtype, { m: spec.m, k: spec.k, n: spec.n }, PROBE_SEED);
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: spec.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  try {
    const inputName = session.inputNames[0];
    if (inputName === undefined) throw new RuntimeFailure('The calibration probe model has no input.');
    const data = new Float32Array(spec.m * spec.k);
    for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 0.5;
    const feeds = { [inputName]: new ort.Tensor('float32', data, [spec.m, spec.k]) };
    for (let i = 0; i < 3; i++) await session.run(feeds);
    const times: number[] = [];
    const start = performance.now();
    while (times.length < spec.minRuns || performance.now() - start < spec.minSeconds * 1000) {
      const t0 = performance.now();
      await session.run(feeds);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const medianMs = times[Math.floor(times.length / 2)] ?? Number.NaN;
    return flops / (medianMs / 1000) / 1e9;
  } finally {
    await session.release();
  }
}
