/**
 * Duet mode's operator attribution, measured: for a regressed cell, ONNX Runtime profiles the same batch in
 * fresh base and head processes, round after round, the first side alternating, and the traces are compared
 * per operator type (compare/operator-deltas.ts). Only when both sides run embedprof's ONNX engine: a custom
 * embedder's session is its own. A failed profile leaves the operators out, with the reason.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperatorHotspots } from '../../measure/analysis/index.js';
import type { EngineSpec } from '../../measure/engine/embedder.js';
import { runInFreshProcess } from '../../measure/protocol/ipc/spawn-worker.js';
import type { DuetSide } from '../../measure/protocol/schedule/run-lockstep-pair.js';
import { registerSignalCleanup } from '../../ground/platform/signal-cleanup.js';

/** Rounds of one base and one head process: three give a t interval and a turn first for either side. */
export const OPERATOR_ROUNDS = 3;
/** Profiled runs of the batch in each process (the first run's one-time costs are shared by both sides). */
export const OPERATOR_RUNS = 6;
/** Every operator type by name: a type summed into "other" would read as absent. */
const KEEP_EVERY_TYPE = 1000;
const TIMEOUT_MS = 5 * 60 * 1000;

type OnnxEngine = Extract<EngineSpec, { kind: 'onnx' }>;

export type OperatorRounds =
  | { kind: 'profiled'; base: OperatorHotspots[]; head: OperatorHotspots[] }
  | { kind: 'failed'; side: DuetSide; message: string };

/** Both engines when both are embedprof's ONNX engine, else null. */
export function pickOnnxEngines(engines: Record<DuetSide, EngineSpec>): Record<DuetSide, OnnxEngine> | null {
  const { base, head } = engines;
  return base.kind === 'onnx' && head.kind === 'onnx' ? { base, head } : null;
}

/** Profiles `batch` on both sides, OPERATOR_ROUNDS rounds; a side's failure ends it with that side's message. */
export async function profileOperatorPairs(
  engines: Record<DuetSide, OnnxEngine>,
  batch: string[],
  cell: string,
): Promise<OperatorRounds> {
  const traceDir = await mkdtemp(join(tmpdir(), 'embedprof-ort-'));
  const unregister = registerSignalCleanup(() => rmSync(traceDir, { recursive: true, force: true }));
  const traces: Record<DuetSide, OperatorHotspots[]> = { base: [], head: [] };
  try {
    for (let round = 0; round < OPERATOR_ROUNDS; round++) {
      const order: DuetSide[] = round % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
      for (const side of order) {
        const job = { kind: 'operator-profile' as const, engine: engines[side], batches: [batch] };
        const reply = await runInFreshProcess(
          { ...job, runs: OPERATOR_RUNS, traceDir, cell, top: KEEP_EVERY_TYPE },
          TIMEOUT_MS,
        );
        if (reply.kind === 'failed') return { kind: 'failed', side, message: reply.message };
        if (reply.kind !== 'operator-profile') {
          return { kind: 'failed', side, message: `unexpected reply ${reply.kind}` };
        }
        traces[side].push(reply.operators);
      }
    }
    return { kind: 'profiled', ...traces };
  } finally {
    unregister();
    await rm(traceDir, { recursive: true, force: true });
  }
}
