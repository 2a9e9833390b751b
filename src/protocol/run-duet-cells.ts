/**
 * Duet mode's measurement: for every scheduled run of a cell, one fresh process of the base and one of the
 * head, back to back, in ABBA order (base first on even runs, head first on odd ones) so that neither side
 * always gets the warmer or the later slot. Process i of a cell's base and process i of its head are thus a
 * pair measured within seconds of each other, which is what the paired comparison relies on.
 */
import type { MeasurePolicy } from './measure-cell.js';
import type { ProgressReporter } from './progress.js';
import { createCellStates, recordReply, type CellState } from './run-cells.js';
import { describeCell, planRuns, type CellKey } from './schedule.js';
import { runInFreshProcess } from './spawn-worker.js';
import type { EngineSpec, ProbeSpec } from './worker-job.js';

export type DuetSide = 'base' | 'head';

export interface DuetCellsRequest {
  cells: CellKey[];
  batchesFor: (cell: CellKey) => string[][];
  engines: Record<DuetSide, EngineSpec>;
  probe: ProbeSpec;
  policy: MeasurePolicy;
  pairsPerCell: number;
  maxMemoryMB: number;
  seed: number;
  workerTimeoutMs: number;
  progress: ProgressReporter;
}

export type DuetStates = Record<DuetSide, Map<string, CellState>>;

/** The order of the two sides in the `index`-th pair of the whole schedule: ABBA. */
export function orderPair(index: number): [DuetSide, DuetSide] {
  return index % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
}

const isRunning = (states: DuetStates, key: string): boolean =>
  states.base.get(key)?.status === 'running' && states.head.get(key)?.status === 'running';

/** Runs every pair; a cell stops on both sides as soon as one side's process fails or hits the memory cap. */
export async function runDuetCells(request: DuetCellsRequest): Promise<DuetStates> {
  const states: DuetStates = { base: createCellStates(request.cells), head: createCellStates(request.cells) };
  const runs = planRuns(request.cells, request.pairsPerCell, request.seed);
  const batches = new Map(request.cells.map((cell) => [describeCell(cell), request.batchesFor(cell)]));
  for (const [index, run] of runs.entries()) {
    const key = describeCell(run.cell);
    for (const side of orderPair(index)) {
      if (!isRunning(states, key)) break;
      request.progress.update(index + 1, runs.length, `${key}, pair ${run.round + 1}, ${side}`);
      const reply = await runInFreshProcess(
        {
          kind: 'cell',
          engine: request.engines[side],
          probe: request.probe,
          batches: batches.get(key) ?? [],
          policy: request.policy,
          maxMemoryMB: request.maxMemoryMB,
        },
        request.workerTimeoutMs,
      );
      recordReply(states[side], request.cells, run.cell, run.round, reply, request);
    }
    dropUnpairedRun(states, key, run.round);
  }
  return states;
}

/** When one side of a pair failed, the other side's run of that pair is dropped too: pairs stay aligned. */
function dropUnpairedRun(states: DuetStates, key: string, round: number): void {
  const base = states.base.get(key);
  const head = states.head.get(key);
  if (base === undefined || head === undefined) return;
  const has = (state: CellState) => state.runs.some((run) => run.round === round);
  if (has(base) === has(head)) return;
  for (const state of [base, head]) state.runs = state.runs.filter((run) => run.round !== round);
}
