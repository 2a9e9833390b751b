/**
 * Options of a comparison, their defaults, and the metrics compared. Invalid options are UsageErrors naming
 * the option, since they come from the user (flags or action inputs).
 */
import { z } from 'zod';
import { createUsageError } from '../../ground/errors.js';
import type { ComparisonSettings, MachineMismatchPolicy, MetricName } from './comparison-schema.js';
import { machinePolicySchema, metricNameSchema } from './comparison-schema.js';
import { COLD_START_GROWTH_DEFAULT, NO_CONTEXT, THRESHOLD_SETTINGS } from './threshold-settings.js';

export interface MetricDefinition {
  name: MetricName;
  direction: 'higher-is-better' | 'lower-is-better';
  /** Speed metrics follow the machine's speed regime and can be calibration-normalized; memory cannot. */
  kind: 'speed' | 'memory';
  unit: string;
  normalizedUnit: string;
}

export const METRICS: readonly MetricDefinition[] = [
  {
    name: 'throughput',
    direction: 'higher-is-better',
    kind: 'speed',
    unit: 'texts/s',
    normalizedUnit: 'texts/s per probe GFLOP/s',
  },
  {
    name: 'peakMemoryMB',
    direction: 'lower-is-better',
    kind: 'memory',
    unit: 'MB',
    normalizedUnit: 'MB',
  },
  {
    name: 'p95LatencyMs',
    direction: 'lower-is-better',
    kind: 'speed',
    unit: 'ms',
    normalizedUnit: 'ms × probe GFLOP/s',
  },
  {
    name: 'coldStartMs',
    direction: 'lower-is-better',
    kind: 'speed',
    unit: 'ms',
    normalizedUnit: 'ms × probe GFLOP/s',
  },
  {
    name: 'loadRssMB',
    direction: 'lower-is-better',
    kind: 'memory',
    unit: 'MB',
    normalizedUnit: 'MB',
  },
];

export interface MetricOverride {
  /** Relative change the gate must catch, in the metric's bad direction (0.1 = 10 %). */
  threshold?: number;
  /** Whether a regression of this metric fails the gate. */
  gated?: boolean;
}

export interface CompareOptions {
  /** Throughput drop the gate must catch; default the setting's (compare/threshold-settings.ts). */
  maxThroughputDrop?: number;
  /** Peak-memory growth the gate must catch; default the setting's. */
  maxMemoryGrowth?: number;
  /** Growth of the time to first embedding and of RSS after load the gate must catch; default the setting's. */
  maxColdStartGrowth?: number;
  /**
   * Per-metric overrides; they win over maxThroughputDrop / maxMemoryGrowth / maxColdStartGrowth. p95 latency
   * and the cold-start metrics are not gated by default.
   */
  metrics?: Partial<Record<MetricName, MetricOverride>>;
  /** What to do when the baseline was recorded on another machine or configuration; default 'normalize'. */
  onMachineMismatch?: MachineMismatchPolicy;
  /** 'match' compares speed only between processes of the same speed regime (by probe score); default. */
  speedRegimes?: 'match' | 'ignore';
  /** Probe scores further apart than this ratio − 1 belong to different regimes; default 0.15. */
  regimeGap?: number;
  /** Between-regime CV left after calibration normalization (measured 7.9 %); default 0.08. */
  normalizationResidualCv?: number;
  /** Family-wise error rate of the Holm-adjusted per-cell flags; default 0.05. */
  familywiseAlpha?: number;
  /** Whether an inconclusive verdict fails the gate (e.g. sides in different speed regimes); default 'pass'. */
  onInconclusive?: 'pass' | 'fail';
  /**
   * 'paired' when process i of each side ran next to the other's process i (duet mode): intervals come from
   * the per-pair ratios and the sides count as one machine. Default 'independent' (a committed baseline).
   */
  design?: 'independent' | 'paired';
}

const fraction = z.number().gt(0).lt(1);
const { maxThroughputDrop, maxMemoryGrowth, maxColdStartGrowth } = THRESHOLD_SETTINGS;
const optionsSchema = z.object({
  maxThroughputDrop: maxThroughputDrop.kind.configSchema.optional(),
  maxMemoryGrowth: maxMemoryGrowth.kind.configSchema.optional(),
  maxColdStartGrowth: maxColdStartGrowth.kind.configSchema.optional(),
  metrics: z
    .partialRecord(
      metricNameSchema,
      z.object({ threshold: z.number().gt(0).optional(), gated: z.boolean().optional() }),
    )
    .optional(),
  onMachineMismatch: machinePolicySchema.optional(),
  speedRegimes: z.enum(['match', 'ignore']).optional(),
  regimeGap: z.number().gt(0).optional(),
  normalizationResidualCv: z.number().min(0).optional(),
  familywiseAlpha: fraction.optional(),
  onInconclusive: z.enum(['pass', 'fail']).optional(),
  design: z.enum(['independent', 'paired']).optional(),
});

function validateOptions(options: CompareOptions): z.infer<typeof optionsSchema> {
  const result = optionsSchema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join('.') ?? '(options)';
  throw createUsageError({
    input: `comparison option ${path}`,
    expected: 'a value in range (thresholds are fractions, e.g. 0.1 for 10 %)',
    received: issue?.message ?? 'an invalid value',
    fix: 'Fix the option; see the comparison options in the README.',
  });
}

/** Fills in the defaults; the result is recorded in comparison.json as `settings`. */
export function resolveCompareOptions(options: CompareOptions = {}): ComparisonSettings {
  const valid = validateOptions(options);
  const overrides = valid.metrics ?? {};
  const coldStart = valid.maxColdStartGrowth ?? COLD_START_GROWTH_DEFAULT;
  const thresholds: Record<MetricName, number> = {
    throughput:
      overrides.throughput?.threshold ?? valid.maxThroughputDrop ?? maxThroughputDrop.fallback(NO_CONTEXT),
    peakMemoryMB:
      overrides.peakMemoryMB?.threshold ?? valid.maxMemoryGrowth ?? maxMemoryGrowth.fallback(NO_CONTEXT),
    p95LatencyMs: overrides.p95LatencyMs?.threshold ?? 0.1,
    coldStartMs: overrides.coldStartMs?.threshold ?? coldStart,
    loadRssMB: overrides.loadRssMB?.threshold ?? coldStart,
  };
  const gatedByDefault: Record<MetricName, boolean> = {
    throughput: true,
    peakMemoryMB: true,
    p95LatencyMs: false,
    coldStartMs: false,
    loadRssMB: false,
  };
  const gated = METRICS.map((metric) => metric.name).filter(
    (name) => overrides[name]?.gated ?? gatedByDefault[name],
  );
  return {
    thresholds,
    gated,
    onMachineMismatch: valid.onMachineMismatch ?? 'normalize',
    speedRegimes: valid.speedRegimes ?? 'match',
    regimeGap: valid.regimeGap ?? 0.15,
    normalizationResidualCv: valid.normalizationResidualCv ?? 0.08,
    familywiseAlpha: valid.familywiseAlpha ?? 0.05,
    onInconclusive: valid.onInconclusive ?? 'pass',
    design: valid.design ?? 'independent',
    confidence: 0.95,
  };
}
