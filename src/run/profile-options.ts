/**
 * What one side of a run measures and how: the settings the measurement reads (a slice of the settings
 * table, so every name is the table's), and the cells of the sweep a shard takes.
 */
import type { Shard } from '../settings/shard-and-metrics.js';
import type { SettingValues } from '../settings/setting-table.js';
import type { CellKey } from '../schema/cell-key.js';

export type ProfileOptions = Pick<
  SettingValues,
  | 'model'
  | 'embedder'
  | 'dtype'
  | 'tokenizer'
  | 'maxTokens'
  | 'corpus'
  | 'preset'
  | 'batchSizes'
  | 'lengths'
  | 'lengthBatchSize'
  | 'processes'
  | 'threads'
  | 'graphOptimization'
  | 'ortSpinning'
  | 'maxMemoryMB'
  | 'workerTimeoutSeconds'
  | 'batchTimeoutSeconds'
  | 'cacheDir'
  | 'hubEndpoint'
  | 'out'
  | 'seed'
  | 'shard'
  | 'latencySloMs'
  | 'cpuProfile'
  | 'analysis'
  | 'quiet'
>;

/** The cells of shard `shard`, dealt round-robin in sweep order (all of them without one). */
export function selectShardCells(cells: readonly CellKey[], shard: Shard | null): CellKey[] {
  if (shard === null) return [...cells];
  return cells.filter((_, position) => position % shard.count === shard.index - 1);
}

/** The analysis runs once per sweep: in shard 1 of a sharded run. */
export function runsAnalysis(options: Pick<ProfileOptions, 'analysis' | 'shard'>): boolean {
  return options.analysis && (options.shard === null || options.shard.index === 1);
}
