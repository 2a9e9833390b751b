import type * as ort from 'onnxruntime-node';
import { RuntimeFailure } from '../../ground/errors.js';
import { encodeBatch } from './batch-encoding.js';
import type { BatchOutcome, Clock, ProfiledEmbedder, TextTokenizer } from './embedder.js';
import { loadOnnxRuntime } from './onnx-runtime.js';
import { openSession, type SessionOptions } from './onnx-session.js';
import { checkEmbeddings, poolMeanNormalized } from './pooling.js';
import { checkTokenIds } from './vocabulary-check.js';

export interface OnnxEmbedderOptions extends SessionOptions {
  onnxPath: string;
  tokenizer: TextTokenizer;
  maxTokens: number;
  clock?: Clock;
  /** false skips the output checks (the stage timers stay: they are five clock reads a batch). */
  checked?: boolean;
  /** Rows of the model's word-embedding table (graph-analysis.ts); token ids are checked against it. */
  vocabSize?: number | null;
}

export interface OnnxEmbedder extends ProfiledEmbedder {
  readonly session: ort.InferenceSession;
  /** Ends ORT profiling; ORT writes the trace to `<profilePrefix>_<timestamp>.json`. */
  endProfiling(): void;
}

/** The built-in engine: tokenize → pad → ONNX Runtime → mean pooling → L2 norm, timing each stage. */
export async function createOnnxEmbedder(options: OnnxEmbedderOptions): Promise<OnnxEmbedder> {
  const { Tensor } = await loadOnnxRuntime();
  const session = await openSession(options.onnxPath, options);
  const clock = options.clock ?? (() => performance.now());
  const firstOutput = session.outputNames.includes('last_hidden_state')
    ? 'last_hidden_state'
    : session.outputNames[0];
  if (firstOutput === undefined) throw new RuntimeFailure(`${options.onnxPath}: the model has no outputs.`);
  const outputName: string = firstOutput;
  const wantsTokenTypes = session.inputNames.includes('token_type_ids');
  // each distinct batch is checked once, the first time it runs (in warm-up): replays are the same arrays
  const checkedBatches = new WeakSet<string[]>();
  const vocabulary = {
    vocabSize: options.vocabSize ?? null,
    tokenizerName: options.tokenizer.name,
    onnxPath: options.onnxPath,
  };

  async function embedBatch(texts: string[]): Promise<BatchOutcome> {
    const start = clock();
    const batch = encodeBatch(options.tokenizer, texts, options.maxTokens);
    if (!checkedBatches.has(texts)) {
      checkTokenIds(batch, vocabulary);
      checkedBatches.add(texts);
    }
    const dims = [batch.rows, batch.sequenceLength];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new Tensor('int64', batch.inputIds, dims),
      attention_mask: new Tensor('int64', batch.attentionMask, dims),
    };
    if (wantsTokenTypes) feeds.token_type_ids = new Tensor('int64', batch.tokenTypeIds, dims);
    const tokenized = clock();
    const outputs = await session.run(feeds, [outputName]);
    const inferred = clock();
    const hidden = outputs[outputName];
    if (hidden === undefined || !(hidden.data instanceof Float32Array) || hidden.dims.length !== 3) {
      throw new RuntimeFailure(`${options.onnxPath}: expected a float [batch, sequence, hidden] output.`);
    }
    const dimension = Number(hidden.dims[2]);
    const embeddings = poolMeanNormalized(
      hidden.data,
      batch.attentionMask,
      batch.rows,
      batch.sequenceLength,
      dimension,
    );
    hidden.dispose();
    const pooled = clock();
    if (options.checked !== false) {
      checkEmbeddings(embeddings, texts.length, { expectedDimension: dimension, requireUnitNorm: true });
    }
    const end = clock();
    return {
      embeddings,
      timing: {
        tokenizeMs: tokenized - start,
        inferenceMs: inferred - tokenized,
        poolingMs: pooled - inferred,
        otherMs: end - pooled,
        totalMs: end - start,
      },
      tokens: {
        real: batch.realTokens,
        padded: batch.rows * batch.sequenceLength,
        truncated: batch.truncatedTexts,
        sequenceLength: batch.sequenceLength,
      },
    };
  }

  return {
    kind: 'onnx',
    session,
    embedBatch,
    endProfiling: () => session.endProfiling(),
    close: () => session.release(),
  };
}
