/**
 * Static analysis of an ONNX encoder: its interface, size and cost per token. Works on embedprof's synthetic
 * models and on typical Hugging Face exports, fp32 or quantized, including weights stored as external data.
 *
 * Cost model: every MatMul-like node whose B operand is a constant (an initializer or a Constant node,
 * possibly behind DequantizeLinear / Transpose / Cast / Reshape) costs 2·K·N = 2·|B| per token. Every
 * MatMul of two activations is an attention product (Q·Kᵀ or P·V), costing 2·hidden·seqLen per token each.
 */
import { decodeModel } from './onnx-decode.js';
import type { GraphProto, NodeProto, TensorProto, ValueInfoProto } from './onnx-types.js';
import { countElements, DataType, lookupElementBytes, nameDataType } from './onnx-types.js';

export interface ValueSummary {
  name: string;
  /** `int64`, `float32`, … */
  elementType: string;
  /** Fixed sizes as numbers, symbolic ones as their names, unknown ones as null; null when the rank is unknown. */
  shape: (number | string | null)[] | null;
}

export interface ModelAnalysis {
  inputs: ValueSummary[];
  outputs: ValueSummary[];
  irVersion: number;
  /** The ai.onnx opset version, or null when the model imports none. */
  opset: number | null;
  opsetImports: { domain: string; version: number }[];
  /** Elements of the weight initializers (floating-point or 8-bit, more than one element, not quantization scales or zero points). */
  parameterCount: number;
  /** Bytes of every initializer's data, wherever it is stored. */
  initializerBytes: number;
  /** Σ 2·K·N over the MatMul / MatMulInteger / Gemm nodes with a constant B. */
  denseFlopsPerToken: number;
  /** Activation × activation MatMuls (two per attention layer in a BERT encoder). */
  attentionMatMulCount: number;
  /** Node count per operator, `domain.Op` for non-default domains. */
  operatorCounts: Record<string, number>;
  /** Rows of the word-embedding table `input_ids` index: every token id must be below it; null when not found. */
  vocabSize: number | null;
}

/** Where the B operand of each weight-bearing operator sits. */
const weightInputIndex: Record<string, number> = {
  MatMul: 1,
  Gemm: 1,
  MatMulInteger: 1,
  FusedMatMul: 1,
  MatMulIntegerToFloat: 1,
  DynamicQuantizeMatMul: 1,
  QLinearMatMul: 3,
  Attention: 1,
};
const activationMatMuls = new Set(['MatMul', 'FusedMatMul']);
const fusedAttentionOps = new Set(['Attention', 'MultiHeadAttention']);
const passThroughOps = new Set([
  'DequantizeLinear',
  'Transpose',
  'Cast',
  'Identity',
  'Reshape',
  'Squeeze',
  'Unsqueeze',
  'Flatten',
]);
/** Inputs that hold quantization parameters, not weights. */
const quantizationParamInputs: Record<string, number[]> = {
  DequantizeLinear: [1, 2],
  QuantizeLinear: [1, 2],
  MatMulInteger: [2, 3],
  DynamicQuantizeMatMul: [2, 3],
  MatMulIntegerToFloat: [2, 3, 4, 5],
};
const weightTypes = new Set<number>([
  DataType.float,
  DataType.float16,
  DataType.bfloat16,
  DataType.double,
  DataType.int8,
  DataType.uint8,
]);

/** Analyses `.onnx` bytes. `source` names the file in the UsageError thrown for bytes that are not ONNX. */
export function analyzeModel(bytes: Uint8Array, source = 'model bytes'): ModelAnalysis {
  const model = decodeModel(bytes, source);
  const graph = model.graph;
  const initializerNames = new Set(graph.initializers.map((tensor) => tensor.name));
  const opsetImports = model.opsetImports.map(({ domain, version }) => ({ domain, version }));
  const defaultOpset = opsetImports.find((opset) => opset.domain === '' || opset.domain === 'ai.onnx');
  const cost = measureCost(graph);
  return {
    inputs: graph.inputs.filter((input) => !initializerNames.has(input.name)).map(summarizeValue),
    outputs: graph.outputs.map(summarizeValue),
    irVersion: model.irVersion,
    opset: defaultOpset?.version ?? null,
    opsetImports,
    parameterCount: countParameters(graph),
    initializerBytes: graph.initializers.reduce((sum, tensor) => sum + measureTensorBytes(tensor), 0),
    denseFlopsPerToken: cost.dense,
    attentionMatMulCount: cost.attention,
    operatorCounts: countOperators(graph.nodes),
    vocabSize: findVocabularySize(graph),
  };
}

/** FLOPs of one sequence position: dense + attention × sequence length (from the ONNX graph). */
export interface FlopModel {
  denseFlopsPerToken: number;
  attentionFlopsPerTokenPerPosition: number;
}

/**
 * FLOPs per token at sequence length `seqLen`: the dense part plus 2·hidden·seqLen per attention MatMul.
 * (Padding tokens count: they are computed like any other.)
 */
