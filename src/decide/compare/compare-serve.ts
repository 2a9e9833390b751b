/**
 * compareServeSweeps: a serve duet's base and head sweeps, compared window pair by window pair (pure, no I/O).
 * Per sweep: the knee from its per-round log ratios with a t interval over rounds, the p95 at the reference
 * rate from each side's pooled requests with a bootstrap of round pairs (or, without raw latencies, per round
 * like the knee) — serve-evidence.ts; one-sided p-values Holm-adjusted over the gated metrics of every sweep; the
 * verdict of THE decision rule (decision-rule.ts, aggregates: no best process), kept from claiming what a knee
 * outside the measured rates cannot show; the smallest detectable change. docs/serve-gate.md has the method.
 */
import { z } from 'zod';
import { createUsageError } from '../../ground/errors.js';
import { adjustHolmBonferroni } from '../../ground/stats/index.js';
import type { ServeSweep } from '../../measure/serve/serve-profile-schema.js';
import type { Decision } from './decision-rule.js';
import { computeHorizon, decideVerdict } from './decision-rule.js';
import { formatChange } from './describe-change.js';
import type { DirectionalPValues } from './log-ratio.js';
import { computeDirectionalPValues, computeNoChangePValue, toChangeInterval } from './log-ratio.js';
import { computeDetectableChange } from './minimum-detectable.js';
import { combineVerdicts } from './overall-verdict.js';
import { pairServeSweeps } from './pair-serve-sweeps.js';
import type {
  ServeComparison,
  ServeComparisonSettings,
  ServeMetricComparison,
  ServePair,
} from './serve-comparison-schema.js';
import { serveMetricNameSchema } from './serve-comparison-schema.js';
import type { ServeEvidence } from './serve-evidence.js';
import { gatherServeEvidence } from './serve-evidence.js';
import { NO_CONTEXT, SERVE_THRESHOLD_SETTINGS } from './threshold-settings.js';

export interface ServeCompareOptions {
  /** The latency objective of the sweeps (their plan's). */
  latencySloMs: number;
  /** The quantile held to the objective (their plan's). */
  sloQuantile: 'p95' | 'p99';
  /** The error rate beyond which a rate is beyond the knee (their plan's); default 0.01. */
  maxErrorRate?: number;
  /** The knee drop the gate must catch; default: the maxKneeDrop setting's (threshold-settings.ts). */
  maxKneeDrop?: number;
  /**
   * The growth of p95 at the reference rate the gate must catch; default: the maxP95Growth setting's. At 0.10
   * (horizon 5 %) an A/A
   * duet cannot end no-change: a p95 of ~100 requests per window scatters too much (docs/serve-gate.md).
   */
  maxP95Growth?: number;
  /** Family-wise error of the Holm-adjusted one-sided tests; default 0.05. */
  alpha?: number;
  /** The metrics whose verdicts make the overall one; default both. */
  gated?: readonly ('knee' | 'p95-at-reference')[];
  /** Replicates of the pooled p95's bootstrap; default 500. */
  bootstrapReplicates?: number;
  /** Seed of the pooled p95's bootstrap; default 1 (the same sweeps give the same comparison). */
  bootstrapSeed?: number;
  /** Also resample requests within windows in that bootstrap; default false (docs/serve-gate.md). */
  bootstrapRequests?: boolean;
  /**
   * p95 at the reference rate from the per-round t ('per-round', the default: it scattered less in the
   * simulation and on this machine), or from pooled requests when the windows kept them ('pooled').
   */
  p95Method?: 'pooled' | 'per-round';
}

