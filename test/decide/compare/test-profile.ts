/**
 * Builds valid profile.json objects from per-process values, for comparison tests and simulations. The
 * distributions carry the samples (all a comparison reads) and cheap summaries; no interval is computed.
 */
import type { CellKey } from '../../../src/ground/schema/cell-key.js';
import type { BatchCell, LengthCell, ProcessSample } from '../../../src/ground/schema/cell-schema.js';
import type { Distribution } from '../../../src/ground/schema/common-schema.js';
import type { Profile } from '../../../src/measure/protocol/profile-schema.js';
import type { Environment, ModelInfo } from '../../../src/ground/schema/profile-sections-schema.js';

export interface TestProcess {
  textsPerSecond: number;
  probeGflops: number;
  peakMB: number;
  latenciesMs: number[];
}

export interface TestCell {
  key: CellKey;
  processes: TestProcess[];
}

export interface TestProfileOptions {
  environment?: Partial<Environment>;
  model?: Partial<ModelInfo>;
  createdAt?: string;
}

function toTestDistribution(samples: number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return {
    n: samples.length,
    median,
    mean,
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    cv: 0,
    ci95: { kind: 'undetermined', reason: 'not computed in tests' },
    samples,
    outlierIndices: [],
  };
}

function toProcessSample(process: TestProcess, round: number): ProcessSample {
  const seconds = 2;
  return {
    round,
    textsPerSecond: process.textsPerSecond,
    tokensPerSecond: null,
    probeGflops: process.probeGflops,
    // in tests one score plays both roles: the MatMul ceiling and the regime-tracking calibration score
    referenceScore: process.probeGflops,
    normalizedThroughput: process.textsPerSecond / process.probeGflops,
    mfu: null,
    warmupBatches: 3,
    warmupSteady: true,
    measuredBatches: process.latenciesMs.length,
    measuredSeconds: seconds,
    batchLatenciesMs: process.latenciesMs,
    stages: { tokenizeMs: 1, inferenceMs: 10, poolingMs: 0.1, otherMs: 0.1 },
    memory: {
      baselineMB: 70,
      afterLoadMB: 130,
      steadyStateMB: 140,
      peakMB: process.peakMB,
      peakSource: 'vmhwm',
    },
  };
}

function toMeasuredBody(cell: TestCell) {
  const processes = cell.processes.map(toProcessSample);
  return {
    status: 'measured' as const,
    textsPerBatch: cell.key.batchSize,
    batchesPerProcess: 5,
    throughput: toTestDistribution(processes.map((p) => p.textsPerSecond)),
    tokensPerSecond: null,
    normalizedThroughput: toTestDistribution(processes.map((p) => p.normalizedThroughput)),
    mfu: null,
    latency: { p50Ms: 10, p95Ms: 12, p99Ms: 13, meanMs: 10, perTextMs: 1 },
    peakMemoryMB: toTestDistribution(processes.map((p) => p.memory.peakMB)),
    tokens: null,
    stageShares: { tokenize: 0.1, inference: 0.88, pooling: 0.01, other: 0.01 },
    processes,
  };
}

export const TEST_ENVIRONMENT: Environment = {
  cpuModel: 'AMD EPYC 7B13',
  logicalCores: 2,
  isaFlags: ['avx2', 'avx512f', 'avx512_vnni'],
  totalMemoryMB: 24000,
  os: 'linux',
  arch: 'x64',
  node: '20.20.0',
  onnxruntime: '1.30.0',
  threads: 2,
  ci: false,
};

const TEST_MODEL: ModelInfo = {
  spec: 'synthetic:all-MiniLM-L6-v2',
  source: 'synthetic',
  dtype: 'q8',
  onnxPath: null,
  sha256: 'abc123',
  parameters: 22_700_000,
  denseFlopsPerToken: 43_000_000,
  attentionFlopsPerTokenPerPosition: 9216,
  hiddenSize: 384,
  maxTokens: 256,
  maxTokensSource: 'preset',
  tokenizer: 'builtin-hash',
};

/** A valid Profile whose cells hold exactly the given processes. */
export function buildTestProfile(cells: readonly TestCell[], options: TestProfileOptions = {}): Profile {
  const batchSweep: BatchCell[] = [];
  const lengthSweep: LengthCell[] = [];
  for (const cell of cells) {
    const body = toMeasuredBody(cell);
    if (cell.key.sweep === 'batch') batchSweep.push({ batchSize: cell.key.batchSize, ...body });
    else lengthSweep.push({ chars: cell.key.chars, batchSize: cell.key.batchSize, ...body });
  }
  const probes = cells.flatMap((cell) => cell.processes.map((p) => p.probeGflops));
  return {
    schemaVersion: 1,
    tool: { name: 'embedprof', version: '0.1.0' },
    createdAt: options.createdAt ?? '2026-11-24T10:00:00.000Z',
    wallSeconds: 100,
    environment: { ...TEST_ENVIRONMENT, ...options.environment },
    calibration: {
      kind: 'reference-encoder+matmul',
      reference: { layers: 2, vocabSize: 1000, batch: 8, tokens: 24 },
      referenceScore: probes.length === 0 ? null : toTestDistribution(probes.map(() => 100)),
      dtype: 'q8',
      shape: { m: 512, k: 384, n: 1536 },
      flopsPerRun: 2 * 512 * 384 * 1536,
      gflops: probes.length === 0 ? null : toTestDistribution(probes),
      ceiling: null,
    },
    model: { ...TEST_MODEL, ...options.model },
    corpus: { source: 'builtin', format: 'builtin', texts: 100, sha256: 'def', meanChars: 80 },
    config: {
      preset: 'quick',
      batchSizes: batchSweep.map((cell) => cell.batchSize),
      lengths: lengthSweep.map((cell) => cell.chars),
      lengthBatchSize: 32,
      processesPerCell: 3,
      minMeasuredBatches: 5,
      minMeasuredSeconds: 1,
      maxWarmupBatches: 10,
      threads: 2,
      graphOptimization: 'all',
      maxMemoryMB: 4096,
      latencySloMs: null,
      analysis: false,
      seed: 1,
      shard: null,
    },
    batchSweep,
    lengthSweep,
    memory: {
      baselineMB: 70,
      afterLoadMB: 130,
      modelMB: 60,
      steadyStateMB: 140,
      peakMB: 200,
      readings: { baseline: testReading(70), afterLoad: testReading(130), steadyState: testReading(140) },
      perBatch: [],
      growthPerText: { kind: 'undetermined', reason: 'test profile' },
      growthPerToken: { kind: 'undetermined', reason: 'test profile' },
      capMB: 4096,
      leak: { verdict: 'not-run', reason: 'test profile' },
    },
    hotspots: { operators: null, instrumentationOverhead: null, cpuProfile: null, stageShares: [] },
    padding: { perBatch: [], bucketing: null },
    experiments: { truncation: [], threads: null, dtype: null },
    recommendations: [],
    warnings: [],
  };
}

function testReading(rssMB: number) {
  return { rssMB, heapUsedMB: 6, externalMB: 2, arrayBuffersMB: 1, nativeMB: rssMB - 8 };
}

/** A process with the given throughput; the rest derived (probe 200 GFLOP/s, latencies from batch size). */
export function createTestProcess(
  textsPerSecond: number,
  batchSize: number,
  peakMB = 200,
  probeGflops = 200,
): TestProcess {
  const batchMs = (1000 * batchSize) / textsPerSecond;
  return {
    textsPerSecond,
    probeGflops,
    peakMB,
    latenciesMs: [batchMs, batchMs * 1.01, batchMs * 0.99, batchMs * 1.05],
  };
}
