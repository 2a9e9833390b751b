import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonSchema, type Comparison } from '../../../src/decide/compare/comparison-schema.js';
import { ensureSyntheticModel } from '../../../src/measure/onnx/synthetic-model.js';
import { writeWorkloadSource } from '../../../scripts/ort-workload.js';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';
import { testCacheDir } from '../../helpers/run-cli.js';
import { commitAll, createBaseRepository, runGateCommand, writeConfig } from './git-fixture.js';

// Both sides run embedprof's engine on a synthetic all-MiniLM-L6-v2 with the real tokenizer (the module a user
// would commit); the head changes only which model file it loads.
const CONFIG = {
  schemaVersion: 1,
  preset: 'smoke',
  embedder: './embedder.mjs',
  batchSizes: [8],
  lengths: [64],
  processes: 3,
  analysis: false,
};

async function writeModelEmbedder(
  dir: string,
  request: { dtype: 'q8' | 'fp32'; seed?: number },
): Promise<void> {
  const model = await ensureSyntheticModel({
    preset: 'all-MiniLM-L6-v2',
    cacheDir: testCacheDir,
    ...request,
  });
  writeFileSync(join(dir, 'embedder.mjs'), writeWorkloadSource('same', model.onnxPath, miniLmTokenizerDir()));
}

async function gateModelChange(head: { dtype: 'q8' | 'fp32'; seed?: number }) {
  const repo = createBaseRepository(false);
  writeConfig(repo, { ...CONFIG, tokenizer: miniLmTokenizerDir() });
  await writeModelEmbedder(repo, { dtype: 'fp32' });
  commitAll(repo, 'fp32 model');
  await writeModelEmbedder(repo, head);
  commitAll(repo, 'another model file');
  const out = join(repo, 'out');
  const flags = [
    '--against',
    'HEAD~1',
    '--max-quality-drop',
    '0.02',
    // the check under test is the embeddings': speed is not gated, so no extra rounds are spent on it
    '--fail-on',
    'memory',
    '--out',
    out,
  ];
  const result = runGateCommand(repo, flags, 60);
  const comparison: Comparison = comparisonSchema.parse(
    JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')),
  );
  return { result, comparison, comment: readFileSync(join(out, 'comment.md'), 'utf8') };
}

test('duet: a head that switches fp32 → q8 keeps its embeddings within max-quality-drop and passes', async () => {
  const { result, comparison } = await gateModelChange({ dtype: 'q8' });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  const quality = comparison.quality;
  assert.ok(quality?.agreement, JSON.stringify(quality));
  assert.equal(quality.drifted, false);
  assert.equal(quality.agreement.texts, 64);
  assert.ok(quality.agreement.meanCosine > 0.99, `q8 against fp32: ${quality.agreement.meanCosine}`);
  assert.ok(
    comparison.overall.notes.some((note) =>
      /^embeddings: the head's against the base's, mean cosine 0\.99\d{3}/.test(note),
    ),
  );
});

test('duet: a head whose model has other weights fails max-quality-drop with the figures in the first line', async () => {
  const { result, comparison, comment } = await gateModelChange({ dtype: 'fp32', seed: 11 });
  assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
  const quality = comparison.quality;
  assert.ok(quality?.agreement && quality.drifted, JSON.stringify(quality));
  assert.ok(quality.agreement.meanCosine < 0.98);
  assert.equal(comparison.overall.gate, 'fail');
  const firstLine = comment.split('\n').find((line) => line.trim() !== '' && !line.startsWith('<!--'));
  assert.match(
    firstLine ?? '',
    /^❌ Embeddings drifted: mean cosine 0\.\d{5} \(min -?\d\.\d{5}, 1st percentile -?\d\.\d{5}\) over 64 texts against the base, beyond max-quality-drop 0\.02/,
  );
});
