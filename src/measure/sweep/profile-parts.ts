/** The corpus, config and cell-list sections of profile.json, shared by `profile` and `gate`. */
import { createHash } from 'node:crypto';
import type { Corpus } from '../corpus/index.js';
import { runsAnalysis, selectShardCells, type ProfileOptions } from './profile-options.js';
import type { MeasurePolicy } from '../protocol/worker/measure-cell.js';
import { recordConfig } from '../protocol/recorded-config.js';
import type { CellKey } from '../../ground/schema/cell-key.js';
import type { Profile, ProfileConfig } from '../protocol/profile-schema.js';

export function describeCorpus(corpus: Corpus): Profile['corpus'] {
  const sha256 = createHash('sha256').update(corpus.texts.join('\n')).digest('hex');
  const meanChars = corpus.texts.reduce((sum, text) => sum + text.length, 0) / corpus.texts.length;
  const texts = corpus.texts.length;
  switch (corpus.source.kind) {
    case 'file':
      return { source: corpus.source.path, format: corpus.source.format, texts, sha256, meanChars };
    case 'builtin':
      return { source: `builtin:${corpus.source.name}`, format: 'builtin', texts, sha256, meanChars };
  }
}

/** Every recorded setting as the run used it, and the policy's facts; the analysis only where it ran. */
export function toProfileConfig(options: ProfileOptions, policy: MeasurePolicy): ProfileConfig {
  return { ...recordConfig(options, policy), analysis: runsAnalysis(options) };
}

/** The cells of the sweep, batch sweep first, as `embedprof profile` measures them. */
export function listSweepCells(options: ProfileOptions): CellKey[] {
  return selectShardCells(listAllCells(options), options.shard);
}

/** Every cell of the sweep, ignoring --shard. */
export function listAllCells(
  options: Pick<ProfileOptions, 'batchSizes' | 'lengths' | 'lengthBatchSize'>,
): CellKey[] {
  return [
    ...options.batchSizes.map((batchSize): CellKey => ({ sweep: 'batch', batchSize })),
    ...options.lengths.map((chars): CellKey => ({
      sweep: 'length',
      chars,
      batchSize: options.lengthBatchSize,
    })),
  ];
}
