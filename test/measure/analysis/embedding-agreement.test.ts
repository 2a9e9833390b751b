import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCosine, measureAgreement } from '../../../src/measure/analysis/embedding-agreement.js';
import { runAnalysisJob } from '../../../src/measure/protocol/worker/run-analysis-job.js';
import { toBatches } from '../../../src/measure/protocol/schedule/analysis-plan.js';
import { ensureSyntheticModel } from '../../../src/measure/onnx/synthetic-model.js';
import type { EngineSpec } from '../../../src/measure/engine/embedder.js';
import { createDefaultCorpus } from '../../../src/measure/corpus/index.js';
import { recommendDtype } from '../../../src/measure/analysis/recommend-experiments.js';
import { summarizeEffect } from '../../../src/measure/analysis/effect.js';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';
import { testCacheDir } from '../../helpers/run-cli.js';

test('cosine agreement: identical vectors agree at 1, opposite at −1, and the 1st percentile is the tail', () => {
  assert.ok(Math.abs(computeCosine([1, 2, 3], [2, 4, 6]) - 1) < 1e-12);
  assert.equal(computeCosine([1, 0], [-1, 0]), -1);
  assert.equal(computeCosine([0, 0], [1, 0]), 0);
  assert.throws(() => computeCosine([1], [1, 2]), /1 and 2 dimensions/);
  const reference = Array.from({ length: 100 }, (_, i) => [1 + i, 0]);
  const variant = reference.map((vector, i) => (i < 2 ? [0, 1] : vector));
  const agreement = measureAgreement(reference, variant);
  assert.equal(agreement.texts, 100);
  assert.equal(agreement.minCosine, 0, 'the two texts whose vectors turned by 90°');
  assert.equal(agreement.p01Cosine, 0);
  assert.ok(Math.abs(agreement.meanCosine - 0.98) < 1e-12);
  assert.throws(() => measureAgreement([[1]], []), /same texts on both sides: got 1 and 0 vectors/);
});

async function createEngine(dtype: 'q8' | 'fp32', seed?: number): Promise<EngineSpec> {
  const model = await ensureSyntheticModel({
    preset: 'all-MiniLM-L6-v2',
    dtype,
    cacheDir: testCacheDir,
    ...(seed === undefined ? {} : { seed }),
  });
  return {
    kind: 'onnx',
    onnxPath: model.onnxPath,
    tokenizerDir: miniLmTokenizerDir(),
    maxTokens: 256,
    threads: 2,
    ort: { graphOptimization: 'all', ortSpinning: 'auto' },
  };
}

async function runDtypeExperiment(a: EngineSpec, b: EngineSpec) {
  const batches = toBatches(createDefaultCorpus(3, 64).texts);
  const reply = await runAnalysisJob({
    kind: 'ab-experiment',
    a: { label: 'fp32', engine: a, batches },
    b: { label: 'q8', engine: b, batches },
    rounds: 1,
    compareOutputs: true,
  });
  assert.equal(reply.kind, 'ab-experiment');
  if (reply.kind !== 'ab-experiment' || reply.agreement === null) throw new Error('no agreement measured');
  return { reply, agreement: reply.agreement };
}

test('q8 vs fp32 of the synthetic all-MiniLM-L6-v2 (real tokenizer): agreement measured and close to 1', async () => {
  const { reply, agreement } = await runDtypeExperiment(await createEngine('fp32'), await createEngine('q8'));
  assert.equal(agreement.texts, 64);
  assert.ok(agreement.meanCosine > 0.99 && agreement.meanCosine < 1, `mean cosine ${agreement.meanCosine}`);
  assert.ok(agreement.minCosine <= agreement.p01Cosine && agreement.p01Cosine <= agreement.meanCosine);
  const effect = { ...summarizeEffect(reply.pairs, { baseline: 'fp32', variant: 'q8' }), agreement };
  const advice = recommendDtype({
    ...effect,
    relativeChange: 0.8,
    ci95: { kind: 'determined', low: 0.5, high: 1.1, confidence: 0.95 },
  });
  assert.match(
    advice?.detail ?? '',
    /Quality cost: embeddings against fp32's: mean cosine 0\.99\d{3} \(min 0\.9\d{4}, 1st percentile 0\.9\d{4}\) over 64 texts/,
  );
});

test('a model with other weights (another seed) agrees far less: the figure tells them apart', async () => {
  const { agreement } = await runDtypeExperiment(await createEngine('fp32'), await createEngine('fp32', 11));
  assert.ok(agreement.meanCosine < 0.9, `mean cosine ${agreement.meanCosine}`);
});
