/**
 * Duet mode's measurement: for every scheduled run of a cell, a fresh process of the base and one of the
 * head, alive together and taking turns batch by batch (run-lockstep-pair.ts); the base starts a cell's even
 * pairs, the head its odd ones. Process i of a cell's base and process i of its head are thus a pair whose batches
 * interleave within milliseconds, which is what the paired comparison relies on.
 */
import type { MeasurePolicy } from '../worker/measure-cell.js';
import type { ProgressReporter } from './progress.js';
import { createCellStates, recordReply, type CellState } from './run-cells.js';
import { cellId, formatCellLabel, type CellKey } from '../../../ground/schema/cell-key.js';
import { planRuns } from './plan-runs.js';
import { runLockstepPair, type DuetSide } from './run-lockstep-pair.js';
import type { EngineSpec } from '../../engine/embedder.js';
import type { ProbeSpec } from '../probe-calibration.js';
import type { CellJob, CellReply } from '../ipc/cell-job.js';

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
  batchTimeoutMs: number | null;
  progress: ProgressReporter;
  /** Reads a side's replies before they are recorded, e.g. to say a failure is the base's (run-duet-gate.ts). */
  adaptReply?: Partial<Record<DuetSide, (reply: CellReply) => CellReply>>;
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
  const batches = new Map(request.cells.map((cell) => [cellId(cell), request.batchesFor(cell)]));
  for (const [index, run] of runs.entries()) {
    const key = cellId(run.cell);
    if (!isRunning(states, key)) continue;
    request.progress.update(index + 1, runs.length, `${formatCellLabel(run.cell)}, pair ${run.round + 1}`);
    const job = (side: DuetSide): CellJob => ({
      kind: 'cell',
      engine: request.engines[side],
      probe: request.probe,
      batches: batches.get(key) ?? [],
      policy: request.policy,
      maxMemoryMB: request.maxMemoryMB,
      batchTimeoutMs: request.batchTimeoutMs,
    });
    // per cell, pairs alternate which side starts, so no cell always gives one side the first turn; the seed
    // sets the parity, so a later call (an adaptive round: seed + round; the confirmation: seed + 7919) with an
    // odd count of pairs does not always hand the extra first turn to the same side
    const [first] = orderPair(run.round + (request.seed % 2));
    const replies = await runLockstepPair(
      { base: job('base'), head: job('head') },
      first,
      request.workerTimeoutMs,
    );
    for (const side of ['base', 'head'] as const) {
      const reply = request.adaptReply?.[side]?.(replies[side]) ?? replies[side];
      recordReply(states[side], request.cells, run.cell, run.round, reply, request);
    }
    dropUnpairedRun(states, key, run.round);
    markLostToBase(states, key);
  }
  return states;
}

/** What a head cell says when the base failed before any pair of it completed. */
export const LOST_TO_BASE = 'not measured: the base failed in this cell, so no pair completed';

/** A head cell left with no pair because the base's process failed: say so, not "no process completed". */
function markLostToBase(states: DuetStates, key: string): void {
  const base = states.base.get(key);
  const head = states.head.get(key);
  if (base === undefined || head === undefined || base.status === 'running') return;
  if (head.status === 'running' && head.runs.length === 0) {
    states.head.set(key, { status: 'failed', error: LOST_TO_BASE, runs: [] });
  }
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
