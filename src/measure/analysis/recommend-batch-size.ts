/**
 * Batch-size recommendations from the batch sweep. Only measured cells whose peak RSS is within the memory
 * cap are candidates for the throughput and latency rules: a batch size the deployment cannot hold is no
 * advice. Throughput compares independent processes (Welch on log texts/s, geometric means); the latency
 * and memory rules state limits, so they carry no effect.
 */
import type { Recommendation } from '../../ground/schema/analysis-schema.js';
import type { MeasuredBatchCell } from '../../ground/schema/cell-schema.js';
import { computeRatioInterval } from '../../ground/stats/index.js';
import { toIntervalData } from './effect.js';
import { formatChangeInterval, formatSignedPercent } from './format-text.js';
import type { RecommendationEffect, RecommendationInput } from './recommendation-types.js';
import { describeBatchCell } from './recommendation-types.js';

export interface BatchCandidate {
  cell: MeasuredBatchCell;
  peakMB: number;
}

/** Measured cells with their peak (the memory analysis's, else the cell's minimum), ascending. */
export function listBatchCandidates(input: RecommendationInput): BatchCandidate[] {
  const peaks = new Map(input.memory.map((row) => [row.batchSize, row.peakMB]));
  return input.batchCells
    .flatMap((cell) => (cell.status === 'measured' ? [cell] : []))
    .map((cell) => ({ cell, peakMB: peaks.get(cell.batchSize) ?? cell.peakMemoryMB.min }))
    .sort((a, b) => a.cell.batchSize - b.cell.batchSize);
}

const formatRate = (textsPerSecond: number): string =>
  `${textsPerSecond.toFixed(textsPerSecond < 100 ? 1 : 0)} texts/s`;

function compareThroughput(baseline: MeasuredBatchCell, best: MeasuredBatchCell): RecommendationEffect {
  const before = baseline.throughput.samples;
  const after = best.throughput.samples;
  if (before.length === 0 || after.length === 0) {
    const ratio = best.throughput.median / baseline.throughput.median - 1;
    return { metric: 'texts/s', relativeChange: ratio, ci95: null };
  }
  const interval = computeRatioInterval(before, after);
  const ci95 = toIntervalData(interval);
  const relativeChange = interval.estimate ?? best.throughput.median / baseline.throughput.median - 1;
  return { metric: 'texts/s', relativeChange, ci95 };
}

function describeSmallestIsBest(fitting: readonly BatchCandidate[], best: BatchCandidate): string {
  const others =
    fitting.length === 1
      ? 'it is the only batch size measured within the memory cap'
      : 'larger batches were not faster';
  const rate = formatRate(best.cell.throughput.median);
  return `Batch ${best.cell.batchSize}, the smallest measured, has the highest median throughput (${rate}); ${others}.`;
}

function describeBestBatch(best: BatchCandidate, smallest: BatchCandidate, effect: RecommendationEffect) {
  const rates = `${formatRate(best.cell.throughput.median)} vs ${formatRate(smallest.cell.throughput.median)}`;
  const change = `${formatSignedPercent(effect.relativeChange)} in geometric means across processes`;
  return (
    `Batch ${best.cell.batchSize} has the highest median throughput of the measured batch sizes within the ` +
    `memory cap: ${rates} at batch ${smallest.cell.batchSize} (${change}, ${formatChangeInterval(effect.ci95)}).`
  );
}

/**
 * The candidate with the highest median texts/s (ties: the smaller batch). Its effect is against the
 * smallest candidate; when the smallest is the best there is nothing measured to gain, so no effect.
 */
export function recommendThroughputBatchSize(fitting: readonly BatchCandidate[]): Recommendation | null {
  const smallest = fitting[0];
  if (smallest === undefined) return null;
  const best = fitting.reduce((top, next) =>
    next.cell.throughput.median > top.cell.throughput.median ? next : top,
  );
  const evidence = fitting.map((candidate) => describeBatchCell(candidate.cell.batchSize));
  const kind = 'throughput-batch-size';
  if (best === smallest) {
    const title = `Batch size ${best.cell.batchSize} for throughput`;
    return { kind, title, detail: describeSmallestIsBest(fitting, best), effect: null, evidence };
  }
  const effect = compareThroughput(smallest.cell, best.cell);
  const title = `Use batch size ${best.cell.batchSize} for throughput`;
  return { kind, title, detail: describeBestBatch(best, smallest, effect), effect, evidence };
}

/** The largest candidate whose p95 batch latency is within the SLO, or the smallest if none is. */
export function recommendLatencyBatchSize(
  fitting: readonly BatchCandidate[],
  sloMs: number | null,
): Recommendation | null {
  const smallest = fitting[0];
  if (sloMs === null || smallest === undefined) return null;
  const meeting = fitting.filter((candidate) => candidate.cell.latency.p95Ms <= sloMs);
  const chosen = meeting.at(-1);
  const p95 = (candidate: BatchCandidate): string => `${candidate.cell.latency.p95Ms.toFixed(1)} ms`;
  if (chosen === undefined) {
    const detail = `Even batch ${smallest.cell.batchSize}, the smallest measured, has a p95 batch latency of ${p95(smallest)}.`;
    const title = `No measured batch size meets the ${sloMs} ms p95 latency target`;
    return {
      kind: 'latency-slo-batch-size',
      title,
      detail,
      effect: null,
      evidence: [describeBatchCell(smallest.cell.batchSize)],
    };
  }
  const next = fitting.find((candidate) => candidate.cell.batchSize > chosen.cell.batchSize);
  const beyond =
    next === undefined
      ? 'it is the largest measured within the memory cap'
      : `batch ${next.cell.batchSize} reaches ${p95(next)}`;
  const detail = `Batch ${chosen.cell.batchSize} has a p95 batch latency of ${p95(chosen)}, within ${sloMs} ms; ${beyond}.`;
  const evidence = [chosen, ...(next === undefined ? [] : [next])].map((c) =>
    describeBatchCell(c.cell.batchSize),
  );
  const title = `Largest batch size within the ${sloMs} ms p95 latency target: ${chosen.cell.batchSize}`;
  return { kind: 'latency-slo-batch-size', title, detail, effect: null, evidence };
}
