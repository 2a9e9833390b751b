import { createRandom, shuffleCopy } from '../../../ground/random/index.js';
import type { CellKey } from '../../../ground/schema/cell-key.js';

export interface ScheduledRun {
  cell: CellKey;
  round: number;
}

/**
 * Plans `rounds` fresh processes per cell. Round 0 runs each sweep in ascending order, so batch escalation
 * can stop at the memory cap before trying larger batches; later rounds interleave all cells in a seeded
 * shuffled order, so no cell's processes run back to back and a slow minute hits many cells a little rather
 * than one cell a lot.
 */
export function planRuns(cells: CellKey[], rounds: number, seed: number): ScheduledRun[] {
  const runs: ScheduledRun[] = cells.map((cell) => ({ cell, round: 0 }));
  const random = createRandom(seed, { algorithm: 'xorshift32', floatBits: 32 });
  for (let round = 1; round < rounds; round++) {
    const order = shuffleCopy(cells, random.nextInt);
    runs.push(...order.map((cell) => ({ cell, round })));
  }
  return runs;
}
