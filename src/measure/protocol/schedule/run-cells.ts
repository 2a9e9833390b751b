import { quoteUserText, UsageError } from '../../../ground/errors.js';
import type { MeasurePolicy } from '../worker/measure-cell.js';
import type { ProgressReporter } from './progress.js';
import { cellId, formatCellLabel, type CellKey } from '../../../ground/schema/cell-key.js';
import { planRuns } from './plan-runs.js';
import { runInFreshProcess } from '../ipc/spawn-worker.js';
import type { CompletedRun } from '../assemble/summarize-cell.js';
import type { EngineSpec } from '../../engine/embedder.js';
import type { ProbeSpec } from '../probe-calibration.js';
import type { CellReply } from '../ipc/cell-job.js';

export type CellState =
  | { status: 'running'; runs: CompletedRun[] }
  | { status: 'skipped'; reason: 'memory-cap' | 'allocation-failure'; detail: string; runs: CompletedRun[] }
  | { status: 'failed'; error: string; runs: CompletedRun[] };

export interface RunCellsRequest {
  cells: CellKey[];
  batchesFor: (cell: CellKey) => string[][];
  engine: EngineSpec;
  probe: ProbeSpec;
  policy: MeasurePolicy;
  processesPerCell: number;
  maxMemoryMB: number;
  seed: number;
  workerTimeoutMs: number;
  batchTimeoutMs: number | null;
  progress: ProgressReporter;
}

/**
 * Runs every scheduled process, one at a time (parallel workers would compete for the same cores). A usage
 * error inside a worker stops everything; a memory stop skips the cell and every larger batch; any other
 * failure marks the cell failed and the rest goes on.
 */
export async function runCells(request: RunCellsRequest): Promise<Map<string, CellState>> {
  const states = createCellStates(request.cells);
  const runs = planRuns(request.cells, request.processesPerCell, request.seed);
  const batches = new Map(request.cells.map((cell) => [cellId(cell), request.batchesFor(cell)]));
  for (const [index, run] of runs.entries()) {
    const key = cellId(run.cell);
    const state = states.get(key);
    if (state?.status !== 'running') continue;
    request.progress.update(index + 1, runs.length, `${formatCellLabel(run.cell)}, process ${run.round + 1}`);
    const reply = await runInFreshProcess(
      {
        kind: 'cell',
        engine: request.engine,
        probe: request.probe,
        batches: batches.get(key) ?? [],
        policy: request.policy,
        maxMemoryMB: request.maxMemoryMB,
        batchTimeoutMs: request.batchTimeoutMs,
      },
      request.workerTimeoutMs,
    );
    recordReply(states, request.cells, run.cell, run.round, reply, request);
  }
  return states;
}

/** The cells' states, all running and empty. */
export function createCellStates(cells: readonly CellKey[]): Map<string, CellState> {
  return new Map(cells.map((cell) => [cellId(cell), { status: 'running', runs: [] }]));
}

/**
 * Records a worker's reply in the cells' states: a run, or the failure's consequence (see runCells). Shared
 * with duet mode, which keeps one map per side.
 */
export function recordReply(
  states: Map<string, CellState>,
  cells: CellKey[],
  cell: CellKey,
  round: number,
  reply: CellReply,
  request: Pick<RunCellsRequest, 'progress' | 'maxMemoryMB'>,
): void {
  const key = cellId(cell);
  const label = formatCellLabel(cell);
  const state = states.get(key);
  if (!state) return;
  if (reply.kind === 'ok') {
    state.runs.push({ round, result: reply.result });
    for (const warning of reply.result.warnings ?? []) noteOnce(request.progress, { label, text: warning });
    return;
  }
  switch (reply.failure) {
    case 'usage':
      throw new UsageError(reply.message);
    case 'runtime':
    case 'timeout':
      noteOnce(request.progress, { label, failed: true, text: reply.message });
      states.set(key, { status: 'failed', error: reply.message, runs: state.runs });
      return;
    case 'allocation':
    case 'memory-cap': {
      const reason = reply.failure === 'memory-cap' ? 'memory-cap' : 'allocation-failure';
      const detail =
        reply.failure === 'memory-cap'
          ? `stopped above --max-memory-mb ${request.maxMemoryMB}: ${reply.message}`
          : reply.message;
      request.progress.note(`${label}: stopped (${reason}); larger batches are skipped`);
      states.set(key, { status: 'skipped', reason, detail, runs: state.runs });
      skipLargerBatches(states, cells, cell, reason);
      return;
    }
  }
}

/** Per progress reporter (one per run): each note's text and the first cell it was noted for. */
const notedFor = new WeakMap<ProgressReporter, Map<string, string>>();

/**
 * "warning: batch 4 failed: …" the first time, "warning: batch 8 failed: the same as batch 4" after: an
 * embedder that fails the same way in every cell is reported once. A warning that cost no cell is said once.
 */
function noteOnce(progress: ProgressReporter, note: { label: string; failed?: boolean; text: string }): void {
  const noted = notedFor.get(progress) ?? new Map<string, string>();
  notedFor.set(progress, noted);
  const text = quoteUserText(note.text);
  const first = noted.get(text);
  if (first === undefined) noted.set(text, note.label);
  if (first !== undefined && note.failed !== true) return;
  const subject = note.failed === true ? `${note.label} failed` : note.label;
  progress.note(`warning: ${subject}: ${first === undefined ? text : `the same as ${first}`}`);
}

function skipLargerBatches(
  states: Map<string, CellState>,
  cells: CellKey[],
  stopped: CellKey,
  reason: 'memory-cap' | 'allocation-failure',
): void {
  if (stopped.sweep !== 'batch') return;
  for (const cell of cells) {
    if (cell.sweep !== 'batch' || cell.batchSize <= stopped.batchSize) continue;
    const state = states.get(cellId(cell));
    if (state?.status !== 'running') continue;
    const detail = `not run: batch ${stopped.batchSize} already stopped (${reason})`;
    states.set(cellId(cell), { status: 'skipped', reason, detail, runs: state.runs });
  }
}
