/**
 * Worker results, cell states and profiles for the gate tests: built through the real buildProfile, so the
 * tests exercise the same path as `embedprof gate` without starting worker processes.
 */
import type { EngineSpec } from '../../../src/measure/engine/embedder.js';
import { EMPTY_PROVENANCE } from '../../../src/decide/baseline/baseline-schema.js';
import { createBaselineFromProfile } from '../../../src/decide/baseline/from-profile.js';
import { compareProfiles } from '../../../src/decide/compare/compare-profiles.js';
import type { Comparison } from '../../../src/decide/compare/comparison-schema.js';
import { buildProfile, type ProfileParts } from '../../../src/measure/protocol/assemble/build-profile.js';
import type { CellState } from '../../../src/measure/protocol/schedule/run-cells.js';
import { cellId, type CellKey } from '../../../src/ground/schema/cell-key.js';
import type { CompletedRun } from '../../../src/measure/protocol/assemble/summarize-cell.js';
import type { WorkerResult } from '../../../src/measure/protocol/ipc/cell-job.js';
import type { Profile } from '../../../src/measure/protocol/profile-schema.js';
import { TEST_ENVIRONMENT } from '../compare/test-profile.js';

export const BATCH_8: CellKey = { sweep: 'batch', batchSize: 8 };
export const BATCH_32: CellKey = { sweep: 'batch', batchSize: 32 };
export const LENGTH_64: CellKey = { sweep: 'length', chars: 64, batchSize: 32 };
export const ALL_CELLS: CellKey[] = [BATCH_8, BATCH_32, LENGTH_64];

function reading(rssMB: number) {
  return { rssMB, heapUsedMB: 5, externalMB: 1, arrayBuffersMB: 0.5, nativeMB: rssMB - 6 };
}

/** One worker process that ran 4 batches of `textsPerBatch` texts at `textsPerSecond`. */
export function createWorkerResult(textsPerSecond: number, textsPerBatch = 8, peakMB = 150): WorkerResult {
  const batchMs = (1000 * textsPerBatch) / textsPerSecond;
  const timing = { tokenizeMs: 0, inferenceMs: 0, poolingMs: 0, otherMs: batchMs, totalMs: batchMs };
  return {
    warmupBatches: 3,
    warmupSteady: true,
    measuredSeconds: (4 * batchMs) / 1000,
    timings: [timing, timing, timing, timing],
    tokens: [null, null, null, null],
    probes: [{ flops: 5e9, ms: 100, referenceSequences: 80, referenceMs: 100 }],
    textsPerBatch: [textsPerBatch, textsPerBatch, textsPerBatch, textsPerBatch],
    distinctBatches: 2,
    coldStart: { bootMs: 120, loadMs: 300, firstBatchMs: batchMs * 2 },
    memory: {
      readings: { baseline: reading(50), afterLoad: reading(120), steadyState: reading(140) },
      baselineMB: 50,
      afterLoadMB: 120,
      steadyStateMB: 140,
      peakMB,
      peakSource: 'vmhwm',
    },
  };
}

export function createRuns(throughputs: readonly number[], textsPerBatch = 8): CompletedRun[] {
  return throughputs.map((tps, round) => ({ round, result: createWorkerResult(tps, textsPerBatch) }));
}

/** States of every cell, each measured with the given throughputs. */
export function createStates(perCell: ReadonlyMap<CellKey, readonly number[]>): Map<string, CellState> {
  return new Map(
    [...perCell].map(([cell, throughputs]) => [
      cellId(cell),
      { status: 'running', runs: createRuns(throughputs, cell.batchSize) },
    ]),
  );
}

/** profile.json of these cells and states, as the gate builds it. */
export function buildGateProfile(cells: CellKey[], states: Map<string, CellState>): Profile {
  return buildProfile(createGateProfileParts(cells, states));
}

/** The parts buildProfile assembles a gate's profile from: a custom embedder (no FLOP model), no analysis. */
export function createGateProfileParts(cells: CellKey[], states: Map<string, CellState>): ProfileParts {
  return {
    version: '0.1.0',
    startedAt: new Date('2026-11-24T10:00:00.000Z'),
    wallSeconds: 10,
    environment: TEST_ENVIRONMENT,
    model: {
      spec: 'embedder:toy.mjs',
      source: 'embedder',
      dtype: null,
      onnxPath: null,
      sha256: null,
      parameters: null,
      denseFlopsPerToken: null,
      attentionFlopsPerTokenPerPosition: null,
      hiddenSize: null,
      maxTokens: 512,
      maxTokensSource: 'default',
      tokenizer: 'builtin-hash',
    },
    flops: null,
    probeDtype: 'fp32',
    corpus: { source: 'builtin:test', format: 'builtin', texts: 10, sha256: 'x', meanChars: 40 },
    config: {
      preset: 'quick',
      batchSizes: cells.flatMap((cell) => (cell.sweep === 'batch' ? [cell.batchSize] : [])),
      lengths: cells.flatMap((cell) => (cell.sweep === 'length' ? [cell.chars] : [])),
      lengthBatchSize: 32,
      processesPerCell: 3,
      minMeasuredBatches: 3,
      minMeasuredSeconds: 0.5,
      maxWarmupBatches: 10,
      threads: 2,
      graphOptimization: 'all',
      maxMemoryMB: 4096,
      latencySloMs: null,
      analysis: false,
      seed: 1,
      shard: null,
    },
    cells,
    states,
    analysis: null,
    hardwarePeak: null,
  };
}

/** A copy of `comparison` whose gated metrics of the cells labelled in `undecided` are inconclusive. */
export function markInconclusive(comparison: Comparison, undecided: readonly string[]): Comparison {
  return {
    ...comparison,
    cells: comparison.cells.map((cell) => ({
      ...cell,
      metrics: cell.metrics.map((metric) =>
        undecided.includes(cell.label) && metric.gated ? { ...metric, verdict: 'inconclusive' } : metric,
      ),
    })),
  };
}

/** A 3-cell profile compared with itself: every cell and aggregate decided (no change). */
export function createTemplateComparison(): { profile: Profile; template: Comparison } {
  const profile = buildGateProfile(
    ALL_CELLS,
    createStates(
      new Map([
        [BATCH_8, [1000, 1010, 990]],
        [BATCH_32, [2000, 2020, 1980]],
        [LENGTH_64, [3000, 3030, 2970]],
      ]),
    ),
  );
  const baseline = createBaselineFromProfile(profile, { name: 'main', provenance: EMPTY_PROVENANCE });
  return { profile, template: compareProfiles(baseline, profile) };
}

/** An engine spec of embedprof's ONNX engine for `onnxPath`: one thread, default ORT options. */
export function createOnnxEngine(onnxPath: string): Extract<EngineSpec, { kind: 'onnx' }> {
  const ort = { graphOptimization: 'all', ortSpinning: 'auto' } as const;
  return { kind: 'onnx', onnxPath, tokenizerDir: null, maxTokens: 128, threads: 1, ort };
}
