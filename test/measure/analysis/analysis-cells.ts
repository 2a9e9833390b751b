/**
 * Builds valid batch cells from a few per-process values, for the analysis tests. Distributions carry the
 * samples and cheap summaries; no interval is computed.
 */
import type { BatchCell, MeasuredBatchCell, ProcessSample } from '../../../src/ground/schema/cell-schema.js';
import type { Distribution } from '../../../src/ground/schema/common-schema.js';

export interface TestCellSpec {
  batchSize: number;
  textsPerSecond: number[];
  peakMB: number[];
  afterLoadMB?: number[];
  p95Ms?: number;
  tokens?: { realPerBatch: number; paddedPerBatch: number } | null;
}

function toDistribution(samples: number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return {
    n: samples.length,
    median,
    mean: samples.reduce((sum, value) => sum + value, 0) / samples.length,
    min: sorted[0] ?? 0,
    max: sorted.at(-1) ?? 0,
    cv: 0,
    ci95: { kind: 'undetermined', reason: 'not computed in tests' },
    samples,
    outlierIndices: [],
  };
}

function toProcess(spec: TestCellSpec, index: number): ProcessSample {
  const textsPerSecond = spec.textsPerSecond[index] ?? 1;
  return {
    round: index,
    textsPerSecond,
    tokensPerSecond: null,
    probeGflops: 50,
    referenceScore: 100,
    normalizedThroughput: textsPerSecond / 50,
    mfu: null,
    warmupBatches: 3,
    warmupSteady: true,
    measuredBatches: 10,
    measuredSeconds: 2,
    batchLatenciesMs: [10, 11, 12],
    stages: { tokenizeMs: 1, inferenceMs: 10, poolingMs: 0.1, otherMs: 0.1 },
    memory: {
      baselineMB: 70,
      afterLoadMB: spec.afterLoadMB?.[index] ?? 150,
      steadyStateMB: 160,
      peakMB: spec.peakMB[index] ?? 0,
      peakSource: 'vmhwm',
    },
  };
}

function toTokens(spec: TestCellSpec): MeasuredBatchCell['tokens'] {
  if (spec.tokens === undefined || spec.tokens === null) return null;
  const { realPerBatch, paddedPerBatch } = spec.tokens;
  return { realPerBatch, paddedPerBatch, paddingShare: 1 - realPerBatch / paddedPerBatch, truncatedTexts: 0 };
}

export function createMeasuredCell(spec: TestCellSpec): MeasuredBatchCell {
  const processes = spec.textsPerSecond.map((_, index) => toProcess(spec, index));
  const p95Ms = spec.p95Ms ?? 20;
  return {
    batchSize: spec.batchSize,
    status: 'measured',
    textsPerBatch: spec.batchSize,
    batchesPerProcess: 10,
    throughput: toDistribution(spec.textsPerSecond),
    tokensPerSecond: null,
    normalizedThroughput: toDistribution(processes.map((process) => process.normalizedThroughput)),
    mfu: null,
    latency: {
      p50Ms: p95Ms * 0.8,
      p95Ms,
      p99Ms: p95Ms * 1.1,
      meanMs: p95Ms * 0.85,
      perTextMs: p95Ms / spec.batchSize,
    },
    peakMemoryMB: toDistribution(spec.peakMB),
    tokens: toTokens(spec),
    stageShares: { tokenize: 0.1, inference: 0.85, pooling: 0.03, other: 0.02 },
    processes,
  };
}

export function createSkippedCell(batchSize: number, detail: string): BatchCell {
  return { batchSize, status: 'skipped', reason: 'memory-cap', detail };
}

export function createFailedCell(batchSize: number, error: string): BatchCell {
  return { batchSize, status: 'failed', error };
}
