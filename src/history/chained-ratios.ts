/**
 * The chained block of a history record from a duet's comparison: the run measured this commit side by side
 * with the previous recorded one, so per cell and metric the comparison's paired relative change
 * (head ÷ base − 1, with its interval) becomes the ratio head ÷ base, and the agreement of the commit's
 * embeddings with the previous one's is kept beside them. Pure.
 */
import type { Comparison, MetricComparison } from '../decide/compare/comparison-schema.js';
import { createUsageError } from '../ground/errors.js';
import type { ChainedRatios } from '../ground/schema/history-record-schema.js';
import { normalizeCommitId, roundRatio } from './to-history-record.js';

type RatioEstimate = ChainedRatios['cells'][number]['throughput'];

function toRatio(metric: MetricComparison | undefined): RatioEstimate {
  if (metric === undefined || metric.estimate === null) return null;
  const interval = metric.interval;
  const determined = interval.kind === 'determined';
  return {
    value: roundRatio(1 + metric.estimate),
    lower: determined ? roundRatio(1 + interval.low) : null,
    upper: determined ? roundRatio(1 + interval.high) : null,
    changeFound: metric.verdict === 'regression' || metric.verdict === 'improvement',
  };
}

/**
 * The chained ratios of a duet comparison (`reference.kind` "base-ref", paired design). Any other comparison
 * is a UsageError naming `label`: a comparison with a committed baseline is not a chained measurement.
 */
export function createChainedRatios(comparison: Comparison, label: string): ChainedRatios {
  const reference = comparison.reference;
  if (reference.kind !== 'base-ref' || comparison.settings.design !== 'paired') {
    throw createUsageError({
      input: label,
      expected: 'the comparison of a duet run (the previous recorded commit measured side by side)',
      received: `a comparison with ${reference.kind === 'base-ref' ? 'independent samples' : 'a committed baseline'}`,
      fix: 'Pass the comparison.json of `embedprof gate --against <previous commit>`, or leave it out.',
    });
  }
  const cells = comparison.cells.map((cell) => {
    const find = (name: MetricComparison['metric']) => cell.metrics.find((metric) => metric.metric === name);
    return {
      key: cell.key,
      throughput: toRatio(find('throughput')),
      p95LatencyMs: toRatio(find('p95LatencyMs')),
      peakMemoryMB: toRatio(find('peakMemoryMB')),
      coldStartMs: toRatio(find('coldStartMs')),
      loadRssMB: toRatio(find('loadRssMB')),
    };
  });
  const baseCommit = normalizeCommitId(reference.commit, `${label} reference.commit`);
  return { baseCommit, cells, quality: comparison.quality?.agreement ?? null };
}
