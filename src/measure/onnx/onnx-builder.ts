/**
 * Small helpers to declare an ONNX graph (inputs, outputs, initializers, nodes, opset imports) and serialise
 * it. Tensor data is stored as little-endian raw_data, whatever the host's byte order.
 */
import { endianness } from 'node:os';
import { encodeModel } from './onnx-encode.js';
import type {
  AttributeProto,
  AttributeValue,
  Dimension,
  ModelProto,
  NodeProto,
  OperatorSetId,
  TensorProto,
  ValueInfoProto,
} from './onnx-types.js';
import { DataType } from './onnx-types.js';

/** ai.onnx opset 17 is the first with LayerNormalization; its IR version is 8. */
export const defaultOpsets: readonly OperatorSetId[] = [{ domain: '', version: 17 }];
export const microsoftOpset: OperatorSetId = { domain: 'com.microsoft', version: 1 };
const irVersionForOpset17 = 8;

export const attr = {
  int: (value: number): AttributeValue => ({ kind: 'int', value }),
  float: (value: number): AttributeValue => ({ kind: 'float', value }),
  ints: (value: number[]): AttributeValue => ({ kind: 'ints', value }),
  floats: (value: number[]): AttributeValue => ({ kind: 'floats', value }),
  string: (value: string): AttributeValue => ({ kind: 'string', value }),
  tensor: (value: TensorProto): AttributeValue => ({ kind: 'tensor', value }),
};

export interface NodeOptions {
  /** Node name; also the stem of the generated output name (`<name>_output_0`), as torch.onnx does. */
  name: string;
  domain?: string;
  attributes?: Record<string, AttributeValue>;
  /** Explicit output names, when the default `<name>_output_<i>` is not wanted. */
  outputs?: string[];
  outputCount?: number;
}

const littleEndianHost = endianness() === 'LE';

/** The bytes of a typed array in little-endian order (a view on little-endian hosts, a copy otherwise). */
export function toLittleEndianBytes(
  data: Float32Array | Int32Array | BigInt64Array | Int8Array | Uint8Array,
): Uint8Array {
  const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (littleEndianHost || data.BYTES_PER_ELEMENT === 1) return view;
  const out = new Uint8Array(view.length);
  const width = data.BYTES_PER_ELEMENT;
  for (let offset = 0; offset < view.length; offset += width) {
    for (let byte = 0; byte < width; byte++) out[offset + byte] = view[offset + width - 1 - byte] ?? 0;
  }
  return out;
}

/** A float32 tensor. */
export function createFloatTensor(name: string, dims: number[], data: Float32Array): TensorProto {
  return { name, dataType: DataType.float, dims, rawData: toLittleEndianBytes(data) };
}

/** An int64 tensor from plain numbers (shapes, axes, indices). */
export function createInt64Tensor(name: string, dims: number[], values: readonly number[]): TensorProto {
  return {
    name,
    dataType: DataType.int64,
    dims,
    rawData: toLittleEndianBytes(BigInt64Array.from(values, (v) => BigInt(v))),
  };
}

/** An 8-bit tensor, signed or unsigned. */
export function createByteTensor(name: string, dims: number[], data: Int8Array | Uint8Array): TensorProto {
  const dataType = data instanceof Int8Array ? DataType.int8 : DataType.uint8;
  return { name, dataType, dims, rawData: toLittleEndianBytes(data) };
}

function toDimensions(shape: readonly (string | number)[]): Dimension[] {
  return shape.map((dim) =>
    typeof dim === 'number' ? { kind: 'value', value: dim } : { kind: 'param', name: dim },
  );
}

export class OnnxGraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly initializers: TensorProto[] = [];
  private readonly initializerNames = new Set<string>();
  private readonly inputs: ValueInfoProto[] = [];
  private readonly outputs: ValueInfoProto[] = [];
  private readonly valueInfo: ValueInfoProto[] = [];

  constructor(private readonly graphName: string) {}

  addInput(name: string, elemType: number, shape: readonly (string | number)[]): string {
    this.inputs.push({ name, elemType, shape: toDimensions(shape) });
    return name;
  }

  addOutput(name: string, elemType: number, shape: readonly (string | number)[]): string {
    this.outputs.push({ name, elemType, shape: toDimensions(shape) });
    return name;
  }

  /** Records the type and shape of an intermediate value, as exporters do in GraphProto.value_info. */
  addValueInfo(name: string, elemType: number, shape: readonly (string | number)[]): string {
    this.valueInfo.push({ name, elemType, shape: toDimensions(shape) });
    return name;
  }

  /** Adds an initializer and returns its name; a second initializer with the same name is a programming error. */
  addInitializer(tensor: TensorProto): string {
    if (this.initializerNames.has(tensor.name)) throw new Error(`duplicate initializer ${tensor.name}`);
    this.initializerNames.add(tensor.name);
    this.initializers.push(tensor);
    return tensor.name;
  }

  hasInitializer(name: string): boolean {
    return this.initializerNames.has(name);
  }

  /** Adds a node and returns its output names. */
  addNode(opType: string, inputs: string[], options: NodeOptions): string[] {
    const count = options.outputCount ?? 1;
    const outputs =
      options.outputs ?? Array.from({ length: count }, (_, index) => `${options.name}_output_${index}`);
    const attributes: AttributeProto[] = Object.entries(options.attributes ?? {}).map(([name, value]) => ({
      name,
      value,
    }));
    this.nodes.push({
      name: options.name,
      opType,
      domain: options.domain ?? '',
      inputs,
      outputs,
      attributes,
    });
    return outputs;
  }

  /** Adds a single-output node and returns that output's name. */
  addOp(opType: string, inputs: string[], options: NodeOptions): string {
    const [output] = this.addNode(opType, inputs, { ...options, outputCount: 1 });
    if (output === undefined) throw new Error(`${opType} node ${options.name} has no output`);
    return output;
  }

  toModel(opsets: readonly OperatorSetId[] = defaultOpsets): ModelProto {
    return {
      irVersion: irVersionForOpset17,
      producerName: 'embedprof',
      producerVersion: '1',
      opsetImports: [...opsets],
      graph: {
        name: this.graphName,
        nodes: this.nodes,
        initializers: this.initializers,
        inputs: this.inputs,
        outputs: this.outputs,
        valueInfo: this.valueInfo,
      },
    };
  }

  serialize(opsets: readonly OperatorSetId[] = defaultOpsets): Uint8Array {
    return encodeModel(this.toModel(opsets));
  }
}
