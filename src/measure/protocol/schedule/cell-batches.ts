import { buildTextsOfLength } from '../../corpus/index.js';
import { createRandom, shuffleCopy } from '../../../ground/random/index.js';
import type { CellKey } from '../../../ground/schema/cell-key.js';

const LENGTH_BATCHES = 2;

/**
 * The batches a cell replays, identical in every process of the cell. Batch cells take consecutive slices of
 * a seeded shuffle of the corpus, `distinctTexts` of them (at least one batch), so every batch size up to
 * `distinctTexts` sees the same texts; length cells get texts of exactly N characters built from corpus words.
 * A process measures whole passes over them (worker/measure-cell.ts): fewer distinct texts, shorter passes.
 */
export function buildCellBatches(
  cell: CellKey,
  texts: string[],
  seed: number,
  distinctTexts: number,
): string[][] {
  switch (cell.sweep) {
    case 'batch': {
      const shuffled = shuffleTexts(texts, seed);
      const count = Math.max(1, Math.ceil(distinctTexts / cell.batchSize));
      return Array.from({ length: count }, (_, b) =>
        Array.from(
          { length: cell.batchSize },
          (_, i) => shuffled[(b * cell.batchSize + i) % shuffled.length] ?? '',
        ),
      );
    }
    case 'length': {
      const built = buildTextsOfLength(texts, cell.chars, cell.batchSize * LENGTH_BATCHES, seed);
      return Array.from({ length: LENGTH_BATCHES }, (_, b) =>
        built.slice(b * cell.batchSize, (b + 1) * cell.batchSize),
      );
    }
  }
}

/** The seeded order both the batch sweep and the analysis take texts in. */
export function shuffleTexts(texts: string[], seed: number): string[] {
  const random = createRandom(seed, { algorithm: 'lcg32' });
  return shuffleCopy(texts, (bound) => random.nextUint32() % bound);
}
