import { createCustomEmbedder } from '../engine/custom-embedder.js';
import type { ProfiledEmbedder } from '../engine/embedder.js';
import { createOnnxEmbedder } from '../engine/onnx-embedder.js';
import { loadTokenizer } from '../engine/text-tokenizer.js';
import { describeError, UsageError } from '../errors.js';
import { collectGarbage, readPeakRssMB, readRssMB } from '../platform/process-memory.js';
import { measureCell } from './measure-cell.js';
import { runProbe } from './probe.js';
import type { EngineSpec, FailureKind, WorkerJob, WorkerReply } from './worker-job.js';

class MemoryCapExceeded extends Error {}

/** Runs one cell in this (fresh) process: load, warm up, measure, read memory, then the calibration probe. */
export async function runWorkerJob(job: WorkerJob): Promise<WorkerReply> {
  try {
    collectGarbage();
    const baselineMB = readRssMB();
    const embedder = await createEmbedder(job.engine);
    collectGarbage();
    const afterLoadMB = readRssMB();
    let sampledPeak = Math.max(baselineMB, afterLoadMB);
    const sample = (): void => {
      const rss = readRssMB();
      sampledPeak = Math.max(sampledPeak, rss);
      if (rss > job.maxMemoryMB) throw new MemoryCapExceeded(`RSS reached ${rss.toFixed(0)} MB`);
    };
    const clock = (): number => performance.now();
    const measurement = await measureCell(embedder, job.batches, job.policy, clock, sample);
    const steadyStateMB = readRssMB();
    const vmhwm = readPeakRssMB();
    await embedder.close();
    const probeGflops = await runProbe(job.probe);
    return {
      kind: 'ok',
      result: {
        warmupBatches: measurement.warmupBatches,
        warmupSteady: measurement.warmupSteady,
        measuredSeconds: measurement.measuredSeconds,
        timings: measurement.outcomes.map((o) => o.timing),
        tokens: measurement.outcomes.map((o) => o.tokens),
        textsPerBatch: measurement.outcomes.map((_, i) => job.batches[i % job.batches.length]?.length ?? 0),
        distinctBatches: job.batches.length,
        memory: {
          baselineMB,
          afterLoadMB,
          steadyStateMB,
          peakMB: vmhwm ?? sampledPeak,
          peakSource: vmhwm === null ? 'sampled' : 'vmhwm',
        },
        probeGflops,
      },
    };
  } catch (error) {
    return { kind: 'failed', failure: classifyFailure(error), message: describeError(error) };
  }
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
