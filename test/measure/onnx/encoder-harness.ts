// Shared by the onnx tests: run a generated encoder in onnxruntime-node and pool its output.
import * as ort from 'onnxruntime-node';
import { computeCosine } from '../../../src/measure/analysis/embedding-agreement.js';

export const batch = 2;
export const sequence = 7;
/** Row 0 is full; row 1 is padded after 4 tokens. */
export const maskRows = [
  [1, 1, 1, 1, 1, 1, 1],
  [1, 1, 1, 1, 0, 0, 0],
];

export interface EncoderOutput {
  dims: readonly number[];
  data: Float32Array;
}

/** Token ids of the default batch: a 7-token sentence and a 4-token one padded to 7. */
export const idRows = [
  [101, 2023, 2003, 1037, 3231, 6251, 102],
  [101, 7592, 2088, 102, 0, 0, 0],
];

function toInt64(rows: number[][]): ort.Tensor {
  const width = rows[0]?.length ?? 0;
  return new ort.Tensor(
    'int64',
    BigInt64Array.from(rows.flat(), (value) => BigInt(value)),
    [rows.length, width],
  );
}

export async function createSession(bytes: Uint8Array, extra: ort.InferenceSession.SessionOptions = {}) {
  return ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 2,
    graphOptimizationLevel: 'all',
    ...extra,
  });
}

/** Runs a batch (by default [2, 7], second row padded) and returns last_hidden_state. */
export async function runEncoder(bytes: Uint8Array, ids = idRows, mask = maskRows): Promise<EncoderOutput> {
  const session = await createSession(bytes);
  try {
    const types = ids.map((row) => row.map(() => 0));
    const result = await session.run({
      input_ids: toInt64(ids),
      attention_mask: toInt64(mask),
      token_type_ids: toInt64(types),
    });
    const output = result['last_hidden_state'];
    if (output === undefined || !(output.data instanceof Float32Array))
      throw new Error('no float last_hidden_state');
    return { dims: output.dims, data: output.data };
  } finally {
    await session.release();
  }
}

/** Mean over the unmasked tokens of each row: sentence-transformers' mean pooling. */
export function meanPool(output: EncoderOutput, hidden: number): Float32Array[] {
  return maskRows.map((mask, row) => {
    const pooled = new Float32Array(hidden);
    const kept = mask.reduce((sum, value) => sum + value, 0);
    mask.forEach((value, position) => {
      if (value === 0) return;
      const offset = (row * sequence + position) * hidden;
      for (let dim = 0; dim < hidden; dim++)
        pooled[dim] = (pooled[dim] ?? 0) + (output.data[offset + dim] ?? 0) / kept;
    });
    return pooled;
  });
}

/** The same cosine the agreement check computes. */
export const cosine = (a: Float32Array, b: Float32Array): number => computeCosine(a, b);
