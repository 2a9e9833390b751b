/**
 * `--shard i/n`: this job measures a slice of the sweep's cells, so a GitHub Actions matrix of n jobs covers
 * the whole sweep and `embedprof merge` puts it back together. Cells are dealt round-robin in sweep order,
 * so every shard gets small and large batches alike; the analysis runs in shard 1 only.
 */
import { createUsageError } from '../errors.js';
import type { CellKey } from '../schema/cell-schema.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export const MAX_SHARDS = 64;

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || index < 1 || count < 1 || index > count || count > MAX_SHARDS) {
    throw createUsageError({
      input: '--shard',
      expected: `i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS}, e.g. 2/3`,
      received: JSON.stringify(value),
      fix: 'In a matrix job pass e.g. --shard ${{ matrix.shard }}/3 with shard: [1, 2, 3].',
    });
  }
  return { index, count };
}

/** The cells of shard `shard` (all of them without one). */
export function selectShardCells(cells: readonly CellKey[], shard: Shard | null): CellKey[] {
  if (shard === null) return [...cells];
  return cells.filter((_, position) => position % shard.count === shard.index - 1);
}
