/**
 * Adds the processes of extra rounds (adaptive sampling) to the cells' states. Pure: returns a new map.
 *
 * An extra round is numbered after the cell's existing processes, so `round` stays unique within a cell and
 * index i of every per-process array still means "the i-th process of this cell". A cell that was already
 * skipped or failed keeps its state (it was not compared, so it is never re-measured). A failure or memory
 * stop in an extra process is a failure of the cell like in the first pass: the new status wins, the runs
 * already measured are kept.
 */
import type { CellState } from '../../measure/protocol/schedule/run-cells.js';
import type { CompletedRun } from '../../measure/protocol/assemble/summarize-cell.js';

function nextRound(runs: readonly CompletedRun[]): number {
  return runs.reduce((highest, run) => Math.max(highest, run.round + 1), 0);
}

function renumber(runs: readonly CompletedRun[], offset: number): CompletedRun[] {
  return runs.map((run) => ({ round: offset + run.round, result: run.result }));
}

/** One cell's state after adding `extra`'s processes to `existing`'s. */
export function mergeCellState(existing: CellState, extra: CellState): CellState {
  if (existing.status !== 'running') return existing;
  const runs = [...existing.runs, ...renumber(extra.runs, nextRound(existing.runs))];
  switch (extra.status) {
    case 'running':
      return { status: 'running', runs };
    case 'skipped':
      return { status: 'skipped', reason: extra.reason, detail: extra.detail, runs };
    case 'failed':
      return { status: 'failed', error: extra.error, runs };
  }
}

/** Every cell of `existing`, with `extra`'s processes added where it has some (cells keyed by cellId). */
export function mergeCellStates(
  existing: ReadonlyMap<string, CellState>,
  extra: ReadonlyMap<string, CellState>,
): Map<string, CellState> {
  const merged = new Map<string, CellState>();
  for (const [key, state] of existing) {
    const added = extra.get(key);
    merged.set(key, added === undefined ? state : mergeCellState(state, added));
  }
  return merged;
}