const fraction = z.number().gt(0).lt(1);
const optionsSchema = z.object({
  latencySloMs: z.number().positive(),
  sloQuantile: z.enum(['p95', 'p99']),
  maxErrorRate: z.number().min(0).max(1).default(0.01),
  maxKneeDrop: fraction.default(SERVE_THRESHOLD_SETTINGS.maxKneeDrop.fallback(NO_CONTEXT)),
  maxP95Growth: z.number().gt(0).default(SERVE_THRESHOLD_SETTINGS.maxP95Growth.fallback(NO_CONTEXT)),
  alpha: fraction.default(0.05),
  gated: z.array(serveMetricNameSchema).min(1).default(['knee', 'p95-at-reference']),
  bootstrapReplicates: z.number().int().min(50).max(100_000).default(500),
  bootstrapSeed: z.number().int().default(1),
  bootstrapRequests: z.boolean().default(false),
  p95Method: z.enum(['pooled', 'per-round']).default('per-round'),
});

/** The options with their defaults, as comparison output records them; a UsageError naming a bad one. */
export function resolveServeCompareOptions(options: ServeCompareOptions): ServeComparisonSettings {
  const result = optionsSchema.safeParse(options);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw createUsageError({
      input: `serve comparison option ${issue?.path.join('.') || '(options)'}`,
      expected: 'a value in range (thresholds are fractions, e.g. 0.1 for 10 %)',
      received: issue?.message ?? 'an invalid value',
      fix: 'Fix the option; the serve gate’s options are maxKneeDrop, maxP95Growth, alpha and the plan’s objective.',
    });
  }
  const { maxKneeDrop, maxP95Growth, bootstrapReplicates, bootstrapSeed, bootstrapRequests, ...rest } =
    result.data;
  return {
    ...rest,
    thresholds: { knee: maxKneeDrop, 'p95-at-reference': maxP95Growth },
    confidence: 0.95,
    bootstrap: { replicates: bootstrapReplicates, seed: bootstrapSeed, resampleRequests: bootstrapRequests },
  };
}

/** One-sided p-values Holm-adjusted in two families: the gated metrics of every sweep, and the others. */
function adjustServeFamilies(evidence: readonly ServeEvidence[], gated: readonly string[]) {
  const adjusted = new Map<ServeEvidence, DirectionalPValues>();
  for (const isGated of [true, false]) {
    const family = evidence.flatMap((item) => {
      const p = computeDirectionalPValues(item.inference, item.metric.direction);
      return gated.includes(item.metric.name) === isGated && p !== null ? [{ item, p }] : [];
    });
    const worse = adjustHolmBonferroni(family.map((entry) => entry.p.worse));
    const better = adjustHolmBonferroni(family.map((entry) => entry.p.better));
    family.forEach((entry, i) => adjusted.set(entry.item, { worse: worse[i] ?? 1, better: better[i] ?? 1 }));
  }
  return adjusted;
}

const listRounds = (pairs: readonly ServePair[], use: ServePair['use']) =>
  pairs.filter((pair) => pair.use === use).map((pair) => pair.round);

/**
 * A bound stands in for a knee beyond the measured rates, so the true change lies further in one direction:
 * a regression stands only if no bound hides a better head, an improvement only if none hides a worse one,
 * and no-change only without bounds.
 */
export function guardBounds(decision: Decision, pairs: readonly ServePair[]): Decision {
  const worse = listRounds(pairs, 'bounded-worse');
  const better = listRounds(pairs, 'bounded-better');
  const downgrade = (rounds: number[], why: string): Decision => ({
    verdict: 'inconclusive',
    reason: `${decision.reason}, but a knee lies beyond the measured rates in round(s) ${rounds.join(', ')}: ${why}`,
  });
  switch (decision.verdict) {
    case 'regression':
      return better.length === 0 ? decision : downgrade(better, 'the head may be better than the bound used');
    case 'improvement':
      return worse.length === 0 ? decision : downgrade(worse, 'the head may be worse than the bound used');
    case 'no-change': {
      const rounds = [...worse, ...better].sort((a, b) => a - b);
      return rounds.length === 0 ? decision : downgrade(rounds, 'the change could be larger than measured');
    }
    case 'inconclusive':
      return decision;
    default: {
      const unknown: never = decision.verdict;
      throw new RangeError(`unknown verdict ${String(unknown)}`);
    }
  }
}

