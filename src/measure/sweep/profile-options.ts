/**
 * What one side of a run measures and how: every measure setting (protocol/measure-settings.ts, so every
 * name is the table's) with the output folder and quiet flag, and the cells of the sweep a shard takes.
 */
import type { MeasureValues } from '../protocol/recorded-config.js';
import type { Shard } from '../protocol/setting-kit/shard-and-metrics.js';
import type { CellKey } from '../../ground/schema/cell-key.js';

export type ProfileOptions = MeasureValues & { out: string; quiet: boolean };

/** The cells of shard `shard`, dealt round-robin in sweep order (all of them without one). */
export function selectShardCells(cells: readonly CellKey[], shard: Shard | null): CellKey[] {
  if (shard === null) return [...cells];
  return cells.filter((_, position) => position % shard.count === shard.index - 1);
}

/** The analysis runs once per sweep: in shard 1 of a sharded run. */
export function runsAnalysis(options: Pick<ProfileOptions, 'analysis' | 'shard'>): boolean {
  return options.analysis && (options.shard === null || options.shard.index === 1);
}
