/**
 * Emits the two weight-bearing operations of an encoder, in fp32 or in the pattern that
 * onnxruntime.quantization.quantize_dynamic writes (names included), so ONNX Runtime applies the same fusions:
 * - MatMul with a constant B → DynamicQuantizeLinear(A) → MatMulInteger → Cast → Mul(·, Mul(scaleA, scaleB)),
 *   which ORT fuses into MatMulIntegerToFloat / DynamicQuantizeMatMul;
 * - Gather from an embedding table → Gather on a uint8 table → DequantizeLinear.
 */
import type { OnnxGraphBuilder } from './onnx-builder.js';
import { createByteTensor, createFloatTensor, attr } from './onnx-builder.js';
import { DataType } from './onnx-types.js';
import { quantizeAsymmetricUint8, quantizeSymmetricInt8 } from './quantize.js';

export type ModelDtype = 'fp32' | 'q8';

interface QuantizedActivation {
  quantized: string;
  scale: string;
  zeroPoint: string;
}

export interface EmitContext {
  builder: OnnxGraphBuilder;
  dtype: ModelDtype;
  /** One DynamicQuantizeLinear per activation, shared by every MatMul reading it (as the quantizer does). */
  quantizedActivations: Map<string, QuantizedActivation>;
}

/** A constant 2-D tensor: a [K, N] MatMul weight or a [rows, hidden] embedding table. */
export interface WeightMatrix {
  name: string;
  data: Float32Array;
  rows: number;
  cols: number;
}

export function createEmitContext(builder: OnnxGraphBuilder, dtype: ModelDtype): EmitContext {
  return { builder, dtype, quantizedActivations: new Map() };
}

/** Y = input · W, W an initializer. Returns Y's name (`<nodeName>_output_0`) in both dtypes. */
export function emitWeightMatMul(
  ctx: EmitContext,
  input: string,
  weight: WeightMatrix,
  nodeName: string,
): string {
  const { builder } = ctx;
  switch (ctx.dtype) {
    case 'fp32': {
      builder.addInitializer(createFloatTensor(weight.name, [weight.rows, weight.cols], weight.data));
      return builder.addOp('MatMul', [input, weight.name], { name: nodeName });
    }
    case 'q8':
      return emitQuantizedMatMul(ctx, input, weight, nodeName);
    default:
      throw new Error(`unknown dtype ${String(ctx.dtype satisfies never)}`);
  }
}

/** The three initializers of an 8-bit tensor as quantize_dynamic writes them: values, scale, zero point. */
function addQuantizedInitializers(
  ctx: EmitContext,
  weight: WeightMatrix,
  values: Parameters<typeof createByteTensor>[2],
  scale: number,
  zeroPoint: Parameters<typeof createByteTensor>[2],
): { values: string; scale: string; zero: string } {
  const names = {
    values: `${weight.name}_quantized`,
    scale: `${weight.name}_scale`,
    zero: `${weight.name}_zero_point`,
  };
  ctx.builder.addInitializer(createByteTensor(names.values, [weight.rows, weight.cols], values));
  ctx.builder.addInitializer(createFloatTensor(names.scale, [], Float32Array.of(scale)));
  ctx.builder.addInitializer(createByteTensor(names.zero, [], zeroPoint));
  return names;
}

function emitQuantizedMatMul(
  ctx: EmitContext,
  input: string,
  weight: WeightMatrix,
  nodeName: string,
): string {
  const { builder } = ctx;
  const activation = quantizeActivation(ctx, input);
  const q = quantizeSymmetricInt8(weight.data);
  const names = addQuantizedInitializers(ctx, weight, q.values, q.scale, Int8Array.of(q.zeroPoint));

  const output = `${nodeName}_output_0`;
  const integerOutput = `${output}_output_quantized`;
  builder.addNode('MatMulInteger', [activation.quantized, names.values, activation.zeroPoint, names.zero], {
    name: `${nodeName}_quant`,
    outputs: [integerOutput],
  });
  const castOutput = builder.addNode('Cast', [integerOutput], {
    name: `${integerOutput}_cast`,
    outputs: [`${integerOutput}_cast_output`],
    attributes: { to: attr.int(DataType.float) },
  });
  const scalesName = `${nodeName}_quant_scales_mul`;
  const scales = builder.addNode('Mul', [activation.scale, names.scale], {
    name: scalesName,
    outputs: [`${scalesName}:0`],
  });
  builder.addNode('Mul', [...castOutput, ...scales], {
    name: `${nodeName}_quant_output_scale_mul`,
    outputs: [output],
  });
  return output;
}

function quantizeActivation(ctx: EmitContext, input: string): QuantizedActivation {
  const existing = ctx.quantizedActivations.get(input);
  if (existing !== undefined) return existing;
  const created = {
    quantized: `${input}_quantized`,
    scale: `${input}_scale`,
    zeroPoint: `${input}_zero_point`,
  };
  ctx.builder.addNode('DynamicQuantizeLinear', [input], {
    name: `${input}_QuantizeLinear`,
    outputs: [created.quantized, created.scale, created.zeroPoint],
  });
  ctx.quantizedActivations.set(input, created);
  return created;
}

/** Rows of an embedding table picked by `indices`. Returns the float output's name in both dtypes. */
export function emitEmbeddingGather(
  ctx: EmitContext,
  table: WeightMatrix,
  indices: string,
  nodeName: string,
): string {
  const { builder } = ctx;
  const output = `${nodeName}_output_0`;
  switch (ctx.dtype) {
    case 'fp32':
      builder.addInitializer(createFloatTensor(table.name, [table.rows, table.cols], table.data));
      return builder.addOp('Gather', [table.name, indices], { name: nodeName });
    case 'q8': {
      const q = quantizeAsymmetricUint8(table.data);
      const names = addQuantizedInitializers(ctx, table, q.values, q.scale, Uint8Array.of(q.zeroPoint));
      const gathered = builder.addNode('Gather', [names.values, indices], {
        name: nodeName,
        outputs: [`${output}_quantized`],
      });
      builder.addNode('DequantizeLinear', [...gathered, names.scale, names.zero], {
        name: `${output}_DequantizeLinear`,
        outputs: [output],
      });
      return output;
    }
    default:
      throw new Error(`unknown dtype ${String(ctx.dtype satisfies never)}`);
  }
}
