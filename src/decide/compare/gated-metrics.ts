/**
 * The metrics a check can be failed on, by the names users give them (`throughput,memory`), and the compared
 * metric each one gates. The settings table parses the names; the comparison and the history check use them.
 */
import { z } from 'zod';
import type { SettingKind } from '../../measure/protocol/setting-kit/setting-kinds.js';
import type { MetricName } from './comparison-schema.js';

export const FAIL_ON_NAMES = ['throughput', 'memory', 'latency', 'cold-start'] as const;
export type FailOnName = (typeof FAIL_ON_NAMES)[number];

/** The metrics of the comparison (and of a history series) that `name` gates. */
export const GATED_METRICS: Readonly<Record<FailOnName, readonly MetricName[]>> = {
  throughput: ['throughput'],
  memory: ['peakMemoryMB'],
  latency: ['p95LatencyMs'],
  'cold-start': ['coldStartMs', 'loadRssMB'],
};

/** "throughput,memory" → the names; "none" → []. */
export function failOnKind(): SettingKind<FailOnName[]> {
  const expected = `a comma-separated list of ${FAIL_ON_NAMES.join(', ')}, or none`;
  return {
    parseText: (text) => {
      if (text === 'none') return { ok: true, value: [] };
      const parts = text.split(',').map((part) => part.trim());
      const names = FAIL_ON_NAMES.filter((name) => parts.includes(name));
      const known = parts.every((part) => (FAIL_ON_NAMES as readonly string[]).includes(part));
      return known ? { ok: true, value: names } : { ok: false, expected, example: 'throughput,memory' };
    },
    configSchema: z.array(z.enum(FAIL_ON_NAMES)),
    formatText: (names) => (names.length === 0 ? 'none' : names.join(',')),
    path: 'none',
  };
}
