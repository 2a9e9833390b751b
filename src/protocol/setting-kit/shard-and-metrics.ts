/**
 * Two setting kinds with their own syntax: `--shard i/n` (a matrix job's slice of the sweep) and `--fail-on`
 * (the metrics whose regression fails the gate).
 */
import { z } from 'zod';
import type { SettingKind } from './setting-kinds.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export const MAX_SHARDS = 64;

export function shardKind(): SettingKind<Shard> {
  const expected = `i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS} (shard i of n, 1-based)`;
  const valid = (shard: Shard) => shard.index >= 1 && shard.index <= shard.count && shard.count <= MAX_SHARDS;
  return {
    parseText: (text) => {
      const match = /^(\d+)\/(\d+)$/.exec(text);
      const shard = { index: Number(match?.[1]), count: Number(match?.[2]) };
      return match !== null && valid(shard)
        ? { ok: true, value: shard }
        : { ok: false, expected, example: '1/2' };
    },
    configSchema: z
      .object({ index: z.number().int(), count: z.number().int() })
      .strict()
      .refine(valid, { message: `expected ${expected}` }),
    formatText: (shard) => `${shard.index}/${shard.count}`,
    path: 'none',
  };
}

export const FAIL_ON_NAMES = ['throughput', 'memory', 'latency'] as const;
export type FailOnName = (typeof FAIL_ON_NAMES)[number];

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
