/**
 * The subset of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto) that embedprof writes and reads, as plain
 * TypeScript data. Field numbers live in onnx-encode.ts / onnx-decode.ts next to the code that uses them.
 */

/** TensorProto.DataType values. */
export const DataType = {
  float: 1,
  uint8: 2,
  int8: 3,
  uint16: 4,
  int16: 5,
  int32: 6,
  int64: 7,
  string: 8,
  bool: 9,
  float16: 10,
  double: 11,
  uint32: 12,
  uint64: 13,
  bfloat16: 16,
} as const;

/** Bytes per element of each fixed-width data type (strings have none). */
const elementBytes: Record<number, number> = {
  1: 4,
  2: 1,
  3: 1,
  4: 2,
  5: 2,
  6: 4,
  7: 8,
  9: 1,
  10: 2,
  11: 8,
  12: 4,
  13: 8,
  16: 2,
};

/** Bytes one element of `dataType` takes in raw_data, or undefined for strings and unknown types. */
export function lookupElementBytes(dataType: number): number | undefined {
  return elementBytes[dataType];
}

/** The readable name of a TensorProto.DataType value, e.g. 7 → `int64`. */
export function nameDataType(dataType: number): string {
  for (const [name, value] of Object.entries(DataType)) {
    if (value === dataType) return name === 'float' ? 'float32' : name;
  }
  return `unknown(${dataType})`;
}

export interface TensorProto {
  name: string;
  dataType: number;
  dims: number[];
  /** Little-endian element bytes (raw_data). Empty when the data sits in a typed field or outside the file. */
  rawData: Uint8Array;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: number[];
  /** True when the data lives in an external file (data_location = EXTERNAL). */
  external?: boolean;
}

/** A symbolic (`batch_size`) or fixed (384) dimension. */
export type Dimension = { kind: 'param'; name: string } | { kind: 'value'; value: number };

export interface ValueInfoProto {
  name: string;
  elemType: number;
  /** Undefined when the shape is unknown (no shape field). */
  shape?: Dimension[];
}

export type AttributeValue =
  | { kind: 'float'; value: number }
  | { kind: 'int'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'tensor'; value: TensorProto }
  | { kind: 'floats'; value: number[] }
  | { kind: 'ints'; value: number[] }
  | { kind: 'graph'; value: GraphProto };

export interface AttributeProto {
  name: string;
  value: AttributeValue;
}

export interface NodeProto {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: AttributeProto[];
}

export interface GraphProto {
  name: string;
  nodes: NodeProto[];
  initializers: TensorProto[];
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
  /** Types and shapes of intermediate values, as exporters record them (GraphProto.value_info). */
  valueInfo: ValueInfoProto[];
}

export interface OperatorSetId {
  domain: string;
  version: number;
}

export interface ModelProto {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  opsetImports: OperatorSetId[];
  graph: GraphProto;
}

/** AttributeProto.AttributeType values. */
export const AttributeType = {
  float: 1,
  int: 2,
  string: 3,
  tensor: 4,
  graph: 5,
  floats: 6,
  ints: 7,
  strings: 8,
} as const;

/** Product of the dims; a scalar (no dims) has one element. */
export function countElements(dims: readonly number[]): number {
  return dims.reduce((product, dim) => product * dim, 1);
}
