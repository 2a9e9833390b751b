import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../../src/ground/errors.js';
import {
  attr,
  createFloatTensor,
  createInt64Tensor,
  OnnxGraphBuilder,
} from '../../../src/measure/onnx/onnx-builder.js';
import { decodeModel } from '../../../src/measure/onnx/onnx-decode.js';
import { encodeModel } from '../../../src/measure/onnx/onnx-encode.js';
import { DataType } from '../../../src/measure/onnx/onnx-types.js';
import { ProtobufReader } from '../../../src/measure/onnx/protobuf-reader.js';
import { ProtobufWriter, WireType } from '../../../src/measure/onnx/protobuf-writer.js';

test('varints, fixed-width numbers and nested messages round-trip', () => {
  const varints = [0, 1, 127, 128, 300, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER, -1, -300, -(2 ** 40)];
  const writer = new ProtobufWriter();
  for (const value of varints) writer.writeVarintField(1, value);
  writer.writeFloatField(2, 1.5);
  writer.writeDoubleField(3, Math.PI);
  writer.writeMessageField(4, (inner) => inner.writeStringField(1, 'héllo'));
  writer.writeBytesField(5, new Uint8Array(1000).fill(7));
  const bytes = writer.finish();
  assert.equal(bytes.length, writer.length);

  const reader = new ProtobufReader(bytes, 'test bytes');
  for (const value of varints) {
    assert.deepEqual(reader.readTag(), { field: 1, wireType: WireType.varint });
    assert.equal(reader.readVarint(), value);
  }
  assert.equal((reader.readTag(), reader.readFloat()), 1.5);
  assert.equal((reader.readTag(), reader.readDouble()), Math.PI);
  reader.readTag();
  const nested = reader.readMessage();
  nested.readTag();
  assert.equal(nested.readString(), 'héllo');
  reader.readTag();
  assert.deepEqual(reader.readBytes(), new Uint8Array(1000).fill(7));
  assert.ok(reader.done);
});

function buildSmallModel() {
  const builder = new OnnxGraphBuilder('small');
  const x = builder.addInput('x', DataType.float, ['batch', 4]);
  const w = builder.addInitializer(
    createFloatTensor('w', [4, 2], Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8])),
  );
  const axes = builder.addInitializer(createInt64Tensor('axes', [1], [-1]));
  const y = builder.addOp('MatMul', [x, w], { name: '/MatMul' });
  const z = builder.addOp('ReduceSum', [y, axes], {
    name: '/ReduceSum',
    attributes: { keepdims: attr.int(0) },
  });
  const s = builder.addOp('LeakyRelu', [z], { name: '/LeakyRelu', attributes: { alpha: attr.float(0.25) } });
  builder.addOp('Transpose', [y], { name: '/Transpose', attributes: { perm: attr.ints([1, 0]) } });
  builder.addOutput(s, DataType.float, ['batch']);
  return builder.toModel();
}

test('a small model survives encode → decode unchanged', () => {
  const model = buildSmallModel();
  const decoded = decodeModel(encodeModel(model), 'small model');
  assert.equal(decoded.irVersion, model.irVersion);
  assert.deepEqual(decoded.opsetImports, model.opsetImports);
  assert.deepEqual(decoded.graph.inputs, model.graph.inputs);
  assert.deepEqual(decoded.graph.outputs, model.graph.outputs);
  assert.deepEqual(decoded.graph.nodes, model.graph.nodes);
  assert.deepEqual(
    decoded.graph.initializers.map((t) => ({ ...t, rawData: Array.from(t.rawData) })),
    model.graph.initializers.map((t) => ({ ...t, rawData: Array.from(t.rawData) })),
  );
});

test('garbage, truncated and non-ONNX bytes are UsageErrors naming the source', () => {
  const valid = encodeModel(buildSmallModel());
  const samples: [string, Uint8Array][] = [
    ['truncated', valid.subarray(0, Math.floor(valid.length / 2))],
    ['text', new TextEncoder().encode('<html>404 Not Found</html>')],
    ['zeros', new Uint8Array(64)],
    ['empty', new Uint8Array(0)],
    ['overlong varint', new Uint8Array(12).fill(0xff)],
    ['pseudo-random', Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)],
  ];
  for (const [label, bytes] of samples) {
    assert.throws(
      () => decodeModel(bytes, `models/${label}.onnx`),
      (error: unknown) =>
        error instanceof UsageError && error.message.startsWith(`models/${label}.onnx: expected`),
      label,
    );
  }
});
