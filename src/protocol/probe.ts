import * as ort from 'onnxruntime-node';
import { findArchitecture } from '../onnx/architectures.js';
import { buildBertModel } from '../onnx/bert-graph.js';
import { buildProbeModel } from '../onnx/probe-graph.js';
import { computeMedian } from '../stats/index.js';
import type { ProbeSpec } from './worker-job.js';

const PROBE_SEED = 7;

/**
 * The reference encoder: a fixed 2-layer MiniLM-shaped BERT (hidden 384, 12 heads, 1536, vocabulary 1,000)
 * owned by embedprof, run on a fixed batch of 8 × 24 tokens in the model's dtype. It exercises the same kernel
 * mix as an embedding model (many small ops, thread synchronization, int8 or fp32 MatMuls), so it slows down
 * with the machine's regimes as the model does — and it never changes with the pull request under test.
 */
export const REFERENCE_ENCODER = { layers: 2, vocabSize: 1000, batch: 8, tokens: 24 } as const;

/** One stretch of probe runs: MatMul FLOPs and time (the ceiling), reference sequences and time. */
export interface ProbeReading {
  flops: number;
  ms: number;
  referenceSequences: number;
  referenceMs: number;
}

export interface Probe {
  /** One reading of each probe: a block of reference-encoder runs, then a block of MatMul runs (timeBlock). */
  read(targetMs: number): Promise<ProbeReading>;
  release(): Promise<void>;
}

type Feeds = Record<string, ort.Tensor>;

/** The probe's two ONNX models, built once by the parent and sent to every worker (building them takes ~0.3 s). */
export interface ProbeModels {
  reference: Uint8Array;
  matmul: Uint8Array;
  matmulFlops: number;
  matmulInput: string;
}

export function buildProbeModels(spec: Omit<ProbeSpec, 'models' | 'threads'>): ProbeModels {
  const matmul = buildProbeModel(spec.dtype, { m: spec.m, k: spec.k, n: spec.n }, PROBE_SEED);
  const architecture = { ...findArchitecture('all-MiniLM-L6-v2'), ...REFERENCE_ENCODER, maxPositions: 64 };
  return {
    reference: buildBertModel(architecture, spec.dtype, PROBE_SEED),
    matmul: matmul.bytes,
    matmulFlops: matmul.flops,
    matmulInput: matmul.inputName,
  };
}

/**
 * A block of runs of one session: `discard` untimed runs first (right after another session ran, the first runs
 * are up to 3× slower while its threads spin down), then ≥ 3 timed runs and ≥ targetMs. The block's time is
 * runs × the median run, so one slow run does not move it.
 */
async function timeBlock(session: ort.InferenceSession, feeds: Feeds, targetMs: number, discard: number) {
  for (let i = 0; i < discard; i++) await session.run(feeds);
  const start = performance.now();
  const times: number[] = [];
  while (times.length < 3 || performance.now() - start < targetMs) {
    const before = performance.now();
    await session.run(feeds);
    times.push(performance.now() - before);
  }
  return { runs: times.length, ms: times.length * computeMedian(times) };
}

export async function createProbe(spec: ProbeSpec): Promise<Probe> {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    intraOpNumThreads: spec.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  };
  const { models } = spec;
  const matmulSession = await ort.InferenceSession.create(models.matmul, options);
  const data = new Float32Array(spec.m * spec.k).map((_, i) => Math.sin(i * 0.37) * 0.5);
  const matmulFeeds = { [models.matmulInput]: new ort.Tensor('float32', data, [spec.m, spec.k]) };
  const referenceSession = await ort.InferenceSession.create(models.reference, options);
  const referenceFeeds = createReferenceFeeds();
  return {
    async read(targetMs) {
      const reference = await timeBlock(referenceSession, referenceFeeds, targetMs / 2, 2);
      const product = await timeBlock(matmulSession, matmulFeeds, targetMs / 2, 1);
      return {
        flops: product.runs * models.matmulFlops,
        ms: product.ms,
        referenceSequences: reference.runs * REFERENCE_ENCODER.batch,
        referenceMs: reference.ms,
      };
    },
    release: async () => {
      await matmulSession.release();
      await referenceSession.release();
    },
  };
}

function createReferenceFeeds(): Feeds {
  const { batch, tokens, vocabSize } = REFERENCE_ENCODER;
  const dims = [batch, tokens];
  const ids = new BigInt64Array(batch * tokens).map((_, i) => BigInt(100 + ((i * 37) % (vocabSize - 100))));
  return {
    input_ids: new ort.Tensor('int64', ids, dims),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(batch * tokens).fill(1n), dims),
    token_type_ids: new ort.Tensor('int64', new BigInt64Array(batch * tokens), dims),
  };
}

/** The median, or NaN when no reading counted (a process whose probe never ran). */
function median(values: number[]): number {
  return values.length === 0 ? Number.NaN : computeMedian(values);
}

/** The process's MatMul score (the ceiling for MFU): the median of its readings' GFLOP/s. */
export function computeProbeGflops(readings: ProbeReading[]): number {
  return median(readings.filter((r) => r.ms > 0).map((r) => r.flops / (r.ms / 1000) / 1e9));
}

/** The process's calibration score for normalization: reference-encoder sequences per second (median). */
export function computeReferenceScore(readings: ProbeReading[]): number {
  return median(
    readings.filter((r) => r.referenceMs > 0).map((r) => r.referenceSequences / (r.referenceMs / 1000)),
  );
}
