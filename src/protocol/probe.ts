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
  /**
   * One reading: a discarded run (the probe session's threads may be asleep after the model's batch), then
   * at least two timed runs and until about `targetMs` have passed.
   */
  read(targetMs: number): Promise<ProbeReading>;
  release(): Promise<void>;
}

/**
 * The calibration probe: one MatMul X[M,K]·W[K,N] in the model's dtype (the q8 probe uses the same dynamic
 * quantization kernels as the q8 model), on the same threads, in the same process as the cell. The worker
 * reads it at intervals between measured batches, so the readings come from the same seconds as the batches.
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
    async read(targetMs) {
      await session.run(feeds);
      const start = performance.now();
      let runs = 0;
      do {
        await session.run(feeds);
        runs++;
      } while (runs < 2 || performance.now() - start < targetMs);
      return { flops: runs * flops, ms: performance.now() - start };
    },
    release: () => session.release(),
  };
}

/** GFLOP/s of one reading. */
export function computeReadingGflops(reading: ProbeReading): number {
  return reading.ms > 0 ? reading.flops / (reading.ms / 1000) / 1e9 : Number.NaN;
}

/** The process's probe score: the median of its readings' GFLOP/s (robust to one disturbed reading). */
export function computeProbeGflops(readings: ProbeReading[]): number {
  if (readings.length === 0) return Number.NaN;
  const values = readings.map(computeReadingGflops).sort((a, b) => a - b);
  const middle = Math.floor(values.length / 2);
  return values.length % 2 === 1
    ? (values[middle] ?? Number.NaN)
    : ((values[middle - 1] ?? Number.NaN) + (values[middle] ?? Number.NaN)) / 2;
}
