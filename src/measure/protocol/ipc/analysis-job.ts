// The messages of the analysis phase's jobs, and the union of every job and reply a worker handles.
import type { OperatorHotspots } from '../../analysis/index.js';
import type { EmbeddingAgreement } from '../../../ground/schema/analysis-schema.js';
import type { EngineSpec } from '../../engine/embedder.js';
import type { CellJob, CellReply, WorkerFailure } from './cell-job.js';

/** One side of an A/B experiment: an engine configuration and the batches it embeds each round. */
export interface ExperimentVariant {
  label: string;
  engine: EngineSpec;
  batches: string[][];
}

/** Jobs of the analysis phase, each in its own fresh process like the cells. */
export type AnalysisJob =
  | { kind: 'leak-check'; engine: EngineSpec; batches: string[][]; warmupRounds: number; rounds: number }
  | {
      kind: 'operator-profile';
      engine: Extract<EngineSpec, { kind: 'onnx' }>;
      batches: string[][];
      runs: number;
      traceDir: string;
      cell: string;
      /** Operator types kept by name (the rest are summed as otherShare); 10 when absent. */
      top?: number;
    }
  | {
      kind: 'ab-experiment';
      a: ExperimentVariant;
      b: ExperimentVariant;
      rounds: number;
      /** Also compare the two variants' embeddings of their warm-up batches (the same texts on both sides). */
      compareOutputs?: boolean;
    }
  | { kind: 'cpu-profile'; engine: EngineSpec; batches: string[][]; rounds: number; outPath: string }
  /** Duet mode's quality check: one side's embeddings of a fixed sample, in order. */
  | { kind: 'embed-sample'; engine: EngineSpec; batches: string[][] };

export interface LeakReading {
  texts: number;
  rssMB: number;
  heapUsedMB: number;
}

export type AnalysisReply =
  | { kind: 'leak-check'; readings: LeakReading[]; textsPerRound: number }
  | { kind: 'operator-profile'; operators: OperatorHotspots }
  | {
      kind: 'ab-experiment';
      pairs: { baseline: number; variant: number }[];
      agreement: EmbeddingAgreement | null;
    }
  | { kind: 'cpu-profile'; path: string }
  | { kind: 'embed-sample'; embeddings: number[][] }
  | WorkerFailure;

export type WorkerJob = CellJob | AnalysisJob;
export type WorkerReply = CellReply | AnalysisReply;
