// The messages of a cell job: the job the parent sends a fresh worker, and the worker's reply.
import type { BatchTokens, BatchTiming, EngineSpec } from '../../engine/embedder.js';
import type { MemoryBreakdown } from '../../../ground/platform/process-memory.js';
import type { MeasurePolicy } from '../worker/measure-cell.js';
import type { ProbeReading, ProbeSpec } from '../probe-calibration.js';

/** Measures one cell of a sweep in a fresh process. */
export interface CellJob {
  kind: 'cell';
  engine: EngineSpec;
  probe: ProbeSpec;
  batches: string[][];
  policy: MeasurePolicy;
  maxMemoryMB: number;
  /** The longest one batch (one `embed()` call) may take before the parent stops the worker; null for no limit. */
  batchTimeoutMs: number | null;
  /** Duet gates: compute only during turns the parent grants (one batch, or the probe, per turn). */
  lockstep?: boolean;
}

export interface WorkerResult {
  warmupBatches: number;
  warmupSteady: boolean;
  measuredSeconds: number;
  timings: BatchTiming[];
  tokens: (BatchTokens | null)[];
  textsPerBatch: number[];
  /** How many distinct batches the cell replays (the first pass over them is the cell's corpus). */
  distinctBatches: number;
  /** What went wrong without costing the measurements (a close() that did not finish); absent when none. */
  warnings?: string[];
  /** The process's cold start: its own start and module loading, the embedder's creation, its first batch. */
  coldStart: { bootMs: number; loadMs: number; firstBatchMs: number };
  memory: {
    readings: { baseline: MemoryBreakdown; afterLoad: MemoryBreakdown; steadyState: MemoryBreakdown };
    baselineMB: number;
    afterLoadMB: number;
    steadyStateMB: number;
    peakMB: number;
    peakSource: 'vmhwm' | 'sampled';
  };
  /** Calibration probe readings taken right after the cell's measured batches. */
  probes: ProbeReading[];
}

export type FailureKind = 'usage' | 'runtime' | 'allocation' | 'memory-cap' | 'timeout';

/** What a worker with a batch timeout tells the parent around each batch, so the parent can time it. */
export type BatchSignal = { kind: 'batch-start' } | { kind: 'batch-end' };

export type WorkerFailure = { kind: 'failed'; failure: FailureKind; message: string };

export type CellReply = { kind: 'ok'; result: WorkerResult } | WorkerFailure;
