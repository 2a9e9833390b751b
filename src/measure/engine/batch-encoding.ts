import type { TextTokenizer } from './embedder.js';

/** A batch of token ids padded to its longest row, laid out row-major as ORT wants int64 tensors. */
export interface EncodedBatch {
  rows: number;
  sequenceLength: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
  realTokens: number;
  truncatedTexts: number;
}

/**
 * Tokenizes, truncates to maxTokens (keeping the final special token, as HF truncation does) and pads to the
 * batch maximum with pad id 0.
 */
export function encodeBatch(tokenizer: TextTokenizer, texts: string[], maxTokens: number): EncodedBatch {
  let truncatedTexts = 0;
  const rows = texts.map((text) => {
    const ids = tokenizer.encode(text);
    if (ids.length <= maxTokens) return ids;
    truncatedTexts++;
    const last = ids[ids.length - 1] ?? 0;
    return [...ids.slice(0, maxTokens - 1), last];
  });
  const sequenceLength = Math.max(1, ...rows.map((ids) => ids.length));
  const size = rows.length * sequenceLength;
  const inputIds = new BigInt64Array(size);
  const attentionMask = new BigInt64Array(size);
  let realTokens = 0;
  rows.forEach((ids, row) => {
    const offset = row * sequenceLength;
    for (let i = 0; i < ids.length; i++) {
      inputIds[offset + i] = BigInt(ids[i] ?? 0);
      attentionMask[offset + i] = 1n;
    }
    realTokens += ids.length;
  });
  return {
    rows: rows.length,
    sequenceLength,
    inputIds,
    attentionMask,
    tokenTypeIds: new BigInt64Array(size),
    realTokens,
    truncatedTexts,
  };
}
