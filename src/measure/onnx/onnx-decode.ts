/**
 * Decodes ONNX protobuf bytes into the data of onnx-types.ts. Fields embedprof does not use are skipped;
 * tensor payloads stay views into the input. Anything that is not an ONNX ModelProto becomes a UsageError.
 */
import type {
  AttributeProto,
  AttributeValue,
  Dimension,
  GraphProto,
  ModelProto,
  NodeProto,
  OperatorSetId,
  TensorProto,
  ValueInfoProto,
} from './onnx-types.js';
import { ProtobufReader } from './protobuf-reader.js';
import { WireType } from './protobuf-writer.js';

/** Decodes a `.onnx` file. `source` names it in error messages (a path, or a label such as `model bytes`). */
export function decodeModel(bytes: Uint8Array, source = 'model bytes'): ModelProto {
  const reader = new ProtobufReader(bytes, source);
  const model: ModelProto = {
    irVersion: 0,
    producerName: '',
    producerVersion: '',
    opsetImports: [],
    graph: emptyGraph(),
  };
  let sawGraph = false;
  while (!reader.done) {
    const { field, wireType } = reader.readTag();
    if (field === 1 && wireType === WireType.varint) model.irVersion = reader.readVarint();
    else if (field === 2 && wireType === WireType.lengthDelimited) model.producerName = reader.readString();
    else if (field === 3 && wireType === WireType.lengthDelimited)
      model.producerVersion = reader.readString();
    else if (field === 7 && wireType === WireType.lengthDelimited) {
      model.graph = readGraph(reader.readMessage());
      sawGraph = true;
    } else if (field === 8 && wireType === WireType.lengthDelimited) {
      model.opsetImports.push(readOpset(reader.readMessage()));
    } else reader.skip(wireType);
  }
  if (!sawGraph || model.irVersion <= 0) {
    throw reader.fail(
      `a message without ${sawGraph ? 'ir_version' : 'a graph'} (every ONNX model has ir_version and a graph)`,
    );
  }
  return model;
}

function emptyGraph(): GraphProto {
  return { name: '', nodes: [], initializers: [], inputs: [], outputs: [], valueInfo: [] };
}

function readOpset(reader: ProtobufReader): OperatorSetId {
  const opset: OperatorSetId = { domain: '', version: 0 };
  while (!reader.done) {
    const { field, wireType } = reader.readTag();
    if (field === 1 && wireType === WireType.lengthDelimited) opset.domain = reader.readString();
    else if (field === 2 && wireType === WireType.varint) opset.version = reader.readVarint();
    else reader.skip(wireType);
  }
  return opset;
}

function readGraph(reader: ProtobufReader): GraphProto {
  const graph = emptyGraph();
  while (!reader.done) {
    const { field, wireType } = reader.readTag();
    if (wireType !== WireType.lengthDelimited) reader.skip(wireType);
    else if (field === 1) graph.nodes.push(readNode(reader.readMessage()));
    else if (field === 2) graph.name = reader.readString();
    else if (field === 5) graph.initializers.push(readTensor(reader.readMessage()));
    else if (field === 11) graph.inputs.push(readValueInfo(reader.readMessage()));
    else if (field === 12) graph.outputs.push(readValueInfo(reader.readMessage()));
    else if (field === 13) graph.valueInfo.push(readValueInfo(reader.readMessage()));
    else reader.skip(wireType);
  }
  return graph;
}

function readNode(reader: ProtobufReader): NodeProto {
  const node: NodeProto = { name: '', opType: '', domain: '', inputs: [], outputs: [], attributes: [] };
  while (!reader.done) {
    const { field, wireType } = reader.readTag();
    if (wireType !== WireType.lengthDelimited) reader.skip(wireType);
    else if (field === 1) node.inputs.push(reader.readString());
    else if (field === 2) node.outputs.push(reader.readString());
    else if (field === 3) node.name = reader.readString();
    else if (field === 4) node.opType = reader.readString();
    else if (field === 7) node.domain = reader.readString();
    else if (field === 5) {
      const attribute = readAttribute(reader.readMessage());
      if (attribute !== undefined) node.attributes.push(attribute);
    } else reader.skip(wireType);
  }
  return node;
}

