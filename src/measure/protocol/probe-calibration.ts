/**
 * The calibration probe's parts that the parent process owns: the models it builds once for every worker, the
 * spec a cell job carries, and the scores it computes from the readings workers send back (worker/probe.ts runs
 * the probe).
 */
import type { OrtSpinning } from '../engine/onnx-session.js';
import { findArchitecture } from '../onnx/architectures.js';
import { buildBertModel } from '../onnx/bert-graph.js';
import { buildProbeModel } from '../onnx/probe-graph.js';
import type { Dtype } from '../../ground/schema/common-schema.js';
import { computeMedian } from '../../ground/stats/index.js';

export const PROBE_SEED = 7;

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

/**
 * The probe's two ONNX models, built once by the parent (~0.3 s): file paths in the cache folder
 * (probe-model-files.ts), or the bytes themselves when the cache cannot hold them.
 */
export interface ProbeModels {
  reference: string | Uint8Array;
  matmul: string | Uint8Array;
  matmulFlops: number;
  matmulInput: string;
}

/** The probe a cell job runs after its batches: the matrix shape, the dtype and threads, the built models. */
export interface ProbeSpec {
  dtype: Dtype;
  m: number;
  k: number;
  n: number;
  threads: number;
  spinning: OrtSpinning;
  /** The models, built once by the parent (buildProbeModels). */
  models: ProbeModels;
}

export function buildProbeModels(spec: Omit<ProbeSpec, 'models' | 'threads' | 'spinning'>): ProbeModels {
  const matmul = buildProbeModel(spec.dtype, { m: spec.m, k: spec.k, n: spec.n }, PROBE_SEED);
  const architecture = { ...findArchitecture('all-MiniLM-L6-v2'), ...REFERENCE_ENCODER, maxPositions: 64 };
  return {
    reference: buildBertModel(architecture, spec.dtype, PROBE_SEED),
    matmul: matmul.bytes,
    matmulFlops: matmul.flops,
    matmulInput: matmul.inputName,
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
