/**
 * Turns the profile's batch sweep and the analysis parts into recommendations. Every recommendation comes
 * from measured cells or experiments and names them as evidence; a rule whose data is missing (no SLO, an
 * experiment not run, no measured cell) produces nothing rather than a guess. Order: throughput, latency,
 * memory, truncation (ascending limit), bucketing, threads, dtype.
 */
import type { Recommendation } from '../../ground/schema/analysis-schema.js';
import {
  listBatchCandidates,
  recommendLatencyBatchSize,
  recommendThroughputBatchSize,
} from './recommend-batch-size.js';
import {
  recommendBucketing,
  recommendDtype,
  recommendThreads,
  recommendTruncation,
} from './recommend-experiments.js';
import { recommendMemoryCapBatchSize } from './recommend-memory-cap.js';
import type { RecommendationInput } from './recommendation-types.js';

function assertOptions(input: RecommendationInput): void {
  const { latencySloMs, maxMemoryMB } = input.options;
  if (!(Number.isFinite(maxMemoryMB) && maxMemoryMB > 0)) {
    throw new RangeError(`maxMemoryMB is ${maxMemoryMB}: expected a finite number > 0`);
  }
  if (latencySloMs !== null && !(Number.isFinite(latencySloMs) && latencySloMs > 0)) {
    throw new RangeError(`latencySloMs is ${latencySloMs}: expected a finite number > 0, or null`);
  }
}

export function recommend(input: RecommendationInput): Recommendation[] {
  assertOptions(input);
  const { latencySloMs, maxMemoryMB } = input.options;
  const candidates = listBatchCandidates(input);
  const fitting = candidates.filter((candidate) => candidate.peakMB <= maxMemoryMB);
  const truncation = [...input.experiments.truncation].sort((a, b) => a.maxTokens - b.maxTokens);
  const all = [
    recommendThroughputBatchSize(fitting),
    recommendLatencyBatchSize(fitting, latencySloMs),
    recommendMemoryCapBatchSize(candidates, input.batchCells, maxMemoryMB),
    ...truncation.map(recommendTruncation),
    recommendBucketing(input.padding),
    recommendThreads(input.experiments.threads),
    recommendDtype(input.experiments.dtype),
  ];
  return all.filter((recommendation) => recommendation !== null);
}