function compareMetric(
  item: ServeEvidence,
  holmAdjusted: DirectionalPValues | null,
  settings: ServeComparisonSettings,
): ServeMetricComparison {
  const { metric, inference, pairs, method, note } = item;
  const threshold = settings.thresholds[metric.name];
  const interval = toChangeInterval(inference, settings.confidence);
  const estimate = inference.kind === 'determined' ? Math.expm1(inference.logEstimate) : null;
  const decision = decideVerdict({
    direction: metric.direction,
    threshold,
    estimate,
    interval,
    bestProcessChange: null,
    systematicMargin: 0,
    adjustedPValues: holmAdjusted ?? { worse: 1, better: 1 },
    alpha: settings.alpha,
  });
  const { verdict, reason } = guardBounds(decision, pairs);
  return {
    metric: metric.name,
    unit: metric.unit,
    direction: metric.direction,
    gated: settings.gated.includes(metric.name),
    threshold,
    horizon: computeHorizon(threshold),
    base: item.base,
    head: item.head,
    pairs,
    pairsUsed: pairs.filter((pair) => pair.logRatio !== null).length,
    method,
    estimate,
    interval,
    pValue: computeNoChangePValue(inference),
    holmAdjusted,
    minimumDetectable: computeDetectableChange(interval, threshold),
    verdict,
    reason: `${pairs.length} paired round(s), ${note}: ${reason}`,
  };
}

function describeLine(texts: number, item: ServeMetricComparison): string {
  const detectable =
    item.minimumDetectable === null
      ? 'no detectable change (no interval)'
      : `smallest detectable ${item.direction === 'higher-is-better' ? 'drop' : 'growth'} ${formatChange(item.minimumDetectable).replace('+', '')}`;
  return `${texts} texts/request, ${item.metric}: ${item.verdict} — ${item.reason}; ${detectable}`;
}

/**
 * Compares a serve duet's sweeps (one, or a list paired by texts per request). Throws a UsageError when the
 * sides do not pair (different texts per request, rates, rounds or reference rate) or an option is invalid.
 */
export function compareServeSweeps(
  base: ServeSweep | readonly ServeSweep[],
  head: ServeSweep | readonly ServeSweep[],
  options: ServeCompareOptions,
): ServeComparison {
  const settings = resolveServeCompareOptions(options);
  const paired = pairServeSweeps(Array.isArray(base) ? base : [base], Array.isArray(head) ? head : [head]);
  const bootstrap = settings.bootstrap ?? { replicates: 500, seed: 1, resampleRequests: false };
  const p95Method = settings.p95Method ?? 'pooled';
  const evidence = paired.map((sweep) => gatherServeEvidence(sweep, { ...settings, bootstrap, p95Method }));
  const adjusted = adjustServeFamilies(evidence.flat(), settings.gated);
  const sweeps = paired.map((sweep, i) => ({
    textsPerRequest: sweep.textsPerRequest,
    rates: sweep.rates.map((rate) => rate.ratePerSecond),
    rounds: sweep.rounds,
    referenceRatePerSecond: sweep.reference?.ratePerSecond ?? null,
    metrics: (evidence[i] ?? []).map((item) => compareMetric(item, adjusted.get(item) ?? null, settings)),
  }));
  const gated = sweeps.flatMap((sweep) =>
    sweep.metrics.filter((item) => item.gated).map((item) => ({ texts: sweep.textsPerRequest, item })),
  );
  const overall = {
    verdict: combineVerdicts(gated.map(({ item }) => item.verdict)),
    reasons: gated.map(({ texts, item }) => describeLine(texts, item)),
    failing: gated
      .filter(({ item }) => item.verdict === 'regression')
      .map(({ texts, item }) => ({ textsPerRequest: texts, metric: item.metric })),
  };
  return { design: 'paired-windows', settings, sweeps, overall };
}
