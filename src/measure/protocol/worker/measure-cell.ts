import type { BatchOutcome, Clock, ProfiledEmbedder } from '../../engine/embedder.js';

export interface MeasurePolicy {
  minWarmupBatches: number;
  maxWarmupBatches: number;
  /** Warm-up also ends (unsteady) once this much time has gone into it, whatever the batch count. */
  maxWarmupSeconds: number;
  /** Warm-up is steady when the last `steadyWindow` batches' per-token times spread by ≤ steadyTolerance. */
  steadyWindow: number;
  steadyTolerance: number;
  /** Measuring stops only after whole passes over the cell's batches, so every process measures the same mix. */
  minMeasuredBatches: number;
  minMeasuredSeconds: number;
  maxMeasuredBatches: number;
  /** Slow cells stop here once they have 2 batches (and a whole pass), even short of minMeasuredBatches. */
  maxMeasuredSeconds: number;
  /** Calibration probe readings taken after the cell (its peak memory is read before the probe exists). */
  probeReadings: number;
  /** How long one probe reading runs (at least probeMinRuns timed runs of each model, whatever this says). */
  probeReadingMs: number;
  probeMinRuns: number;
}

export type MeasuredBatch = Omit<BatchOutcome, 'embeddings'>;

export interface CellMeasurement {
  /** The first batch's own time (turn waits excluded): the last part of the process's cold start. */
  firstBatchMs: number;
  warmupBatches: number;
  warmupSteady: boolean;
  batches: MeasuredBatch[];
  measuredSeconds: number;
}

export interface CellHooks {
  /** Awaited before every batch (warm-up included): lockstep mode waits for its turn here. */
  beforeBatch?: () => Promise<void>;
  /** Called after every batch (warm-up included), e.g. to sample memory. */
  afterBatch?: () => void;
}

/**
 * Warm-up until steady, then measure whole passes over the batches (at least minMeasuredBatches and
 * minMeasuredSeconds). The same batches are replayed in the same order in every process and every process
 * stops at the end of a pass, so processes differ only by the machine: batches of one cell differ in padded
 * length by up to 2×, and a process that measured 2 of them against one that measured 3 differed by 35 %.
 */
export async function measureCell(
  embedder: ProfiledEmbedder,
  batches: string[][],
  policy: MeasurePolicy,
  clock: Clock,
  hooks: CellHooks = {},
): Promise<CellMeasurement> {
  if (batches.length === 0) throw new RangeError('measureCell needs at least one batch of texts');
  const warmup = await warmUp(embedder, batches, policy, clock, hooks);
  const measured: MeasuredBatch[] = [];
  let seconds = 0;
  while (measured.length % batches.length !== 0 || shouldMeasureMore(measured.length, seconds, policy)) {
    await hooks.beforeBatch?.();
    const { timing, tokens } = await embedder.embedBatch(batches[measured.length % batches.length] ?? []);
    hooks.afterBatch?.();
    measured.push({ timing, tokens });
    seconds += timing.totalMs / 1000;
  }
  // without warm-up batches the first measured batch is the process's first
  const firstBatchMs = warmup.warmupBatches > 0 ? warmup.firstBatchMs : (measured[0]?.timing.totalMs ?? 0);
  return { ...warmup, firstBatchMs, batches: measured, measuredSeconds: seconds };
}

function shouldMeasureMore(batches: number, seconds: number, policy: MeasurePolicy): boolean {
  if (batches >= policy.maxMeasuredBatches) return false;
  if (batches >= 2 && seconds >= policy.maxMeasuredSeconds) return false;
  return batches < policy.minMeasuredBatches || seconds < policy.minMeasuredSeconds;
}

async function warmUp(
  embedder: ProfiledEmbedder,
  batches: string[][],
  policy: MeasurePolicy,
  clock: Clock,
  hooks: CellHooks,
): Promise<{ firstBatchMs: number; warmupBatches: number; warmupSteady: boolean }> {
  const costs: number[] = [];
  const start = clock();
  let firstBatchMs = 0;
  while (costs.length < policy.maxWarmupBatches) {
    await hooks.beforeBatch?.();
    const { timing, tokens } = await embedder.embedBatch(batches[costs.length % batches.length] ?? []);
    hooks.afterBatch?.();
    if (costs.length === 0) firstBatchMs = timing.totalMs;
    costs.push(timing.totalMs / Math.max(1, tokens?.padded ?? 1));
    if (costs.length < policy.minWarmupBatches) continue;
    // the first batch pays one-off costs (kernel selection, arena growth): never part of the steady window
    if (isSteady(costs.slice(1), policy))
      return { firstBatchMs, warmupBatches: costs.length, warmupSteady: true };
    if ((clock() - start) / 1000 >= policy.maxWarmupSeconds) break;
  }
  return { firstBatchMs, warmupBatches: costs.length, warmupSteady: false };
}

/** True when the last `steadyWindow` costs spread by at most `steadyTolerance` of their median. */
export function isSteady(
  costs: number[],
  policy: Pick<MeasurePolicy, 'steadyWindow' | 'steadyTolerance'>,
): boolean {
  if (costs.length < policy.steadyWindow) return false;
  const window = costs.slice(-policy.steadyWindow).sort((a, b) => a - b);
  const median = window[Math.floor(window.length / 2)] ?? 0;
  const spread = (window[window.length - 1] ?? 0) - (window[0] ?? 0);
  return median > 0 && spread / median <= policy.steadyTolerance;
}
