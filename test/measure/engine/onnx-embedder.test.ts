import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createOnnxEmbedder, type OnnxEmbedder } from '../../../src/measure/engine/onnx-embedder.js';
import { loadTokenizer } from '../../../src/measure/engine/text-tokenizer.js';
import { ensureSyntheticModel } from '../../../src/measure/onnx/synthetic-model.js';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';
import { testCacheDir } from '../../helpers/run-cli.js';

const texts = [
  'The Gadsden flag was named by Christopher Gadsden.',
  'Short.',
  'Embedding services turn sentences into vectors that search and retrieval systems compare by cosine similarity.',
];

for (const dtype of ['q8', 'fp32'] as const) {
  let embedder: OnnxEmbedder;
  before(async () => {
    const model = await ensureSyntheticModel({ preset: 'all-MiniLM-L6-v2', dtype, cacheDir: testCacheDir });
    const tokenizer = await loadTokenizer(miniLmTokenizerDir());
    embedder = await createOnnxEmbedder({
      onnxPath: model.onnxPath,
      tokenizer,
      maxTokens: 256,
      threads: 2,
      ort: { graphOptimization: 'all', ortSpinning: 'auto' },
      allowSpinning: true,
    });
  });
  after(() => embedder.close());

  test(`${dtype}: a text embedded alone equals it embedded in a padded batch`, async () => {
    const batch = await embedder.embedBatch(texts);
    assert.ok(batch.tokens && batch.tokens.padded > batch.tokens.real, 'the batch is padded');
    for (const [index, text] of texts.entries()) {
      const alone = (await embedder.embedBatch([text])).embeddings[0] ?? [];
      const inBatch = batch.embeddings[index] ?? [];
      let maxDiff = 0;
      let dot = 0;
      for (let d = 0; d < alone.length; d++) {
        maxDiff = Math.max(maxDiff, Math.abs((alone[d] ?? 0) - (inBatch[d] ?? 0)));
        dot += (alone[d] ?? 0) * (inBatch[d] ?? 0);
      }
      if (dtype === 'fp32') assert.ok(maxDiff < 1e-4, `text ${index}: max difference ${maxDiff}`);
      // q8 quantizes activations with one range per batch, so batch-mates move the result slightly
      else assert.ok(dot > 0.995, `text ${index}: cosine ${dot}`);
    }
  });

  test(`${dtype}: embeddings are 384-d with unit norm and stages are timed`, async () => {
    const outcome = await embedder.embedBatch(texts);
    for (const vector of outcome.embeddings) {
      assert.equal(vector.length, 384);
      let squares = 0;
      for (let d = 0; d < vector.length; d++) squares += (vector[d] ?? 0) ** 2;
      assert.ok(Math.abs(Math.sqrt(squares) - 1) < 1e-4);
    }
    const { timing } = outcome;
    assert.ok(timing.inferenceMs > 0 && timing.tokenizeMs > 0 && timing.poolingMs >= 0);
    const sum = timing.tokenizeMs + timing.inferenceMs + timing.poolingMs + timing.otherMs;
    assert.ok(Math.abs(sum - timing.totalMs) < 1e-6);
  });

  test(`${dtype}: texts over the limit are truncated and counted`, async () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const outcome = await embedder.embedBatch([long, 'short text']);
    assert.equal(outcome.tokens?.truncated, 1);
    assert.equal(outcome.tokens?.sequenceLength, 256);
  });
}
