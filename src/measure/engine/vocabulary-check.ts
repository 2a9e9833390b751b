/**
 * Token ids against the model's vocabulary, before ONNX Runtime sees them: a tokenizer that does not belong
 * to the model produces ids past its word-embedding table, and ONNX Runtime's own answer is a Gather error
 * about an index range, in every cell. Here it is one input error naming both inputs.
 */
import { createUsageError } from '../../ground/errors.js';
import type { EncodedBatch } from './batch-encoding.js';

export interface VocabularyCheck {
  /** Rows of the model's word-embedding table; null when the graph does not say (nothing is checked). */
  vocabSize: number | null;
  tokenizerName: string;
  onnxPath: string;
}

/** The largest id in a batch's input ids. */
function findLargestId(batch: EncodedBatch): bigint {
  let largest = 0n;
  for (const id of batch.inputIds) if (id > largest) largest = id;
  return largest;
}

/** Throws the input error when a token id is past the model's vocabulary. */
export function checkTokenIds(batch: EncodedBatch, check: VocabularyCheck): void {
  if (check.vocabSize === null) return;
  const largest = findLargestId(batch);
  if (largest < BigInt(check.vocabSize)) return;
  throw createUsageError({
    input: `--tokenizer ${check.tokenizerName} with --model ${check.onnxPath}`,
    expected: `token ids below ${check.vocabSize}, the rows of the model's word-embedding table`,
    received: `token id ${largest}: the tokenizer does not belong to this model`,
    fix: "Pass --tokenizer the folder of the tokenizer the model was exported with (or omit it to use the model folder's own), or --model the model this tokenizer belongs to.",
  });
}
