import type { Dtype } from '../schema/common-schema.js';
import type { GraphOptimization } from '../engine/onnx-session.js';
import type { BatchTokens, BatchTiming } from '../engine/embedder.js';
import type { MeasurePolicy } from './measure-cell.js';
import type { ProbeReading } from './probe.js';

/** How a worker builds its embedder; everything is already resolved to local paths. */
export type EngineSpec =
  | {
      kind: 'onnx';
      onnxPath: string;
      tokenizerDir: string | null;
      maxTokens: number;
      threads: number;
      graphOptimization: GraphOptimization;
    }
  | {
      kind: 'custom';
      modulePath: string;
      tokenizerDir: string | null;
      maxTokens: number;
      userOptions: Record<string, unknown>;
    };

export interface ProbeSpec {
  dtype: Dtype;
  m: number;
  k: number;
  n: number;
  threads: number;
}

export interface WorkerJob {
  engine: EngineSpec;
  probe: ProbeSpec;
  batches: string[][];
  policy: MeasurePolicy;
  maxMemoryMB: number;
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
  memory: {
    baselineMB: number;
    afterLoadMB: number;
    steadyStateMB: number;
    peakMB: number;
    peakSource: 'vmhwm' | 'sampled';
  };
  /** Probe readings taken right after each measured batch (null entries when no probe ran). */
  probes: (ProbeReading | null)[];
}

export type FailureKind = 'usage' | 'runtime' | 'allocation' | 'memory-cap';

export type WorkerReply =
  { kind: 'ok'; result: WorkerResult } | { kind: 'failed'; failure: FailureKind; message: string };
