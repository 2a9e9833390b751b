/**
 * The comparison flags shared by `embedprof compare` and `embedprof gate`: which baseline, the thresholds,
 * the machine-mismatch policy and which metrics fail the gate (--fail-on).
 */
import type { CompareOptions } from '../compare/compare-options.js';
import type { MachineMismatchPolicy, MetricName } from '../compare/comparison-schema.js';
import { createUsageError } from '../errors.js';
import type { BaselineRequest } from '../gate/choose-baseline.js';
import { parseChoice, parsePositiveNumber } from './parse-values.js';

export const COMPARE_FLAGS = {
  baseline: { type: 'string' },
  'baseline-name': { type: 'string' },
  'on-machine-mismatch': { type: 'string' },
  'max-throughput-drop': { type: 'string' },
  'max-memory-growth': { type: 'string' },
  'fail-on': { type: 'string' },
} as const;

export const COMPARE_FLAGS_HELP = `  --baseline FILE|DIR     a baseline file, or a folder of them (the one recorded on this machine and
                          configuration is chosen; else the closest); predecessor result files load as
                          legacy baselines: indicative only, never failing the gate
  --baseline-name NAME    only consider the baseline named NAME (baselines/NAME.json)
  --on-machine-mismatch P normalize (default: compare calibration-normalized throughput) | warn (raw,
                          indicative only) | fail (exit 2 listing the differences) | skip (compare nothing)
  --max-throughput-drop F throughput drop the gate must catch (default 0.10 = 10 %)
  --max-memory-growth F   peak-memory growth the gate must catch (default 0.10)
  --fail-on LIST          metrics whose regression fails the gate: throughput, memory, latency, or none
                          (default throughput,memory)`;

export interface CompareFlagValues {
  baseline?: string;
  'baseline-name'?: string;
  'on-machine-mismatch'?: string;
  'max-throughput-drop'?: string;
  'max-memory-growth'?: string;
  'fail-on'?: string;
}

export interface ComparisonRequest {
  baseline: BaselineRequest;
  policy: MachineMismatchPolicy;
  options: CompareOptions;
}

const FAIL_ON_METRICS = {
  throughput: 'throughput',
  memory: 'peakMemoryMB',
  latency: 'p95LatencyMs',
} as const;
const FAIL_ON_NAMES = ['throughput', 'memory', 'latency'] as const;

/** "throughput,memory" → the metric names; "none" → []. */
export function parseFailOn(value: string): MetricName[] {
  if (value.trim() === 'none') return [];
  const parts = value.split(',').map((part) => part.trim());
  if (parts.some((part) => part === '')) {
    throw createUsageError({
      input: '--fail-on',
      expected: `a comma-separated list of ${FAIL_ON_NAMES.join(', ')}, or none`,
      received: JSON.stringify(value),
      fix: 'Pass e.g. --fail-on throughput,memory.',
    });
  }
  const names = parts.map((part) => parseChoice('--fail-on', part, FAIL_ON_NAMES));
  return [...new Set(names.map((name) => FAIL_ON_METRICS[name]))];
}

function parseFraction(flag: string, value: string): number {
  const number = parsePositiveNumber(flag, value);
  if (number < 1) return number;
  throw createUsageError({
    input: flag,
    expected: 'a fraction between 0 and 1 (0.10 = 10 %)',
    received: JSON.stringify(value),
    fix: `Pass e.g. ${flag} 0.10.`,
  });
}

export function requireFlag(value: string | undefined, flag: string, expected: string): string {
  if (value !== undefined && value !== '') return value;
  throw createUsageError({
    input: flag,
    expected,
    received: 'nothing',
    fix: `Pass ${flag} (see --help).`,
  });
}

/** Turns the flags into the baseline request and the options of compareProfiles. */
/** A duet gate's request: the baseline is only the fallback and may be absent. */
export type GateComparisonRequest = Omit<ComparisonRequest, 'baseline'> & {
  baseline: BaselineRequest | null;
};

export function readComparisonFlags(values: CompareFlagValues): ComparisonRequest {
  const path = requireFlag(values.baseline, '--baseline', 'a baseline file or a folder of baselines');
  return {
    ...readGateComparisonFlags(values, false),
    baseline: { path, name: values['baseline-name'] ?? null },
  };
}

/** The comparison flags; without `baselineOptional` a missing --baseline is a usage error. */
export function readGateComparisonFlags(
  values: CompareFlagValues,
  baselineOptional: boolean,
): GateComparisonRequest {
  const path =
    baselineOptional && (values.baseline === undefined || values.baseline === '')
      ? null
      : requireFlag(values.baseline, '--baseline', 'a baseline file or a folder of baselines');
  const policy = parseChoice('--on-machine-mismatch', values['on-machine-mismatch'] ?? 'normalize', [
    'normalize',
    'warn',
    'fail',
    'skip',
  ] as const);
  const gated = parseFailOn(values['fail-on'] ?? 'throughput,memory');
  const drop = values['max-throughput-drop'];
  const growth = values['max-memory-growth'];
  return {
    baseline: path === null ? null : { path, name: values['baseline-name'] ?? null },
    policy,
    options: {
      onMachineMismatch: policy,
      ...(drop === undefined ? {} : { maxThroughputDrop: parseFraction('--max-throughput-drop', drop) }),
      ...(growth === undefined
        ? {}
        : { maxMemoryGrowth: parsePositiveNumber('--max-memory-growth', growth) }),
      metrics: {
        throughput: { gated: gated.includes('throughput') },
        peakMemoryMB: { gated: gated.includes('peakMemoryMB') },
        p95LatencyMs: { gated: gated.includes('p95LatencyMs') },
      },
    },
  };
}
