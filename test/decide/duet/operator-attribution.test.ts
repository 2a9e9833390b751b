/**
 * Where the time went, down to ONNX Runtime's operators, through `embedprof gate --against` with real ORT
 * models made by the project's ONNX builder: the base commit holds a synthetic all-MiniLM-L6-v2 (q8) in a
 * hub-layout folder, the head the same model with a MatMul-heavy tail after the encoder (eight 384 → 1536 →
 * 384 projections that compute the identity: the head takes about twice the base's time, far beyond the noise
 * of three pairs on a busy machine, with the same embeddings). The check fails, the comment's table names the
 * inference stage first and MatMul right under it with the nodes the head added, and the model's change is
 * recorded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { ensureSyntheticModel } from '../../../src/measure/onnx/synthetic-model.js';
import { testCacheDir } from '../../helpers/run-cli.js';
import { commitAll, createBaseRepository, runGateCommand, writeConfig } from './git-fixture.js';
import { appendMatMulTail, writeModelFolder } from './model-repository.js';

const TAIL_PAIRS = 8;

test('duet: a head whose model adds MatMul work fails, and the comment names inference, then MatMul', async () => {
  const synthetic = await ensureSyntheticModel({
    preset: 'all-MiniLM-L6-v2',
    cacheDir: testCacheDir,
    dtype: 'q8',
  });
  const bytes = new Uint8Array(readFileSync(synthetic.onnxPath));
  const repo = createBaseRepository(false);
  const config = { schemaVersion: 1, preset: 'smoke', model: './model', dtype: 'q8', batchSizes: [8] };
  writeConfig(repo, { ...config, lengths: [64], processes: 3, analysis: false });
  writeModelFolder(join(repo, 'model'), bytes);
  commitAll(repo, 'a model folder');
  writeModelFolder(join(repo, 'model'), appendMatMulTail(bytes, TAIL_PAIRS));
  commitAll(repo, 'a MatMul-heavy tail');
  const out = join(repo, 'out');
  const result = runGateCommand(repo, ['--against', 'HEAD~1', '--no-confirm', '--out', out], 60);
  assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
  const comparison = comparisonSchema.parse(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
  const [first] = comparison.attribution;
  assert.ok(first, 'a regressed cell is attributed');
  assert.equal(first.stages[0]?.stage, 'inference', JSON.stringify(first.stages));
  const top = first.operators?.operators[0];
  assert.ok(top, `operators were profiled: ${first.operatorsNote}`);
  assert.equal(top.opType, 'MatMul');
  assert.equal(top.headNodes - top.baseNodes, 2 * TAIL_PAIRS, 'the trace counts the nodes the head added');
  assert.deepEqual(comparison.sideChanges?.model?.operators[0], {
    opType: 'MatMul',
    base: 12,
    head: 12 + 2 * TAIL_PAIRS,
  });
  assert.ok(
    comparison.overall.notes.some((note) =>
      note.startsWith('the model differs between the sides: nodes MatMul 12 → '),
    ),
  );
  assert.ok((top.lowMs ?? 0) > 0, `MatMul's increase is beyond noise: ${JSON.stringify(top)}`);
  const comment = readFileSync(join(out, 'comment.md'), 'utf8');
  const rows = comment.split('\n').filter((line) => line.startsWith(`| ${first.label} `));
  assert.match(rows[0] ?? '', /\| inference \|/, comment);
  assert.ok(
    (comparison.quality?.agreement?.meanCosine ?? 0) > 0.9999,
    'the tail computes the identity: the embeddings stay the same',
  );
  assert.match(rows[1] ?? '', /\| ↳ op MatMul \\\(\d+ → \d+ nodes run\\\) \|/, comment);
});