/** Decodes one TensorProto (also used for Constant node values). */
export function readTensor(reader: ProtobufReader): TensorProto {
  const tensor: TensorProto = { name: '', dataType: 0, dims: [], rawData: new Uint8Array(0) };
  while (!reader.done) {
    const { field, wireType } = reader.readTag();
    if (field === 1) reader.readRepeatedVarints(wireType, tensor.dims);
    else if (field === 2 && wireType === WireType.varint) tensor.dataType = reader.readVarint();
    else if (field === 4) reader.readRepeatedFloats(wireType, (tensor.floatData ??= []));
    else if (field === 5) reader.readRepeatedVarints(wireType, (tensor.int32Data ??= []));
    else if (field === 7) reader.readRepeatedVarints(wireType, (tensor.int64Data ??= []));
    else if (field === 8 && wireType === WireType.lengthDelimited) tensor.name = reader.readString();
    else if (field === 9 && wireType === WireType.lengthDelimited) tensor.rawData = reader.readBytes();
    else if (field === 13) {
      tensor.external = true;
      reader.skip(wireType);
    } else if (field === 14 && wireType === WireType.varint) tensor.external = reader.readVarint() === 1;
    else reader.skip(wireType);
  }
  return tensor;
}

function readAttribute(reader: ProtobufReader): AttributeProto | undefined {
  let name = '';
  let declaredType = 0;
  const seen = new Map<number, AttributeValue>();
  const floats: number[] = [];
  const ints: number[] = [];
  while (!reader.done) {
    const { field, wireType } = reader.readTag();
    if (field === 1 && wireType === WireType.lengthDelimited) name = reader.readString();
    else if (field === 20 && wireType === WireType.varint) declaredType = reader.readVarint();
    else if (field === 2 && wireType === WireType.fixed32)
      seen.set(1, { kind: 'float', value: reader.readFloat() });
    else if (field === 3 && wireType === WireType.varint)
      seen.set(2, { kind: 'int', value: reader.readVarint() });
    else if (field === 4 && wireType === WireType.lengthDelimited)
      seen.set(3, { kind: 'string', value: reader.readString() });
    else if (field === 5 && wireType === WireType.lengthDelimited)
      seen.set(4, { kind: 'tensor', value: readTensor(reader.readMessage()) });
    else if (field === 6 && wireType === WireType.lengthDelimited)
      seen.set(5, { kind: 'graph', value: readGraph(reader.readMessage()) });
    else if (field === 7) reader.readRepeatedFloats(wireType, floats);
    else if (field === 8) reader.readRepeatedVarints(wireType, ints);
    else reader.skip(wireType);
  }
  seen.set(6, { kind: 'floats', value: floats });
  seen.set(7, { kind: 'ints', value: ints });
  const value = seen.get(declaredType) ?? inferAttributeValue(seen, floats, ints);
  return value === undefined ? undefined : { name, value };
}

/** For attributes written without the `type` discriminator (IR version 1), guess from the fields present. */
function inferAttributeValue(seen: Map<number, AttributeValue>, floats: number[], ints: number[]) {
  for (const type of [1, 2, 3, 4, 5]) {
    const value = seen.get(type);
    if (value !== undefined) return value;
  }
  if (floats.length > 0) return seen.get(6);
  if (ints.length > 0) return seen.get(7);
  return undefined;
}

function readValueInfo(reader: ProtobufReader): ValueInfoProto {
  const info: ValueInfoProto = { name: '', elemType: 0 };
  while (!reader.done) {
    const { field, wireType } = reader.readTag();
    if (field === 1 && wireType === WireType.lengthDelimited) info.name = reader.readString();
    else if (field === 2 && wireType === WireType.lengthDelimited) readType(reader.readMessage(), info);
    else reader.skip(wireType);
  }
  return info;
}

function readType(reader: ProtobufReader, info: ValueInfoProto): void {
  while (!reader.done) {
    const { field, wireType } = reader.readTag();
    if (field !== 1 || wireType !== WireType.lengthDelimited) {
      reader.skip(wireType);
      continue;
    }
    const tensorType = reader.readMessage();
    while (!tensorType.done) {
      const tag = tensorType.readTag();
      if (tag.field === 1 && tag.wireType === WireType.varint) info.elemType = tensorType.readVarint();
      else if (tag.field === 2 && tag.wireType === WireType.lengthDelimited)
        info.shape = readShape(tensorType.readMessage());
      else tensorType.skip(tag.wireType);
    }
  }
}

function readShape(reader: ProtobufReader): Dimension[] {
  const dims: Dimension[] = [];
  while (!reader.done) {
    const { field, wireType } = reader.readTag();
    if (field !== 1 || wireType !== WireType.lengthDelimited) {
      reader.skip(wireType);
      continue;
    }
    const dimReader = reader.readMessage();
    let dim: Dimension = { kind: 'param', name: '' };
    while (!dimReader.done) {
      const tag = dimReader.readTag();
      if (tag.field === 1 && tag.wireType === WireType.varint)
        dim = { kind: 'value', value: dimReader.readVarint() };
      else if (tag.field === 2 && tag.wireType === WireType.lengthDelimited)
        dim = { kind: 'param', name: dimReader.readString() };
      else dimReader.skip(tag.wireType);
    }
    dims.push(dim);
  }
  return dims;
}
