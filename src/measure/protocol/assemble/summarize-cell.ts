import { summarizeLatency, toDistribution } from '../../analysis/index.js';
import type { ProcessSample } from '../../../ground/schema/cell-schema.js';
import type { FlopModel } from '../../onnx/graph-analysis.js';
import type { StageTimes } from '../../../ground/schema/common-schema.js';
import { computeProbeGflops, computeReferenceScore } from '../probe-calibration.js';
import type { WorkerResult } from '../ipc/cell-job.js';

export interface CompletedRun {
  round: number;
  result: WorkerResult;
}

/** The run's calibration: medians of the per-process probe scores over every process of the run. */
export interface RunCalibration {
  referenceScore: number;
  probeGflops: number;
  /** MFU's denominator: the highest of the hardware peak, the probe and what the model itself reached. */
  ceilingGflops: number;
}

/** The model FLOPs (padded tokens) one worker's measured batches did; null without a FLOP model or tokens. */
export function computeModelFlops(result: WorkerResult, flops: FlopModel | null): number | null {
  const tokens = result.tokens.every((t) => t !== null) ? result.tokens.flatMap((t) => (t ? [t] : [])) : null;
  if (tokens === null || flops === null) return null;
  return tokens.reduce(
    (sum, t) =>
      sum +
      t.padded * (flops.denseFlopsPerToken + flops.attentionFlopsPerTokenPerPosition * t.sequenceLength),
    0,
  );
}

/**
 * Turns one worker's raw result into the per-process sample of the schema. Normalized throughput and MFU
 * divide by the run's median scores: one process's few probe readings are noisier on a shared machine than
 * the regime they are meant to follow (measured: per-process normalization moved cell medians by up to 45 %
 * between two runs, the run median by up to 17 %). The process's own scores stay in the sample, for regime
 * detection.
 */
export function toProcessSample(
  run: CompletedRun,
  flops: FlopModel | null,
  calibration: RunCalibration,
): ProcessSample {
  const { result } = run;
  const seconds = result.measuredSeconds;
  const texts = result.textsPerBatch.reduce((a, b) => a + b, 0);
  const tokens = result.tokens.every((t) => t !== null) ? result.tokens.flatMap((t) => (t ? [t] : [])) : null;
  const realTokens = tokens?.reduce((sum, t) => sum + t.real, 0) ?? null;
  const modelFlops = computeModelFlops(result, flops);
  const textsPerSecond = texts / seconds;
  const probeGflops = computeProbeGflops(result.probes);
  const referenceScore = computeReferenceScore(result.probes);
  return {
    round: run.round,
    textsPerSecond,
    tokensPerSecond: realTokens === null ? null : realTokens / seconds,
    probeGflops,
    referenceScore,
    normalizedThroughput: textsPerSecond / calibration.referenceScore,
    mfu: modelFlops === null ? null : modelFlops / seconds / (calibration.ceilingGflops * 1e9),
    warmupBatches: result.warmupBatches,
    warmupSteady: result.warmupSteady,
    measuredBatches: result.timings.length,
    measuredSeconds: seconds,
    batchLatenciesMs: result.timings.map((t) => t.totalMs),
    stages: sumStages(result),
    coldStart: { ...result.coldStart, totalMs: sumColdStart(result.coldStart) },
    memory: result.memory,
  };
}

function sumColdStart(parts: WorkerResult['coldStart']): number {
  return parts.bootMs + parts.loadMs + parts.firstBatchMs;
}

function sumStages(result: WorkerResult): StageTimes {
  const stages = { tokenizeMs: 0, inferenceMs: 0, poolingMs: 0, otherMs: 0 };
  for (const t of result.timings) {
    stages.tokenizeMs += t.tokenizeMs;
    stages.inferenceMs += t.inferenceMs;
    stages.poolingMs += t.poolingMs;
    stages.otherMs += t.otherMs;
  }
  return stages;
}

/** The measured fields of a cell, from its processes. */
export function summarizeProcesses(samples: ProcessSample[], runs: CompletedRun[], textsPerBatch: number) {
  const nullable = (values: (number | null)[]) =>
    values.every((v) => v !== null) ? toDistribution(values.flatMap((v) => (v === null ? [] : [v]))) : null;
  const stages = samples.reduce(
    (sum, s) => ({
      tokenize: sum.tokenize + s.stages.tokenizeMs,
      inference: sum.inference + s.stages.inferenceMs,
      pooling: sum.pooling + s.stages.poolingMs,
      other: sum.other + s.stages.otherMs,
    }),
    { tokenize: 0, inference: 0, pooling: 0, other: 0 },
  );
  const total = stages.tokenize + stages.inference + stages.pooling + stages.other || 1;
  return {
    status: 'measured' as const,
    textsPerBatch,
    batchesPerProcess: Math.round(samples.reduce((s, p) => s + p.measuredBatches, 0) / samples.length),
    throughput: toDistribution(samples.map((s) => s.textsPerSecond)),
    tokensPerSecond: nullable(samples.map((s) => s.tokensPerSecond)),
    normalizedThroughput: toDistribution(samples.map((s) => s.normalizedThroughput)),
    mfu: nullable(samples.map((s) => s.mfu)),
    latency: summarizeLatency(
      samples.flatMap((s) => s.batchLatenciesMs),
      textsPerBatch,
    ),
    peakMemoryMB: toDistribution(samples.map((s) => s.memory.peakMB)),
    tokens: summarizeTokens(runs),
    stageShares: {
      tokenize: stages.tokenize / total,
      inference: stages.inference / total,
      pooling: stages.pooling / total,
      other: stages.other / total,
    },
    processes: samples,
  };
}

function summarizeTokens(runs: CompletedRun[]) {
  const first = runs[0]?.result;
  if (!first || first.tokens.some((t) => t === null)) return null;
  const tokens = first.tokens.slice(0, first.distinctBatches).flatMap((t) => (t ? [t] : []));
  const real = tokens.reduce((s, t) => s + t.real, 0);
  const padded = tokens.reduce((s, t) => s + t.padded, 0);
  return {
    realPerBatch: real / tokens.length,
    paddedPerBatch: padded / tokens.length,
    paddingShare: padded === 0 ? 0 : 1 - real / padded,
    truncatedTexts: tokens.reduce((s, t) => s + t.truncated, 0),
  };
}
