/**
 * Serve duet views for the report tests: two profiles from serve-fixtures.ts's latency model (8 texts per
 * request, rates 50 and 100 req/s, 2 rounds each, reference rate 50 req/s; the head's capacity sets how much
 * slower it is) and a comparison built by hand per verdict kind, parsed by serveComparisonSchema. Each metric
 * has one pair per round; its figures, change, interval and smallest detectable change are the spec's.
 */
import type {
  ServeComparison,
  ServeMetricComparison,
  ServePair,
  ServeSideFigure,
} from '../../../src/decide/compare/serve-comparison-schema.js';
import { serveComparisonSchema } from '../../../src/decide/compare/serve-comparison-schema.js';
import type { Verdict } from '../../../src/decide/compare/comparison-schema.js';
import type { ServeDuetView } from '../../../src/report/index.js';
import { buildServeFixture, FIXTURE_SLO_MS } from './serve-fixtures.js';

export const DUET_RATES = [50, 100];
export const REFERENCE_RATE = 50;

export interface MetricSpec {
  metric: 'knee' | 'p95-at-reference';
  verdict: Verdict;
  /** The change head / base − 1 and its 95 % interval; null: no interval (fewer than 2 pairs). */
  change: { estimate: number; low: number; high: number } | null;
  minimumDetectable: number | null;
  base: ServeSideFigure;
  head: ServeSideFigure;
  pairs?: ServePair[];
  gated?: boolean;
  reason?: string;
}

function buildPairs(spec: MetricSpec): ServePair[] {
  const logRatio = spec.change === null ? null : Math.log1p(spec.change.estimate);
  const value = (figure: ServeSideFigure) =>
    figure.kind === 'estimate'
      ? { kind: 'value', value: figure.value }
      : ({ kind: 'missing', reason: 'x' } as const);
  return [0, 1].map((round) => ({
    round,
    base: value(spec.base),
    head: value(spec.head),
    use: logRatio === null ? 'missing' : 'exact',
    logRatio,
  })) as ServePair[];
}

export function buildMetric(spec: MetricSpec): ServeMetricComparison {
  const knee = spec.metric === 'knee';
  const pairs = spec.pairs ?? buildPairs(spec);
  return {
    metric: spec.metric,
    unit: knee ? 'req/s' : 'ms',
    direction: knee ? 'higher-is-better' : 'lower-is-better',
    gated: spec.gated ?? true,
    threshold: 0.1,
    horizon: 0.05,
    base: spec.base,
    head: spec.head,
    pairs,
    pairsUsed: pairs.filter((pair) => pair.logRatio !== null).length,
    estimate: spec.change?.estimate ?? null,
    interval:
      spec.change === null
        ? { kind: 'undetermined', reason: 'need at least 2 paired rounds, got 1' }
        : { kind: 'determined', low: spec.change.low, high: spec.change.high, confidence: 0.95, df: 1 },
    pValue: spec.change === null ? null : 0.04,
    holmAdjusted: spec.change === null ? null : { worse: 0.04, better: 0.96 },
    minimumDetectable: spec.minimumDetectable,
    verdict: spec.verdict,
    reason: spec.reason ?? `2 paired round(s), ${spec.verdict} by the decision rule`,
  };
}

export interface SweepSpec {
  textsPerRequest: number;
  metrics: MetricSpec[];
}

export function buildComparison(verdict: Verdict, sweeps: SweepSpec[]): ServeComparison {
  const built = sweeps.map((sweep) => ({
    textsPerRequest: sweep.textsPerRequest,
    rates: DUET_RATES,
    rounds: [0, 1],
    referenceRatePerSecond: REFERENCE_RATE,
    metrics: sweep.metrics.map(buildMetric),
  }));
  const gated = built.flatMap((sweep) =>
    sweep.metrics.filter((m) => m.gated).map((metric) => ({ texts: sweep.textsPerRequest, metric })),
  );
  return serveComparisonSchema.parse({
    design: 'paired-windows',
    settings: {
      thresholds: { knee: 0.1, 'p95-at-reference': 0.1 },
      gated: ['knee', 'p95-at-reference'],
      alpha: 0.05,
      confidence: 0.95,
      latencySloMs: FIXTURE_SLO_MS,
      sloQuantile: 'p95',
      maxErrorRate: 0.01,
    },
    sweeps: built,
    overall: {
      verdict,
      reasons: gated.map(({ texts, metric }) => `${texts} texts/request, ${metric.metric}: ${metric.reason}`),
      failing: gated
        .filter(({ metric }) => metric.verdict === 'regression')
        .map(({ texts, metric }) => ({ textsPerRequest: texts, metric: metric.metric })),
    },
  });
}

/**
 * A side's profile: capacity sets its knee (p95 = 20 ms / (1 − rate / capacity) ≤ 100 ms up to 0.8 ×
 * capacity), above the highest rate when that is past 100 req/s.
 */
export function buildSide(capacity: number, texts: readonly number[] = [8]) {
  const kneeRate = capacity * 0.8;
  const knee =
    kneeRate >= 100
      ? ({ kind: 'above-highest', highestRatePerSecond: 100 } as const)
      : ({
          kind: 'found',
          ratePerSecond: kneeRate,
          low: kneeRate * 0.92,
          high: kneeRate * 1.06,
          bracket: { within: 50, beyond: 100 },
        } as const);
  return buildServeFixture({
    sweeps: texts.map((textsPerRequest) => ({ textsPerRequest, capacity, rates: DUET_RATES, knee })),
    referenceRate: REFERENCE_RATE,
    rounds: 2,
    target: 'command',
  });
}

export function buildView(
  comparison: ServeComparison,
  headCapacity: number,
  labels: { base?: string; head?: string } = {},
): ServeDuetView {
  const texts = comparison.sweeps.map((sweep) => sweep.textsPerRequest);
  return {
    comparison,
    base: buildSide(110, texts),
    head: buildSide(headCapacity, texts),
    baseLabel: labels.base ?? 'main (abc1234)',
    headLabel: labels.head ?? 'pull request #12 (def5678)',
  };
}

export const estimate = (value: number, low: number, high: number): ServeSideFigure => ({
  kind: 'estimate',
  value,
  low,
  high,
});
