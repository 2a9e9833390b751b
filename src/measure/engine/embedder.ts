import type { OrtOptions } from './onnx-session.js';

/** Turns one text into token ids including the model's special tokens ([CLS] … [SEP]). */
export interface TextTokenizer {
  /** "folder path" of the tokenizer.json, or "builtin-hash" for the offline fallback. */
  readonly name: string;
  encode(text: string): number[];
}

/** Time spent in each stage of one batch, in milliseconds. */
export interface BatchTiming {
  tokenizeMs: number;
  inferenceMs: number;
  poolingMs: number;
  otherMs: number;
  totalMs: number;
}

export interface BatchTokens {
  real: number;
  padded: number;
  truncated: number;
  sequenceLength: number;
}

export interface BatchOutcome {
  embeddings: ArrayLike<number>[];
  timing: BatchTiming;
  /** Null when the embedder's tokenization is not visible (a custom embedder without a tokenizer). */
  tokens: BatchTokens | null;
}

/** What the protocol measures: the built-in ONNX engine or a user's module, behind one interface. */
export interface ProfiledEmbedder {
  readonly kind: 'onnx' | 'custom';
  embedBatch(texts: string[]): Promise<BatchOutcome>;
  close(): Promise<void>;
}

export type Clock = () => number;

/** How a worker builds its embedder (built-in ONNX engine or a custom module); every path is already local. */
export type EngineSpec =
  | {
      kind: 'onnx';
      onnxPath: string;
      tokenizerDir: string | null;
      maxTokens: number;
      threads: number;
      ort: OrtOptions;
      /** false runs the engine without output checks, to measure what the checks cost. */
      checked?: boolean;
      /** Rows of the model's word-embedding table, for the token-id check; null or absent when unknown. */
      vocabSize?: number | null;
    }
  | {
      kind: 'custom';
      modulePath: string;
      tokenizerDir: string | null;
      maxTokens: number;
      userOptions: Record<string, unknown>;
    };
