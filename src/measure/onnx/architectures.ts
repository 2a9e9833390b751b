/**
 * Presets of known text-embedding encoders: the architecture numbers of their Hugging Face config.json,
 * enough to generate a synthetic model with the same shapes and cost as the real one.
 */
import { createUsageError } from '../../ground/errors.js';

export interface EncoderArchitecture {
  /** Preset name, e.g. `all-MiniLM-L6-v2`. */
  name: string;
  /** The Hugging Face repository the preset mirrors. */
  hubId: string;
  modelType: 'bert';
  layers: number;
  hiddenSize: number;
  heads: number;
  intermediateSize: number;
  vocabSize: number;
  maxPositions: number;
  typeVocabSize: number;
  layerNormEps: number;
  hiddenAct: 'gelu';
  initializerRange: number;
  padTokenId: number;
  /** How sentence-transformers pools this model's token states into one embedding. */
  pooling: 'mean' | 'cls';
}

const bertBase = {
  modelType: 'bert',
  hiddenSize: 384,
  heads: 12,
  intermediateSize: 1536,
  vocabSize: 30522,
  maxPositions: 512,
  typeVocabSize: 2,
  layerNormEps: 1e-12,
  hiddenAct: 'gelu',
  initializerRange: 0.02,
  padTokenId: 0,
} as const;

export const architectures: readonly EncoderArchitecture[] = [
  {
    ...bertBase,
    name: 'all-MiniLM-L6-v2',
    hubId: 'sentence-transformers/all-MiniLM-L6-v2',
    layers: 6,
    pooling: 'mean',
  },
  {
    ...bertBase,
    name: 'all-MiniLM-L12-v2',
    hubId: 'sentence-transformers/all-MiniLM-L12-v2',
    layers: 12,
    pooling: 'mean',
  },
  { ...bertBase, name: 'bge-small-en-v1.5', hubId: 'BAAI/bge-small-en-v1.5', layers: 12, pooling: 'cls' },
];

export function listArchitectureNames(): string[] {
  return architectures.map((arch) => arch.name);
}

/**
 * Finds a preset by name or hub id, case-insensitively (`all-minilm-l6-v2`, `Xenova/all-MiniLM-L6-v2`).
 * Throws a UsageError listing the known names otherwise.
 */
/** The architecture named (its name, hub id or the hub id's last part, any case), or undefined. */
export function findKnownArchitecture(name: string): EncoderArchitecture | undefined {
  const wanted = name.trim().toLowerCase();
  const baseName = wanted.split('/').pop() ?? wanted;
  return architectures.find(
    (arch) =>
      arch.name.toLowerCase() === wanted ||
      arch.hubId.toLowerCase() === wanted ||
      arch.name.toLowerCase() === baseName,
  );
}

export function findArchitecture(name: string): EncoderArchitecture {
  const found = findKnownArchitecture(name);
  if (found !== undefined) return found;
  throw createUsageError({
    input: `model synthetic:${name}`,
    expected: `synthetic:NAME with NAME one of ${listArchitectureNames().join(', ')}`,
    received: JSON.stringify(name),
    fix: 'Pick a known synthetic name, or point embedprof at a real model folder instead.',
  });
}

/** The Hugging Face `config.json` object of a preset, as transformers would write it. */
export function createHfConfig(arch: EncoderArchitecture): Record<string, unknown> {
  return {
    _name_or_path: arch.hubId,
    architectures: ['BertModel'],
    attention_probs_dropout_prob: 0.1,
    classifier_dropout: null,
    hidden_act: arch.hiddenAct,
    hidden_dropout_prob: 0.1,
    hidden_size: arch.hiddenSize,
    initializer_range: arch.initializerRange,
    intermediate_size: arch.intermediateSize,
    layer_norm_eps: arch.layerNormEps,
    max_position_embeddings: arch.maxPositions,
    model_type: arch.modelType,
    num_attention_heads: arch.heads,
    num_hidden_layers: arch.layers,
    pad_token_id: arch.padTokenId,
    position_embedding_type: 'absolute',
    type_vocab_size: arch.typeVocabSize,
    use_cache: true,
    vocab_size: arch.vocabSize,
  };
}

/**
 * Exact parameter count of the exported encoder (embeddings, layers; no pooler, which an export with only
 * `last_hidden_state` as output drops).
 */
export function countEncoderParameters(arch: EncoderArchitecture): number {
  const h = arch.hiddenSize;
  const i = arch.intermediateSize;
  const embeddings = (arch.vocabSize + arch.maxPositions + arch.typeVocabSize) * h + 2 * h;
  const attention = 4 * (h * h + h) + 2 * h;
  const feedForward = h * i + i + i * h + h + 2 * h;
  return embeddings + arch.layers * (attention + feedForward);
}

/** Dense (weight) FLOPs per token: 2·(layers·(4·h² + 2·h·i)); attention scores come on top, per sequence length. */
export function computeDenseFlopsPerToken(arch: EncoderArchitecture): number {
  const h = arch.hiddenSize;
  return 2 * arch.layers * (4 * h * h + 2 * h * arch.intermediateSize);
}
