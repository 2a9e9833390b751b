/**
 * The evidence of one serve metric in one paired sweep: each side's own figure, the round pairs, and the
 * inference on their log ratios. The knee: a t interval over rounds (paired-evidence.ts's inferPaired,
 * df = pairs − 1). p95 at the reference rate: when every window there kept its requests' latencies, each
 * side's p95 over its pooled requests with a bootstrap of round pairs and requests (pooled-p95.ts); otherwise
 * the same per-round t, saying why. A machine regime shared by the two windows of a pair cancels in its ratio
 * (and stays matched in the bootstrap); only within-pair noise is left.
 */
import type { Knee } from '../../measure/serve/serve-profile-schema.js';
import type { LogRatioInference } from './log-ratio.js';
import { inferPaired } from './paired-evidence.js';
import type { PairedSweep } from './pair-serve-sweeps.js';
import type { PairedRate } from './pair-serve-sweeps.js';
import type { PooledRoundPair } from './pooled-p95.js';
import { inferPooledP95 } from './pooled-p95.js';
import type { ServeMethod, ServeMetricName, ServePair, ServeSideFigure } from './serve-comparison-schema.js';
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
  method: ServeMethod;
  /** How the interval was found, for the metric's reason. */
  note: string;
}

export interface ServeEvidenceOptions extends KneeCriteria {
  bootstrap: { replicates: number; seed: number; resampleRequests?: boolean };
  p95Method: 'pooled' | 'per-round';
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
  const note = 'per-round t over the rounds’ knees';
  return { metric, base, head, pairs, inference: inferServePairs(pairs), method: 'round-t', note };
}

/** The round pairs' raw latencies where both sides answered; or the first window that kept none. */
export function collectPooledPairs(
  reference: PairedRate,
  rounds: readonly number[],
): { kind: 'pooled'; pairs: PooledRoundPair[] } | { kind: 'no-raw'; reason: string } {
  const pairs: PooledRoundPair[] = [];
  for (const round of rounds) {
    const base = reference.base.get(round)?.latenciesMs;
    const head = reference.head.get(round)?.latenciesMs;
    if (base === undefined || head === undefined) {
      const side = base === undefined ? 'base' : 'head';
      return { kind: 'no-raw', reason: `round ${round}'s ${side} window kept no raw latencies` };
    }
    if (base.length > 0 && head.length > 0) pairs.push({ round, base, head });
  }
  return { kind: 'pooled', pairs };
}

function describePooled(requests: { base: number; head: number }, pairs: number, replicates: number) {
  return (
    `p95 of pooled requests (${requests.base} base, ${requests.head} head) over ${pairs} round pair(s), ` +
    `SE from a bootstrap of round pairs (${replicates} replicates)`
  );
}

function gatherP95Evidence(sweep: PairedSweep, options: ServeEvidenceOptions): ServeEvidence {
  const metric = SERVE_METRICS[1] as ServeMetricDefinition;
  const base = describeReference(sweep.base);
  const head = describeReference(sweep.head);
  const { reference } = sweep;
  if (reference === null) {
    const reason = 'no reference rate: the duet measured none (set the serve plan’s reference rate)';
    const inference: LogRatioInference = { kind: 'undetermined', logEstimate: 0, reason };
    return { metric, base, head, pairs: [], inference, method: 'round-t', note: 'no reference rate' };
  }
  const rounds = [...reference.base.keys()].sort((a, b) => a - b);
  const pairs = rounds.map((round) =>
    pairRoundValues(
      round,
      { base: findRoundP95(reference, round, 'base'), head: findRoundP95(reference, round, 'head') },
      metric.direction,
    ),
  );
  const raw: ReturnType<typeof collectPooledPairs> =
    options.p95Method === 'per-round'
      ? { kind: 'no-raw', reason: 'p95Method per-round' }
      : collectPooledPairs(reference, rounds);
  if (raw.kind === 'no-raw') {
    const note =
      options.p95Method === 'per-round'
        ? 'per-round t over the rounds’ p95'
        : `per-round t over the rounds’ p95 (fallback: ${raw.reason})`;
    return { metric, base, head, pairs, inference: inferServePairs(pairs), method: 'round-t', note };
  }
  const pooled = inferPooledP95(raw.pairs, options.bootstrap);
  const note = describePooled(pooled.requests, raw.pairs.length, options.bootstrap.replicates);
  return { metric, base, head, pairs, inference: pooled.inference, method: 'pooled-bootstrap', note };
}

/** Both metrics' evidence for one paired sweep, knee first. */
export function gatherServeEvidence(sweep: PairedSweep, options: ServeEvidenceOptions): ServeEvidence[] {
  return [gatherKneeEvidence(sweep, options), gatherP95Evidence(sweep, options)];
}
