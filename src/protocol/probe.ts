import * as ort from 'onnxruntime-node';
import { buildProbeModel } from '../onnx/probe-graph.js';
import type { ProbeSpec } from './worker-job.js';

const PROBE_SEED = 7;

/** One stretch of probe runs: the FLOPs done and the time they took. */
export interface ProbeReading {
  flops: number;
  ms: number;
}

export interface Probe {
  /** Runs the probe at least once and until about `targetMs` have passed. */
  runFor(targetMs: number): Promise<ProbeReading>;
  release(): Promise<void>;
}

/**
 * The calibration probe: one MatMul X[M,K]·W[K,N] in the model's dtype (the q8 probe uses the same dynamic
 * quantization kernels as the q8 model), on the same threads, in the same process as the cell. The worker
 * runs it between measured batches, so each batch has a probe reading from the same seconds.
 */
export async function createProbe(spec: ProbeSpec): Promise<Probe> {
  const { bytes, flops, inputName } = buildProbeModel(
    spec.dtype,
    { m: spec.m, k: spec.k, n: spec.n },
    PROBE_SEED,
  );
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: spec.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  const data = new Float32Array(spec.m * spec.k);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 0.5;
  const feeds = { [inputName]: new ort.Tensor('float32', data, [spec.m, spec.k]) };
  for (let i = 0; i < 3; i++) await session.run(feeds);
  return {
    async runFor(targetMs) {
      const start = performance.now();
      let runs = 0;
      do {
        await session.run(feeds);
        runs++;
      } while (performance.now() - start < targetMs);
      return { flops: runs * flops, ms: performance.now() - start };
    },
    release: () => session.release(),
  };
}

/** GFLOP/s over a set of readings (total work over total time). */
export function computeProbeGflops(readings: ProbeReading[]): number {
  const flops = readings.reduce((sum, r) => sum + r.flops, 0);
  const ms = readings.reduce((sum, r) => sum + r.ms, 0);
  return ms > 0 ? flops / (ms / 1000) / 1e9 : Number.NaN;
}
