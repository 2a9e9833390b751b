import type { CellKey } from '../../schema/cell-schema.js';

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
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  for (let round = 1; round < rounds; round++) {
    const order = [...cells];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] as CellKey, order[i] as CellKey];
    }
    runs.push(...order.map((cell) => ({ cell, round })));
  }
  return runs;
}
