import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../../src/ground/errors.js';
import {
  computeDenseFlopsPerToken,
  countEncoderParameters,
  findArchitecture,
} from '../../../src/measure/onnx/architectures.js';
import { buildBertModel } from '../../../src/measure/onnx/bert-graph.js';
import { analyzeModel, computeFlopsPerToken } from '../../../src/measure/onnx/graph-analysis.js';
import {
  attr,
  createByteTensor,
  createFloatTensor,
  createInt64Tensor,
  microsoftOpset,
  OnnxGraphBuilder,
} from '../../../src/measure/onnx/onnx-builder.js';
import { encodeModel } from '../../../src/measure/onnx/onnx-encode.js';
import { DataType } from '../../../src/measure/onnx/onnx-types.js';

const miniLm = findArchitecture('all-MiniLM-L6-v2');

test('all-MiniLM-L6-v2 analysis matches the architecture, in fp32 and q8', () => {
  const h = miniLm.hiddenSize;
  const i = miniLm.intermediateSize;
  const dense = 2 * (miniLm.layers * (4 * h * h + 2 * h * i));
  assert.equal(computeDenseFlopsPerToken(miniLm), dense);
  assert.equal(countEncoderParameters(miniLm), 22_565_376);
  for (const dtype of ['fp32', 'q8'] as const) {
    const analysis = analyzeModel(buildBertModel(miniLm, dtype, 42), `synthetic ${dtype}`);
    assert.equal(analysis.parameterCount, countEncoderParameters(miniLm), dtype);
    assert.equal(analysis.attentionMatMulCount, 2 * miniLm.layers, dtype);
    assert.equal(analysis.denseFlopsPerToken, dense, dtype);
    assert.equal(analysis.opset, 17);
    assert.equal(analysis.vocabSize, miniLm.vocabSize, `${dtype}: the word-embedding table's rows`);
    assert.deepEqual(
      analysis.inputs.map((input) => [input.name, input.elementType, input.shape]),
      ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => [
        name,
        'int64',
        ['batch_size', 'sequence_length'],
      ]),
    );
    assert.deepEqual(analysis.outputs, [
      { name: 'last_hidden_state', elementType: 'float32', shape: ['batch_size', 'sequence_length', h] },
    ]);
    const bytesPerParameter = analysis.initializerBytes / analysis.parameterCount;
    assert.ok(
      dtype === 'fp32' ? bytesPerParameter > 3.99 : bytesPerParameter < 1.01,
      `${dtype}: ${bytesPerParameter}`,
    );
    assert.equal(computeFlopsPerToken(analysis, h, 128), dense + 2 * h * 2 * miniLm.layers * 128);
  }
});

/** A graph in the shapes other exporters produce: Gemm with transB, QDQ weights, Constant nodes, IR-3 inputs. */
function buildExportLikeModel(): Uint8Array {
  const builder = new OnnxGraphBuilder('export_like');
  const x = builder.addInput('x', DataType.float, ['batch', 'seq', 8]);
  builder.addInput('gemm.weight', DataType.float, [16, 8]); // an initializer also listed as an input (IR < 4)
  const flat = builder.addOp(
    'Reshape',
    [x, builder.addInitializer(createInt64Tensor('flat', [2], [-1, 8]))],
    {
      name: 'flatten',
    },
  );
  builder.addInitializer(createFloatTensor('gemm.weight', [16, 8], new Float32Array(128)));
  const gemm = builder.addOp('Gemm', [flat, 'gemm.weight'], {
    name: 'gemm',
    attributes: { transB: attr.int(1) },
  });
  builder.addInitializer(createByteTensor('w_q', [16, 4], new Int8Array(64)));
  builder.addInitializer(createFloatTensor('w_scale', [], Float32Array.of(0.1)));
  builder.addInitializer(createByteTensor('w_zero', [], Int8Array.of(0)));
  const w = builder.addOp('DequantizeLinear', ['w_q', 'w_scale', 'w_zero'], { name: 'dq' });
  const projected = builder.addOp('MatMul', [gemm, w], { name: 'qdq_matmul' });
  const constant = builder.addOp('Constant', [], {
    name: 'const_weight',
    attributes: { value: attr.tensor(createFloatTensor('', [4, 2], new Float32Array(8))) },
  });
  const out = builder.addOp('MatMul', [projected, constant], { name: 'constant_matmul' });
  const scores = builder.addOp('MatMul', [out, builder.addOp('Transpose', [out], { name: 't' })], {
    name: 'scores',
  });
  builder.addOutput(scores, DataType.float, ['n', 'n']);
  return encodeModel(builder.toModel([{ domain: '', version: 13 }, microsoftOpset]));
}

test('exporter variants: Gemm, DequantizeLinear weights, Constant nodes, initializers listed as inputs', () => {
  const analysis = analyzeModel(buildExportLikeModel(), 'export-like.onnx');
  assert.deepEqual(
    analysis.inputs.map((input) => input.name),
    ['x'],
  );
  assert.equal(analysis.opset, 13);
  assert.equal(analysis.vocabSize, null, 'no input_ids, no vocabulary');
  assert.equal(analysis.denseFlopsPerToken, 2 * (16 * 8 + 16 * 4 + 4 * 2));
  assert.equal(analysis.attentionMatMulCount, 1);
  assert.equal(analysis.parameterCount, 128 + 64);
  assert.equal(analysis.initializerBytes, 128 * 4 + 2 * 8 + 64 + 4 + 1);
  assert.equal(analysis.operatorCounts['DequantizeLinear'], 1);
});

test('a file that is not ONNX is a UsageError naming it', () => {
  const bytes = new TextEncoder().encode('{"not": "a model"}');
  assert.throws(
    () => analyzeModel(bytes, 'onnx/model.onnx'),
    (error: unknown) => error instanceof UsageError && error.message.includes('onnx/model.onnx'),
  );
});
