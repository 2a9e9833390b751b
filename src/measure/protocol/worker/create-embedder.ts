import { createCustomEmbedder } from '../../engine/custom-embedder.js';
import type { EngineSpec, ProfiledEmbedder } from '../../engine/embedder.js';
import { createOnnxEmbedder } from '../../engine/onnx-embedder.js';
import { decideSpinning } from '../../engine/onnx-session.js';
import { loadTokenizer } from '../../engine/text-tokenizer.js';

/** Builds the embedder a worker measures from its resolved spec. */
export async function createEmbedder(engine: EngineSpec, takesTurns = false): Promise<ProfiledEmbedder> {
  const tokenizer = await loadTokenizer(engine.tokenizerDir);
  switch (engine.kind) {
    case 'onnx':
      return createOnnxEmbedder({
        ...engine,
        tokenizer,
        allowSpinning: decideSpinning(engine.ort.ortSpinning, takesTurns),
      });
    case 'custom':
      return createCustomEmbedder({
        modulePath: engine.modulePath,
        userOptions: engine.userOptions,
        tokenizer: engine.tokenizerDir === null ? null : tokenizer,
        maxTokens: engine.maxTokens,
      });
  }
}
