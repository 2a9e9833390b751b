/**
 * A BERT encoder graph laid out like the Hugging Face / optimum ONNX export of BertModel (opset 17), with
 * deterministic synthetic weights, so ONNX Runtime optimizes it like the real model. Keep Add(bias, MatMul)
 * with the bias first: it is what stops ORT fusing Attention, as in a real export. Inputs, outputs and the
 * kernels ORT ends up running: docs/synthetic-encoder.md.
 */
import type { EncoderArchitecture } from './architectures.js';
import type { BertBuildContext } from './bert-embeddings.js';
import { addInt64s, addScalar, emitEmbeddings, emitLayerNorm, emitMaskBias } from './bert-embeddings.js';
import { attr, createFloatTensor, microsoftOpset, defaultOpsets, OnnxGraphBuilder } from './onnx-builder.js';
import { DataType } from './onnx-types.js';
import { SeededWeights } from './seeded-weights.js';
import type { ModelDtype } from './weight-ops.js';
import { createEmitContext, emitWeightMatMul } from './weight-ops.js';

const batchDims = ['batch_size', 'sequence_length'] as const;

/** Builds the serialized `.onnx` bytes. The preset, dtype and seed fully determine the bytes. */
export function buildBertModel(arch: EncoderArchitecture, dtype: ModelDtype, seed: number): Uint8Array {
  const builder = new OnnxGraphBuilder('main_graph');
  const ctx: BertBuildContext = {
    emit: createEmitContext(builder, dtype),
    arch,
    weights: new SeededWeights(seed),
  };
  const inputIds = builder.addInput('input_ids', DataType.int64, batchDims);
  const attentionMask = builder.addInput('attention_mask', DataType.int64, batchDims);
  const tokenTypeIds = builder.addInput('token_type_ids', DataType.int64, batchDims);

  let hidden = emitEmbeddings(ctx, inputIds, tokenTypeIds);
  const maskBias = emitMaskBias(ctx, attentionMask);
  for (let layer = 0; layer < arch.layers; layer++) {
    const isLast = layer === arch.layers - 1;
    hidden = emitEncoderLayer(ctx, hidden, maskBias, layer, isLast ? 'last_hidden_state' : undefined);
  }
  builder.addOutput(hidden, DataType.float, [...batchDims, arch.hiddenSize]);
  const opsets = dtype === 'q8' ? [...defaultOpsets, microsoftOpset] : defaultOpsets;
  return builder.serialize(opsets);
}

/** nn.Linear as the exporter writes it: MatMul(x, Wᵀ) then Add(bias, ·), bias first. */
function emitLinear(
  ctx: BertBuildContext,
  input: string,
  prefix: string,
  path: string,
  rows: number,
  cols: number,
): string {
  const { builder } = ctx.emit;
  const std = ctx.arch.initializerRange;
  const weightName = `onnx::MatMul_${prefix}`;
  const weight = { name: weightName, rows, cols, data: ctx.weights.normal(weightName, rows * cols, std) };
  const product = emitWeightMatMul(ctx.emit, input, weight, `${path}/MatMul`);
  const biasName = `${prefix}.bias`;
  const bias = builder.addInitializer(
    createFloatTensor(biasName, [cols], ctx.weights.normal(biasName, cols, std)),
  );
  return builder.addOp('Add', [bias, product], { name: `${path}/Add` });
}

