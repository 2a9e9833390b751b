/**
 * The parts of a BERT export that sit before the encoder layers, laid out as torch.onnx / optimum export
 * transformers' BertModel: the three embedding lookups summed and layer-normalised, and the additive
 * attention-mask bias (1 − mask) × large negative, broadcast as [batch, 1, 1, sequence].
 */
import type { EncoderArchitecture } from './architectures.js';
import { attr, createFloatTensor, createInt64Tensor } from './onnx-builder.js';
import { DataType } from './onnx-types.js';
import type { SeededWeights } from './seeded-weights.js';
import type { EmitContext } from './weight-ops.js';
import { emitEmbeddingGather } from './weight-ops.js';

export interface BertBuildContext {
  emit: EmitContext;
  arch: EncoderArchitecture;
  weights: SeededWeights;
}

/** The fill value transformers uses for masked positions: torch.finfo(float32).min. */
export const maskFillValue = -3.4028234663852886e38;

/** Adds a scalar float initializer once and returns its name. */
export function addScalar(ctx: BertBuildContext, name: string, value: number): string {
  const { builder } = ctx.emit;
  if (!builder.hasInitializer(name))
    builder.addInitializer(createFloatTensor(name, [], Float32Array.of(value)));
  return name;
}

/** Adds an int64 vector initializer once and returns its name. */
export function addInt64s(ctx: BertBuildContext, name: string, values: number[]): string {
  const { builder } = ctx.emit;
  if (!builder.hasInitializer(name)) builder.addInitializer(createInt64Tensor(name, [values.length], values));
  return name;
}

/** A LayerNormalization over the last axis with gamma = 1 and beta = 0, named like the export. */
export function emitLayerNorm(
  ctx: BertBuildContext,
  input: string,
  prefix: string,
  nodeName: string,
  outputName?: string,
): string {
  const { builder } = ctx.emit;
  const h = ctx.arch.hiddenSize;
  const gamma = builder.addInitializer(
    createFloatTensor(`${prefix}.weight`, [h], ctx.weights.constant(h, 1)),
  );
  const beta = builder.addInitializer(createFloatTensor(`${prefix}.bias`, [h], ctx.weights.constant(h, 0)));
  return builder.addOp('LayerNormalization', [input, gamma, beta], {
    name: nodeName,
    attributes: { axis: attr.int(-1), epsilon: attr.float(ctx.arch.layerNormEps) },
    ...(outputName === undefined ? {} : { outputs: [outputName] }),
  });
}

function createTable(ctx: BertBuildContext, name: string, rows: number) {
  const cols = ctx.arch.hiddenSize;
  return { name, rows, cols, data: ctx.weights.normal(name, rows * cols, ctx.arch.initializerRange) };
}

/** position_ids = embeddings.position_ids[:, 0:sequence_length], as BertEmbeddings slices its buffer. */
function emitPositionIds(ctx: BertBuildContext, inputIds: string): string {
  const { builder } = ctx.emit;
  const positions = Array.from({ length: ctx.arch.maxPositions }, (_, index) => index);
  const buffer = builder.addInitializer(
    createInt64Tensor('embeddings.position_ids', [1, positions.length], positions),
  );
  const shape = builder.addOp('Shape', [inputIds], { name: '/embeddings/Shape' });
  const one = builder.addInitializer(createInt64Tensor('/embeddings/Constant_output_0', [], [1]));
  const length = builder.addOp('Gather', [shape, one], {
    name: '/embeddings/Gather',
    attributes: { axis: attr.int(0) },
  });
  const end = builder.addOp('Unsqueeze', [length, addInt64s(ctx, 'axes_0', [0])], {
    name: '/embeddings/Unsqueeze',
  });
  const sliced = builder.addOp(
    'Slice',
    [buffer, addInt64s(ctx, 'starts_0', [0]), end, addInt64s(ctx, 'axes_1', [1])],
    {
      name: '/embeddings/Slice',
    },
  );
  // The exporter's shape inference knows this slice is [1, sequence_length]; ONNX's alone would lose the symbol.
  return builder.addValueInfo(sliced, DataType.int64, [1, 'sequence_length']);
}

/** word + token_type + position embeddings, then LayerNorm. Returns the hidden states [batch, seq, hidden]. */
export function emitEmbeddings(ctx: BertBuildContext, inputIds: string, tokenTypeIds: string): string {
  const { arch, emit } = ctx;
  const words = createTable(ctx, 'embeddings.word_embeddings.weight', arch.vocabSize);
  const types = createTable(ctx, 'embeddings.token_type_embeddings.weight', arch.typeVocabSize);
  const positions = createTable(ctx, 'embeddings.position_embeddings.weight', arch.maxPositions);

  const wordVectors = emitEmbeddingGather(emit, words, inputIds, '/embeddings/word_embeddings/Gather');
  const typeVectors = emitEmbeddingGather(
    emit,
    types,
    tokenTypeIds,
    '/embeddings/token_type_embeddings/Gather',
  );
  const summed = emit.builder.addOp('Add', [wordVectors, typeVectors], { name: '/embeddings/Add' });
  const positionIds = emitPositionIds(ctx, inputIds);
  const positionVectors = emitEmbeddingGather(
    emit,
    positions,
    positionIds,
    '/embeddings/position_embeddings/Gather',
  );
  const all = emit.builder.addOp('Add', [summed, positionVectors], { name: '/embeddings/Add_1' });
  return emitLayerNorm(ctx, all, 'embeddings.LayerNorm', '/embeddings/LayerNorm/LayerNormalization');
}

/** (1 − mask) × fill, shaped [batch, 1, 1, seq] to broadcast over heads and query positions. */
export function emitMaskBias(ctx: BertBuildContext, attentionMask: string): string {
  const { builder } = ctx.emit;
  const unsqueezed = builder.addOp('Unsqueeze', [attentionMask, addInt64s(ctx, 'axes_1', [1])], {
    name: '/Unsqueeze',
  });
  const broadcast = builder.addOp('Unsqueeze', [unsqueezed, addInt64s(ctx, 'axes_2', [2])], {
    name: '/Unsqueeze_1',
  });
  const asFloat = builder.addOp('Cast', [broadcast], {
    name: '/Cast',
    attributes: { to: attr.int(DataType.float) },
  });
  const inverted = builder.addOp('Sub', [addScalar(ctx, '/Constant_output_0', 1), asFloat], { name: '/Sub' });
  return builder.addOp('Mul', [inverted, addScalar(ctx, '/Constant_1_output_0', maskFillValue)], {
    name: '/Mul',
  });
}
