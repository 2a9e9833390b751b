import type { BatchOutcome, Clock, ProfiledEmbedder } from '../engine/embedder.js';

export interface MeasurePolicy {
  minWarmupBatches: number;
  maxWarmupBatches: number;
  /** Warm-up is steady when the last `steadyWindow` batches' per-token times spread by ≤ steadyTolerance. */
  steadyWindow: number;
  steadyTolerance: number;
  minMeasuredBatches: number;
  minMeasuredSeconds: number;
  maxMeasuredBatches: number;
}

export interface CellMeasurement {
  warmupBatches: number;
  warmupSteady: boolean;
  outcomes: Omit<BatchOutcome, 'embeddings'>[];
  measuredSeconds: number;
}

/**
 * Warm-up until steady, then measure at least minMeasuredBatches and minMeasuredSeconds. The same batches are
 * replayed in the same order in every process, so processes differ only by the machine. `afterBatch` lets the
 * caller sample memory between batches.
 */
export async function measureCell(
  embedder: ProfiledEmbedder,
  batches: string[][],
  policy: MeasurePolicy,
  clock: Clock,
  afterBatch: () => void = () => {},
): Promise<CellMeasurement> {
  if (batches.length === 0) throw new RangeError('measureCell needs at least one batch of texts');
  const warmup = await warmUp(embedder, batches, policy, afterBatch);
  const outcomes: Omit<BatchOutcome, 'embeddings'>[] = [];
  const start = clock();
  let elapsed = 0;
  while (
    outcomes.length < policy.maxMeasuredBatches &&
    (outcomes.length < policy.minMeasuredBatches || elapsed < policy.minMeasuredSeconds)
  ) {
    const texts = batches[outcomes.length % batches.length] ?? [];
    const { timing, tokens } = await embedder.embedBatch(texts);
    outcomes.push({ timing, tokens });
    afterBatch();
    elapsed = (clock() - start) / 1000;
  }
  const measuredSeconds = outcomes.reduce((sum, o) => sum + o.timing.totalMs, 0) / 1000;
  return { ...warmup, outcomes, measuredSeconds };
}

async function warmUp(
  embedder: ProfiledEmbedder,
  batches: string[][],
  policy: MeasurePolicy,
  afterBatch: () => void,
): Promise<{ warmupBatches: number; warmupSteady: boolean }> {
  const costs: number[] = [];
  while (costs.length < policy.maxWarmupBatches) {
    const { timing, tokens } = await embedder.embedBatch(batches[costs.length % batches.length] ?? []);
    afterBatch();
    costs.push(timing.totalMs / Math.max(1, tokens?.padded ?? 1));
    if (costs.length >= policy.minWarmupBatches && isSteady(costs, policy)) {
      return { warmupBatches: costs.length, warmupSteady: true };
    }
  }
  return { warmupBatches: costs.length, warmupSteady: false };
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
