import { createCustomEmbedder } from '../engine/custom-embedder.js';
import type { ProfiledEmbedder } from '../engine/embedder.js';
import { createOnnxEmbedder } from '../engine/onnx-embedder.js';
import { loadTokenizer } from '../engine/text-tokenizer.js';
import { describeError, UsageError } from '../errors.js';
import { collectGarbage, readPeakRssMB, readRssMB } from '../platform/process-memory.js';
import { measureCell } from './measure-cell.js';
import { createProbe } from './probe.js';
import type { EngineSpec, FailureKind, WorkerJob, WorkerReply, WorkerResult } from './worker-job.js';

class MemoryCapExceeded extends Error {}

/**
 * Runs one cell in this (fresh) process: read baseline RSS, load, warm up, measure with a calibration probe
 * after each batch, read memory. Every failure becomes a classified reply, never an unhandled crash.
 */
export async function runWorkerJob(job: WorkerJob): Promise<WorkerReply> {
  try {
    return { kind: 'ok', result: await measureJob(job) };
  } catch (error) {
    return { kind: 'failed', failure: classifyFailure(error), message: describeError(error) };
  }
}

async function measureJob(job: WorkerJob): Promise<WorkerResult> {
  collectGarbage();
  const baselineMB = readRssMB();
  const embedder = await createEmbedder(job.engine);
  collectGarbage();
  const afterLoadMB = readRssMB();
  const probe = await createProbe(job.probe);
  let sampledPeak = Math.max(baselineMB, afterLoadMB);
  const afterBatch = (): void => {
    const rss = readRssMB();
    sampledPeak = Math.max(sampledPeak, rss);
    if (rss > job.maxMemoryMB) throw new MemoryCapExceeded(`RSS reached ${rss.toFixed(0)} MB`);
  };
  const measurement = await measureCell(embedder, job.batches, job.policy, () => performance.now(), {
    afterBatch,
    probe: (ms) => probe.runFor(ms),
  });
  const steadyStateMB = readRssMB();
  const vmhwm = readPeakRssMB();
  await embedder.close();
  await probe.release();
  const { batches } = measurement;
  return {
    warmupBatches: measurement.warmupBatches,
    warmupSteady: measurement.warmupSteady,
    measuredSeconds: measurement.measuredSeconds,
    timings: batches.map((b) => b.timing),
    tokens: batches.map((b) => b.tokens),
    probes: batches.map((b) => b.probe),
    textsPerBatch: batches.map((_, i) => job.batches[i % job.batches.length]?.length ?? 0),
    distinctBatches: job.batches.length,
    memory: {
      baselineMB,
      afterLoadMB,
      steadyStateMB,
      peakMB: vmhwm ?? sampledPeak,
      peakSource: vmhwm === null ? 'sampled' : 'vmhwm',
    },
  };
}

async function createEmbedder(engine: EngineSpec): Promise<ProfiledEmbedder> {
  const tokenizer = await loadTokenizer(engine.tokenizerDir);
  switch (engine.kind) {
    case 'onnx':
      return createOnnxEmbedder({ ...engine, tokenizer });
    case 'custom':
      return createCustomEmbedder({
        modulePath: engine.modulePath,
        userOptions: engine.userOptions,
        tokenizer: engine.tokenizerDir === null ? null : tokenizer,
        maxTokens: engine.maxTokens,
      });
  }
}

function classifyFailure(error: unknown): FailureKind {
  if (error instanceof MemoryCapExceeded) return 'memory-cap';
  if (error instanceof UsageError) return 'usage';
  const message = describeError(error);
  if (/bad_alloc|Failed to allocate|out of memory|ENOMEM|Array buffer allocation failed/i.test(message)) {
    return 'allocation';
  }
  return 'runtime';
}