function emitEncoderLayer(
  ctx: BertBuildContext,
  input: string,
  maskBias: string,
  layer: number,
  outputName: string | undefined,
): string {
  const { builder } = ctx.emit;
  const h = ctx.arch.hiddenSize;
  const i = ctx.arch.intermediateSize;
  const prefix = `encoder.layer.${layer}`;
  const path = `/encoder/layer.${layer}`;

  const context = emitSelfAttention(ctx, input, maskBias, prefix, path);
  const projected = emitLinear(
    ctx,
    context,
    `${prefix}.attention.output.dense`,
    `${path}/attention/output/dense`,
    h,
    h,
  );
  const residual = builder.addOp('Add', [projected, input], { name: `${path}/attention/output/Add` });
  const attended = emitLayerNorm(
    ctx,
    residual,
    `${prefix}.attention.output.LayerNorm`,
    `${path}/attention/output/LayerNorm/LayerNormalization`,
  );

  const expanded = emitLinear(
    ctx,
    attended,
    `${prefix}.intermediate.dense`,
    `${path}/intermediate/dense`,
    h,
    i,
  );
  const activated = emitGelu(ctx, expanded, `${path}/intermediate/intermediate_act_fn`);
  const contracted = emitLinear(ctx, activated, `${prefix}.output.dense`, `${path}/output/dense`, i, h);
  const residual2 = builder.addOp('Add', [contracted, attended], { name: `${path}/output/Add` });
  const lnName = `${path}/output/LayerNorm/LayerNormalization`;
  return emitLayerNorm(ctx, residual2, `${prefix}.output.LayerNorm`, lnName, outputName);
}

/** Q, K, V projections, scaled dot product with the mask bias, softmax, weighted sum of V. */
function emitSelfAttention(
  ctx: BertBuildContext,
  input: string,
  maskBias: string,
  prefix: string,
  path: string,
): string {
  const { builder } = ctx.emit;
  const { hiddenSize: h, heads } = ctx.arch;
  const headSize = h / heads;
  const self = `${path}/attention/self`;
  const headsShape = addInt64s(ctx, 'shape_heads', [0, 0, heads, headSize]);
  const splitHeads = (name: string, perm: number[], suffix: string): string => {
    const projected = emitLinear(ctx, input, `${prefix}.attention.self.${name}`, `${self}/${name}`, h, h);
    const reshaped = builder.addOp('Reshape', [projected, headsShape], { name: `${self}/Reshape${suffix}` });
    return builder.addOp('Transpose', [reshaped], {
      name: `${self}/Transpose${suffix}`,
      attributes: { perm: attr.ints(perm) },
    });
  };
  const query = splitHeads('query', [0, 2, 1, 3], '');
  const key = splitHeads('key', [0, 2, 3, 1], '_1');
  const value = splitHeads('value', [0, 2, 1, 3], '_2');

  const scores = builder.addOp('MatMul', [query, key], { name: `${self}/MatMul` });
  const scaled = builder.addOp('Div', [scores, addScalar(ctx, 'sqrt_head_size', Math.sqrt(headSize))], {
    name: `${self}/Div`,
  });
  const masked = builder.addOp('Add', [scaled, maskBias], { name: `${self}/Add` });
  const probs = builder.addOp('Softmax', [masked], {
    name: `${self}/Softmax`,
    attributes: { axis: attr.int(-1) },
  });
  const weighted = builder.addOp('MatMul', [probs, value], { name: `${self}/MatMul_1` });
  const merged = builder.addOp('Transpose', [weighted], {
    name: `${self}/Transpose_3`,
    attributes: { perm: attr.ints([0, 2, 1, 3]) },
  });
  return builder.addOp('Reshape', [merged, addInt64s(ctx, 'shape_hidden', [0, 0, h])], {
    name: `${self}/Reshape_3`,
  });
}

/** Exact GELU as torch exports it: x · 0.5 · (1 + erf(x / √2)). */
function emitGelu(ctx: BertBuildContext, input: string, path: string): string {
  const { builder } = ctx.emit;
  const divided = builder.addOp('Div', [input, addScalar(ctx, 'sqrt_two', Math.SQRT2)], {
    name: `${path}/Div`,
  });
  const erf = builder.addOp('Erf', [divided], { name: `${path}/Erf` });
  const shifted = builder.addOp('Add', [erf, addScalar(ctx, 'one', 1)], { name: `${path}/Add` });
  const product = builder.addOp('Mul', [input, shifted], { name: `${path}/Mul` });
  return builder.addOp('Mul', [product, addScalar(ctx, 'half', 0.5)], { name: `${path}/Mul_1` });
}
