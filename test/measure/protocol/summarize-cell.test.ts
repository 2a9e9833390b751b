import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  summarizeProcesses,
  toProcessSample,
  type CompletedRun,
} from '../../../src/measure/protocol/assemble/summarize-cell.js';
import type { WorkerResult } from '../../../src/measure/protocol/ipc/cell-job.js';

/** A process that ran two batches of 10 texts; `slow` doubles the second batch and its probe reading. */
function reading(rssMB: number) {
  return { rssMB, heapUsedMB: 5, externalMB: 1, arrayBuffersMB: 0.5, nativeMB: rssMB - 6 };
}

function createResult(slow: number): WorkerResult {
  const timing = (ms: number) => ({
    tokenizeMs: ms * 0.1,
    inferenceMs: ms * 0.8,
    poolingMs: ms * 0.1,
    otherMs: 0,
    totalMs: ms,
  });
  const tokens = { real: 60, padded: 100, truncated: 1, sequenceLength: 10 };
  return {
    warmupBatches: 3,
    warmupSteady: true,
    measuredSeconds: (100 + 100 * slow) / 1000,
    timings: [timing(100), timing(100 * slow)],
    tokens: [tokens, tokens],
    probes: [
      { flops: 10e9, ms: 100, referenceSequences: 20, referenceMs: 100 },
      { flops: 10e9, ms: 100 * slow, referenceSequences: 20, referenceMs: 100 * slow },
      { flops: 10e9, ms: 100 * slow, referenceSequences: 20, referenceMs: 100 * slow },
    ],
    textsPerBatch: [10, 10],
    distinctBatches: 2,
    coldStart: { bootMs: 150, loadMs: 400 * slow, firstBatchMs: 120 },
    memory: {
      readings: { baseline: reading(50), afterLoad: reading(120), steadyState: reading(150) },
      baselineMB: 50,
      afterLoadMB: 120,
      steadyStateMB: 150,
      peakMB: 160,
      peakSource: 'vmhwm',
    },
  };
}

const flops = { denseFlopsPerToken: 1e6, attentionFlopsPerTokenPerPosition: 1e4 };

const calibration = { referenceScore: 200, probeGflops: 100, ceilingGflops: 100 };

test('each process keeps its own probe scores; normalized throughput divides by the run calibration', () => {
  const steady = toProcessSample({ round: 0, result: createResult(1) }, flops, calibration);
  const slowed = toProcessSample({ round: 1, result: createResult(2) }, flops, calibration);
  assert.equal(steady.textsPerSecond, 100);
  assert.equal(steady.probeGflops, 100);
  assert.equal(steady.referenceScore, 200, '20 sequences in 100 ms');
  assert.equal(steady.normalizedThroughput, 0.5, '100 texts/s over 200 reference sequences/s');
  assert.ok(Math.abs(slowed.textsPerSecond - 20 / 0.3) < 1e-9, 'raw throughput drops when batches are slow');
  assert.equal(slowed.probeGflops, 50, 'median of 100, 50, 50 GFLOP/s');
  assert.equal(slowed.referenceScore, 100, 'median of 200, 100, 100 sequences/s');
  assert.ok(Math.abs(slowed.normalizedThroughput - 20 / 0.3 / 200) < 1e-12);
});

test('a process sample keeps its cold start in parts and their sum, the time to first embedding', () => {
  const sample = toProcessSample({ round: 0, result: createResult(2) }, flops, calibration);
  assert.deepEqual(sample.coldStart, { bootMs: 150, loadMs: 800, firstBatchMs: 120, totalMs: 1070 });
});

test('MFU counts padded tokens with the attention term at the batch sequence length', () => {
  const sample = toProcessSample({ round: 0, result: createResult(1) }, flops, calibration);
  // 2 batches × 100 padded tokens × (1e6 + 1e4 × 10) FLOPs in 0.2 s, over a 100 GFLOP/s probe
  assert.ok(Math.abs((sample.mfu ?? 0) - (2 * 100 * 1.1e6) / 0.2 / 100e9) < 1e-12);
  assert.equal(sample.tokensPerSecond, 600);
});

test('a cell summary pools processes: stage shares sum to one, padding and truncation counted', () => {
  const runs: CompletedRun[] = [0, 1, 2].map((round) => ({ round, result: createResult(1 + round * 0.01) }));
  const samples = runs.map((run) => toProcessSample(run, flops, calibration));
  const cell = summarizeProcesses(samples, runs, 10);
  const shares = cell.stageShares;
  assert.ok(Math.abs(shares.tokenize + shares.inference + shares.pooling + shares.other - 1) < 1e-12);
  assert.ok(Math.abs(shares.inference - 0.8) < 1e-12);
  assert.equal(cell.tokens?.paddingShare, 0.4);
  assert.equal(cell.tokens?.truncatedTexts, 2);
  assert.equal(cell.throughput.n, 3);
  assert.equal(cell.peakMemoryMB.min, 160);
  assert.equal(cell.latency.p50Ms, 100);
  assert.equal(cell.latency.p99Ms > 101, true);
});
