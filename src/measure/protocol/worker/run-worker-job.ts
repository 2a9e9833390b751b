import { describeError, UsageError } from '../../../ground/errors.js';
import { readMemoryBreakdown, readPeakRssMB, readRssMB } from '../../../ground/platform/process-memory.js';
import type { WorkerJob, WorkerReply } from '../ipc/analysis-job.js';
import { runAnalysisJob } from './run-analysis-job.js';
import { createEmbedder } from './create-embedder.js';
import { measureCell } from './measure-cell.js';
import type { ProbeReading } from '../probe-calibration.js';
import { createProbe } from './probe.js';
import type { TurnGate } from '../ipc/turn-gate.js';
import type { ProfiledEmbedder } from '../../engine/embedder.js';
import type { BatchSignal, CellJob, FailureKind, WorkerResult } from '../ipc/cell-job.js';

/** Tells the parent a batch starts or ends (it times each batch against the job's batch timeout). */
const sendBatchSignal = (message: BatchSignal): void => void process.send?.(message);

class MemoryCapExceeded extends Error {}

/**
 * Runs one job in this (fresh) process. A cell job: read baseline memory, load, warm up, measure the batches (memory
 * sampled after each), read peak and steady-state memory, close the embedder, then take the calibration probe's
 * readings. Every failure becomes a classified reply, never an unhandled crash.
 */
export async function runWorkerJob(
  job: WorkerJob,
  turns: TurnGate | null = null,
  bootMs = performance.now(),
): Promise<WorkerReply> {
  try {
    if (job.kind !== 'cell') return await runAnalysisJob(job);
    return { kind: 'ok', result: await measureJob(job, job.lockstep === true ? turns : null, bootMs) };
  } catch (error) {
    return { kind: 'failed', failure: classifyFailure(error), message: describeError(error) };
  }
}

async function measureJob(job: CellJob, turns: TurnGate | null, bootMs: number): Promise<WorkerResult> {
  const baseline = readMemoryBreakdown();
  // lockstep: creating the embedder is a turn too, so the two sides load one at a time and neither side's
  // cold start depends on which of them started first
  await turns?.waitForTurn();
  const loadStart = performance.now();
  const embedder = await createEmbedder(job.engine, job.lockstep === true);
  const loadMs = performance.now() - loadStart;
  turns?.endTurn();
  const afterLoad = readMemoryBreakdown();
  const baselineMB = baseline.rssMB;
  const afterLoadMB = afterLoad.rssMB;
  let sampledPeak = Math.max(baselineMB, afterLoadMB);
  const signal = job.batchTimeoutMs === null ? null : sendBatchSignal;
  const afterBatch = (): void => {
    signal?.({ kind: 'batch-end' });
    turns?.endTurn();
    const rss = readRssMB();
    sampledPeak = Math.max(sampledPeak, rss);
    if (rss > job.maxMemoryMB) throw new MemoryCapExceeded(`RSS reached ${rss.toFixed(0)} MB`);
  };
  const beforeBatch = async (): Promise<void> => {
    await turns?.waitForTurn();
    signal?.({ kind: 'batch-start' });
  };
  const measurement = await measureCell(embedder, job.batches, job.policy, () => performance.now(), {
    beforeBatch,
    afterBatch,
  });
  // the cell's own peak, read before the calibration probe's sessions exist
  const vmhwm = readPeakRssMB();
  const steadyState = readMemoryBreakdown();
  const closeWarning = await closeWithin(embedder, closeTimeoutFor(job));
  // the probe is one more turn: the other side's batches must not run during it
  await turns?.waitForTurn();
  const probes = await readProbe(job);
  const { batches } = measurement;
  return {
    warmupBatches: measurement.warmupBatches,
    warmupSteady: measurement.warmupSteady,
    measuredSeconds: measurement.measuredSeconds,
    timings: batches.map((b) => b.timing),
    tokens: batches.map((b) => b.tokens),
    probes,
    textsPerBatch: batches.map((_, i) => job.batches[i % job.batches.length]?.length ?? 0),
    distinctBatches: job.batches.length,
    warnings: closeWarning === null ? [] : [closeWarning],
    coldStart: { bootMs, loadMs, firstBatchMs: measurement.firstBatchMs },
    memory: {
      readings: { baseline, afterLoad, steadyState },
      baselineMB,
      afterLoadMB,
      steadyStateMB: steadyState.rssMB,
      peakMB: vmhwm ?? sampledPeak,
      peakSource: vmhwm === null ? 'sampled' : 'vmhwm',
    },
  };
}

/** The longest close() may take: a few seconds, and never longer than one batch may. */
const CLOSE_TIMEOUT_MS = 5000;

function closeTimeoutFor(job: CellJob): number {
  return Math.min(CLOSE_TIMEOUT_MS, job.batchTimeoutMs ?? CLOSE_TIMEOUT_MS);
}

/**
 * Closes the embedder, waiting at most `timeoutMs`: a close() that never settles costs a warning, not the
 * cell's measurements (the process exits after its reply whatever close() left running).
 */
async function closeWithin(embedder: ProfiledEmbedder, timeoutMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`close() did not finish within ${timeoutMs / 1000} s; the measurements are kept`),
      timeoutMs,
    );
  });
  try {
    const closed = embedder.close().then(
      () => null,
      (error: unknown) => `${describeError(error)}; the measurements are kept`,
    );
    return await Promise.race([closed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calibration readings right after the cell: the machine's regimes last minutes, the cell a few seconds. */
async function readProbe(job: CellJob): Promise<ProbeReading[]> {
  const probe = await createProbe(job.probe, job.lockstep === true);
  const readings: ProbeReading[] = [];
  for (let i = 0; i < job.policy.probeReadings; i++)
    readings.push(await probe.read(job.policy.probeReadingMs, job.policy.probeMinRuns));
  await probe.release();
  return readings;
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
