/**
 * The evidence of one serve metric in one paired sweep: each side's own figure, the round pairs, and the
 * inference on their log ratios — a t interval over rounds (paired-evidence.ts's inferPaired, df = pairs − 1).
 * A machine regime shared by the two windows of a pair cancels in its ratio; only within-pair noise is left.
 */
import type { Knee } from '../../measure/serve/serve-profile-schema.js';
import type { LogRatioInference } from './log-ratio.js';
import { inferPaired } from './paired-evidence.js';
import type { PairedSweep } from './pair-serve-sweeps.js';
import type { ServeMetricName, ServePair, ServeSideFigure } from './serve-comparison-schema.js';
import type { KneeCriteria } from './serve-round-values.js';
import { findRoundKnee, findRoundP95, pairRoundValues } from './serve-round-values.js';

export interface ServeMetricDefinition {
  name: ServeMetricName;
  direction: 'higher-is-better' | 'lower-is-better';
  unit: 'req/s' | 'ms';
}

export const SERVE_METRICS: readonly ServeMetricDefinition[] = [
  { name: 'knee', direction: 'higher-is-better', unit: 'req/s' },
  { name: 'p95-at-reference', direction: 'lower-is-better', unit: 'ms' },
];

export interface ServeEvidence {
  metric: ServeMetricDefinition;
  base: ServeSideFigure;
  head: ServeSideFigure;
  pairs: ServePair[];
  inference: LogRatioInference;
}

const USED = new Set<ServePair['use']>(['exact', 'bounded-worse', 'bounded-better']);

function describeLeftOut(pairs: readonly ServePair[]): string {
  const uninformative = pairs.filter((pair) => pair.use === 'uninformative').length;
  const missing = pairs.filter((pair) => pair.use === 'missing').length;
  const parts = [
    ...(uninformative > 0 ? [`${uninformative} with both knees beyond the same edge of the rates`] : []),
    ...(missing > 0 ? [`${missing} where a side had no successful request`] : []),
  ];
  return parts.length === 0 ? '' : ` (left out: ${parts.join(', ')})`;
}

/** The t interval over the pairs that carry a ratio; undetermined (with why) below 2 of them. */
export function inferServePairs(pairs: readonly ServePair[]): LogRatioInference {
  const logRatios = pairs.flatMap((pair) =>
    USED.has(pair.use) && pair.logRatio !== null ? [pair.logRatio] : [],
  );
  if (logRatios.length >= 2) return inferPaired(logRatios);
  const reason = `need at least 2 paired rounds, got ${logRatios.length}${describeLeftOut(pairs)}`;
  return { kind: 'undetermined', logEstimate: logRatios[0] ?? 0, reason };
}

function describeKnee(knee: Knee): ServeSideFigure {
  switch (knee.kind) {
    case 'found':
      return { kind: 'estimate', value: knee.ratePerSecond, low: knee.low, high: knee.high };
    case 'below-lowest':
      return { kind: 'below-lowest', bound: knee.lowestRatePerSecond };
    case 'above-highest':
      return { kind: 'above-highest', bound: knee.highestRatePerSecond };
    default: {
      const unknown: never = knee;
      throw new RangeError(`unknown knee ${JSON.stringify(unknown)}`);
    }
  }
}

function describeReference(sweep: PairedSweep['base']): ServeSideFigure {
  if (sweep.reference === null) return { kind: 'not-measured', reason: 'the plan has no reference rate' };
  const { value, low, high } = sweep.reference.p95Ms;
  return { kind: 'estimate', value, low, high };
}

function gatherKneeEvidence(sweep: PairedSweep, criteria: KneeCriteria): ServeEvidence {
  const metric = SERVE_METRICS[0] as ServeMetricDefinition;
  const pairs = sweep.rounds.map((round) =>
    pairRoundValues(
      round,
      {
        base: findRoundKnee(sweep.rates, round, 'base', criteria),
        head: findRoundKnee(sweep.rates, round, 'head', criteria),
      },
      metric.direction,
    ),
  );
  const base = describeKnee(sweep.base.knee);
  const head = describeKnee(sweep.head.knee);
  return { metric, base, head, pairs, inference: inferServePairs(pairs) };
}

function gatherP95Evidence(sweep: PairedSweep): ServeEvidence {
  const metric = SERVE_METRICS[1] as ServeMetricDefinition;
  const base = describeReference(sweep.base);
  const head = describeReference(sweep.head);
  const { reference } = sweep;
  if (reference === null) {
    const reason = 'no reference rate: the duet measured none (set the serve plan’s reference rate)';
    return { metric, base, head, pairs: [], inference: { kind: 'undetermined', logEstimate: 0, reason } };
  }
  const rounds = [...reference.base.keys()].sort((a, b) => a - b);
  const pairs = rounds.map((round) =>
    pairRoundValues(
      round,
      { base: findRoundP95(reference, round, 'base'), head: findRoundP95(reference, round, 'head') },
      metric.direction,
    ),
  );
  return { metric, base, head, pairs, inference: inferServePairs(pairs) };
}

/** Both metrics' evidence for one paired sweep, knee first. */
export function gatherServeEvidence(sweep: PairedSweep, criteria: KneeCriteria): ServeEvidence[] {
  return [gatherKneeEvidence(sweep, criteria), gatherP95Evidence(sweep)];
}
