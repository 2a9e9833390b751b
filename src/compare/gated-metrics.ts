/**
 * The metrics a check can be failed on, by the names users give them (`throughput,memory`), and the compared
 * metric each one gates. The settings table parses the names; the comparison and the history check use them.
 */
import type { MetricName } from './comparison-schema.js';

export const FAIL_ON_NAMES = ['throughput', 'memory', 'latency'] as const;
export type FailOnName = (typeof FAIL_ON_NAMES)[number];

/** The metric of the comparison (and of a history series) that `name` gates. */
export const GATED_METRIC: Readonly<Record<FailOnName, MetricName>> = {
  throughput: 'throughput',
  memory: 'peakMemoryMB',
  latency: 'p95LatencyMs',
};
