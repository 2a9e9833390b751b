/** A setting kind with its own syntax: `--shard i/n` (a matrix job's slice of the sweep). */
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
