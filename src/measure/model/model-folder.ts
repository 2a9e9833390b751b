import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUsageError } from '../../ground/errors.js';
import type { Dtype } from '../../ground/schema/common-schema.js';

export const ONNX_FILES: Record<Dtype, string> = {
  fp32: 'onnx/model.onnx',
  q8: 'onnx/model_quantized.onnx',
};

/** Picks the ONNX file for a dtype in a hub-layout folder; 'auto' prefers fp32 and falls back to q8. */
export function findOnnxFile(dir: string, dtype: Dtype | 'auto'): { path: string; dtype: Dtype } {
  if (!existsSync(dir)) {
    throw createUsageError({
      input: `--model ${dir}`,
      expected: 'a model folder',
      received: 'a path that does not exist',
      fix: 'Check the path.',
    });
  }
  const candidates: Dtype[] = dtype === 'auto' ? ['fp32', 'q8'] : [dtype];
  for (const candidate of candidates) {
    const path = join(dir, ONNX_FILES[candidate]);
    if (existsSync(path)) return { path, dtype: candidate };
  }
  const present = (['fp32', 'q8'] as const).filter((d) => existsSync(join(dir, ONNX_FILES[d])));
  throw createUsageError({
    input: `--model ${dir}`,
    expected: `a folder in the hub layout with ${candidates.map((d) => ONNX_FILES[d]).join(' or ')}`,
    received: present.length === 0 ? 'no ONNX file under onnx/' : `only ${present.map((d) => ONNX_FILES[d])}`,
    fix: present.length === 0 ? 'Export the model to ONNX into onnx/.' : `Use --dtype ${present[0]}.`,
  });
}

/** Reads a JSON file of a model folder, or null when absent; a corrupt file is an error naming it. */
export function readOptionalJson(path: string): Record<string, unknown> | null {
  if (!existsSync(path)) return null;
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ...value };
  } catch {
    // reported below
  }
  throw createUsageError({
    input: path,
    expected: 'a JSON object',
    received: 'unparseable or non-object content',
    fix: 'Restore the file from the model repository.',
  });
}

export interface MaxTokensChoice {
  maxTokens: number;
  source: string;
}

/**
 * Which sequence limit the engine honours, in order: --max-tokens; sentence_bert_config.json's
 * max_seq_length (what sentence-transformers uses); the model's positions capped by tokenizer_config's
 * model_max_length. tokenizer.json's own truncation (128 in transformers.js exports) is ignored.
 */
export function chooseMaxTokens(
  dir: string | null,
  flag: number | null,
  presetDefault: number | null,
): MaxTokensChoice {
  if (flag !== null) return { maxTokens: flag, source: '--max-tokens' };
  const st = dir ? readOptionalJson(join(dir, 'sentence_bert_config.json')) : null;
  if (typeof st?.max_seq_length === 'number') {
    return { maxTokens: st.max_seq_length, source: 'sentence_bert_config.json max_seq_length' };
  }
  if (presetDefault !== null)
    return { maxTokens: presetDefault, source: 'sentence-transformers default for the preset' };
  const config = dir ? readOptionalJson(join(dir, 'config.json')) : null;
  const tokenizerConfig = dir ? readOptionalJson(join(dir, 'tokenizer_config.json')) : null;
  const positions =
    typeof config?.max_position_embeddings === 'number' ? config.max_position_embeddings : 512;
  const declared = tokenizerConfig?.model_max_length;
  if (typeof declared === 'number' && declared < positions) {
    return { maxTokens: declared, source: 'tokenizer_config.json model_max_length' };
  }
  return { maxTokens: positions, source: 'config.json max_position_embeddings' };
}
