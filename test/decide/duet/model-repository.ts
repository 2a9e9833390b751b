/**
 * Model folders for duet tests: a hub-layout folder with the real tokenizer, and an ONNX graph made slower
 * without changing what it computes (a tail of MatMul projections whose product is the identity).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFloatTensor } from '../../../src/measure/onnx/onnx-builder.js';
import { decodeModel } from '../../../src/measure/onnx/onnx-decode.js';
import { encodeModel } from '../../../src/measure/onnx/onnx-encode.js';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';

const HIDDEN = 384;
const INNER = 1536;

/** A rows × cols matrix holding the identity in its top-left corner, zeros elsewhere. */
function projectIdentity(rows: number, cols: number): Float32Array {
  const matrix = new Float32Array(rows * cols);
  for (let i = 0; i < Math.min(rows, cols); i++) matrix[i * cols + i] = 1;
  return matrix;
}

/**
 * `bytes` with x → x·W1·W2 repeated `pairs` times after the graph's first output: W1 (384 × 1536) and W2
 * (1536 × 384) are projections whose product is the identity, so the embeddings stay the same and only the
 * time grows (dense work ONNX Runtime cannot skip).
 */
export function appendMatMulTail(bytes: Uint8Array, pairs: number): Uint8Array {
  const model = decodeModel(bytes);
  const { graph } = model;
  const output = graph.outputs[0]?.name ?? '';
  const producer = graph.nodes.find((node) => node.outputs.includes(output));
  if (producer === undefined) throw new Error(`the model has no node producing ${output}`);
  producer.outputs = producer.outputs.map((name) => (name === output ? `${output}_encoder` : name));
  let current = `${output}_encoder`;
  for (let pair = 0; pair < pairs; pair++) {
    const [up, down] = [`tail_${pair}_up`, `tail_${pair}_down`];
    graph.initializers.push(createFloatTensor(up, [HIDDEN, INNER], projectIdentity(HIDDEN, INNER)));
    graph.initializers.push(createFloatTensor(down, [INNER, HIDDEN], projectIdentity(INNER, HIDDEN)));
    const inner = `tail_${pair}_inner`;
    const next = pair === pairs - 1 ? output : `tail_${pair}_out`;
    const node = (name: string, inputs: string[], outputs: string[]) => ({
      ...{ name, opType: 'MatMul', domain: '', inputs, outputs, attributes: [] },
    });
    graph.nodes.push(
      node(`${up}_matmul`, [current, up], [inner]),
      node(`${down}_matmul`, [inner, down], [next]),
    );
    current = next;
  }
  return encodeModel(model);
}

/** What a model folder holds besides the real tokenizer files: the ONNX file's dtype, config.json, tokenizer.json. */
export interface FolderOptions {
  dtype?: 'q8' | 'fp32';
  /** config.json's content; the real all-MiniLM-L6-v2 one when absent. */
  config?: object;
  /** tokenizer.json's content; the real one when absent. */
  tokenizer?: object;
}

/** A hub-layout model folder: the real tokenizer (or `tokenizer`) and config (or `config`), and the ONNX file. */
export function writeModelFolder(dir: string, onnx: Uint8Array, options: FolderOptions = {}): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  for (const name of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'])
    copyFileSync(join(miniLmTokenizerDir(), name), join(dir, name));
  if (options.config) writeFileSync(join(dir, 'config.json'), JSON.stringify(options.config));
  if (options.tokenizer) writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(options.tokenizer));
  const file = (options.dtype ?? 'q8') === 'q8' ? 'model_quantized.onnx' : 'model.onnx';
  writeFileSync(join(dir, 'onnx', file), onnx);
}

/**
 * The real tokenizer.json with `rules` extra Replace normalizers after BERT's own, each replacing every space
 * by a space: the tokens stay the same, and tokenizing takes longer (each rewrites the text and its offsets).
 */
export function slowTokenizer(rules: number): object {
  const json = JSON.parse(readFileSync(join(miniLmTokenizerDir(), 'tokenizer.json'), 'utf8')) as {
    normalizer: unknown;
  };
  const extra = Array.from({ length: rules }, () => ({
    type: 'Replace',
    pattern: { String: ' ' },
    content: ' ',
  }));
  return { ...json, normalizer: { type: 'Sequence', normalizers: [json.normalizer, ...extra] } };
}
