/**
 * Serialises the ONNX data of onnx-types.ts to protobuf bytes, with the field numbers of onnx.proto.
 * Repeated scalars that onnx.proto (proto2) does not mark packed are written one per field, as protoc would.
 */
import type {
  AttributeProto,
  Dimension,
  GraphProto,
  ModelProto,
  NodeProto,
  TensorProto,
  ValueInfoProto,
} from './onnx-types.js';
import { AttributeType } from './onnx-types.js';
import { ProtobufWriter } from './protobuf-writer.js';

/** Encodes a whole model; the result is a valid `.onnx` file. */
export function encodeModel(model: ModelProto): Uint8Array {
  const writer = new ProtobufWriter();
  writer.writeVarintField(1, model.irVersion);
  writer.writeStringField(2, model.producerName);
  writer.writeStringField(3, model.producerVersion);
  writer.writeMessageField(7, (inner) => writeGraph(inner, model.graph));
  for (const opset of model.opsetImports) {
    writer.writeMessageField(8, (inner) => {
      if (opset.domain !== '') inner.writeStringField(1, opset.domain);
      inner.writeVarintField(2, opset.version);
    });
  }
  return writer.finish();
}

function writeGraph(writer: ProtobufWriter, graph: GraphProto): void {
  for (const node of graph.nodes) writer.writeMessageField(1, (inner) => writeNode(inner, node));
  writer.writeStringField(2, graph.name);
  for (const tensor of graph.initializers) writer.writeMessageField(5, (inner) => writeTensor(inner, tensor));
  for (const input of graph.inputs) writer.writeMessageField(11, (inner) => writeValueInfo(inner, input));
  for (const output of graph.outputs) writer.writeMessageField(12, (inner) => writeValueInfo(inner, output));
  for (const info of graph.valueInfo) writer.writeMessageField(13, (inner) => writeValueInfo(inner, info));
}

function writeNode(writer: ProtobufWriter, node: NodeProto): void {
  for (const input of node.inputs) writer.writeStringField(1, input);
  for (const output of node.outputs) writer.writeStringField(2, output);
  if (node.name !== '') writer.writeStringField(3, node.name);
  writer.writeStringField(4, node.opType);
  for (const attribute of node.attributes)
    writer.writeMessageField(5, (inner) => writeAttribute(inner, attribute));
  if (node.domain !== '') writer.writeStringField(7, node.domain);
}

/** Writes a TensorProto: dims, data type, name, then whichever data field is set. */
export function writeTensor(writer: ProtobufWriter, tensor: TensorProto): void {
  for (const dim of tensor.dims) writer.writeVarintField(1, dim);
  writer.writeVarintField(2, tensor.dataType);
  if (tensor.floatData !== undefined) writer.writePackedFloats(4, tensor.floatData);
  if (tensor.int32Data !== undefined) writer.writePackedVarints(5, tensor.int32Data);
  if (tensor.int64Data !== undefined) writer.writePackedVarints(7, tensor.int64Data);
  if (tensor.name !== '') writer.writeStringField(8, tensor.name);
  if (tensor.rawData.length > 0) writer.writeBytesField(9, tensor.rawData);
}

function writeAttribute(writer: ProtobufWriter, attribute: AttributeProto): void {
  writer.writeStringField(1, attribute.name);
  const value = attribute.value;
  switch (value.kind) {
    case 'float':
      writer.writeFloatField(2, value.value);
      break;
    case 'int':
      writer.writeVarintField(3, value.value);
      break;
    case 'string':
      writer.writeStringField(4, value.value);
      break;
    case 'tensor':
      writer.writeMessageField(5, (inner) => writeTensor(inner, value.value));
      break;
    case 'graph':
      writer.writeMessageField(6, (inner) => writeGraph(inner, value.value));
      break;
    case 'floats':
      for (const item of value.value) writer.writeFloatField(7, item);
      break;
    case 'ints':
      for (const item of value.value) writer.writeVarintField(8, item);
      break;
    default:
      assertNever(value);
  }
  writer.writeVarintField(20, AttributeType[value.kind]);
}

function writeValueInfo(writer: ProtobufWriter, info: ValueInfoProto): void {
  writer.writeStringField(1, info.name);
  writer.writeMessageField(2, (type) =>
    type.writeMessageField(1, (tensorType) => {
      tensorType.writeVarintField(1, info.elemType);
      const shape = info.shape;
      if (shape !== undefined) {
        tensorType.writeMessageField(2, (shapeWriter) => {
          for (const dim of shape) shapeWriter.writeMessageField(1, (inner) => writeDimension(inner, dim));
        });
      }
    }),
  );
}

function writeDimension(writer: ProtobufWriter, dim: Dimension): void {
  switch (dim.kind) {
    case 'value':
      writer.writeVarintField(1, dim.value);
      break;
    case 'param':
      writer.writeStringField(2, dim.name);
      break;
    default:
      assertNever(dim);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}