export function computeFlopsPerToken(analysis: ModelAnalysis, hiddenSize: number, seqLen: number): number {
  return analysis.denseFlopsPerToken + 2 * hiddenSize * analysis.attentionMatMulCount * seqLen;
}

function summarizeValue(info: ValueInfoProto): ValueSummary {
  const shape =
    info.shape?.map((dim) => {
      if (dim.kind === 'value') return dim.value;
      return dim.name === '' ? null : dim.name;
    }) ?? null;
  return { name: info.name, elementType: nameDataType(info.elemType), shape };
}

function measureTensorBytes(tensor: TensorProto): number {
  const width = lookupElementBytes(tensor.dataType);
  return width === undefined ? tensor.rawData.length : countElements(tensor.dims) * width;
}

function countParameters(graph: GraphProto): number {
  const excluded = new Set<string>();
  for (const node of graph.nodes) {
    for (const index of quantizationParamInputs[node.opType] ?? []) {
      const name = node.inputs[index];
      if (name !== undefined) excluded.add(name);
    }
  }
  return graph.initializers
    .filter((tensor) => weightTypes.has(tensor.dataType) && !excluded.has(tensor.name))
    .map((tensor) => countElements(tensor.dims))
    .filter((count) => count > 1)
    .reduce((sum, count) => sum + count, 0);
}

function countOperators(nodes: readonly NodeProto[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of nodes) {
    const key =
      node.domain === '' || node.domain === 'ai.onnx' ? node.opType : `${node.domain}.${node.opType}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Dims of the constant a value comes from, following pass-through operators; undefined for activations. */
function createConstantResolver(graph: GraphProto): (name: string) => number[] | undefined {
  const constants = new Map<string, number[]>(graph.initializers.map((tensor) => [tensor.name, tensor.dims]));
  const producers = new Map<string, NodeProto>();
  for (const node of graph.nodes) {
    for (const output of node.outputs) producers.set(output, node);
    const value = node.opType === 'Constant' ? node.attributes.find((a) => a.name === 'value') : undefined;
    const output = node.outputs[0];
    if (value?.value.kind === 'tensor' && output !== undefined) constants.set(output, value.value.value.dims);
  }
  const resolve = (name: string, depth: number): number[] | undefined => {
    const dims = constants.get(name);
    if (dims !== undefined || depth > 8) return dims;
    const producer = producers.get(name);
    const source =
      producer !== undefined && passThroughOps.has(producer.opType) ? producer.inputs[0] : undefined;
    return source === undefined ? undefined : resolve(source, depth + 1);
  };
  return (name) => resolve(name, 0);
}

function measureCost(graph: GraphProto): { dense: number; attention: number } {
  const resolveConstant = createConstantResolver(graph);
  const resolveInput = (node: NodeProto, index: number) => {
    const name = node.inputs[index];
    return name === undefined ? undefined : resolveConstant(name);
  };
  let dense = 0;
  let attention = 0;
  for (const node of graph.nodes) {
    if (fusedAttentionOps.has(node.opType)) attention += 2;
    const index = weightInputIndex[node.opType];
    if (index === undefined) continue;
    // A constant on either side makes it a dense layer; the left side only matters for plain MatMuls.
    const weightDims =
      resolveInput(node, index) ?? (activationMatMuls.has(node.opType) ? resolveInput(node, 0) : undefined);
    if (weightDims !== undefined) dense += 2 * countElements(weightDims);
    else if (activationMatMuls.has(node.opType)) attention += 1;
  }
  return { dense, attention };
}

/** The graph input a value comes from, following pass-through operators (a Cast of input_ids, say). */
function traceToInput(graph: GraphProto, name: string): string | undefined {
  const inputs = new Set(graph.inputs.map((input) => input.name));
  const producers = new Map(
    graph.nodes.flatMap((node) => node.outputs.map((output) => [output, node] as const)),
  );
  let current: string | undefined = name;
  for (let depth = 0; current !== undefined && depth <= 8; depth++) {
    if (inputs.has(current)) return current;
    const producer = producers.get(current);
    current = producer !== undefined && passThroughOps.has(producer.opType) ? producer.inputs[0] : undefined;
  }
  return undefined;
}

/**
 * The rows of the table `input_ids` is looked up in: a Gather of a constant table by input_ids, or the word
 * embedding of a fused EmbedLayerNormalization (ONNX Runtime's optimized BERT exports).
 */
function findVocabularySize(graph: GraphProto): number | null {
  const resolveConstant = createConstantResolver(graph);
  for (const node of graph.nodes) {
    const [ids, table] =
      node.opType === 'Gather'
        ? [node.inputs[1], node.inputs[0]]
        : node.opType === 'EmbedLayerNormalization'
          ? [node.inputs[0], node.inputs[2]]
          : [undefined, undefined];
    if (ids === undefined || table === undefined || traceToInput(graph, ids) !== 'input_ids') continue;
    const rows = resolveConstant(table)?.[0];
    if (rows !== undefined && rows > 0) return rows;
  }
  return null;
}
