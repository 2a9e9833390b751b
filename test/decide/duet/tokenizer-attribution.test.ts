/**
 * Where the time went when the head's tokenizer is slower, through `embedprof gate --against` on real ONNX
 * Runtime work: a model folder with a one-layer, 16-wide BERT made by the project's ONNX builder (inference so
 * cheap that tokenizing is about half of a batch) and the real all-MiniLM-L6-v2 tokenizer; the head's
 * tokenizer.json adds Replace normalizers that change nothing (the same tokens, more work a text). The check
 * fails, and the comment's "where the time went" table names tokenize first, its interval above 0. It measures
 * a verdict, so it runs alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { createHfConfig, findArchitecture } from '../../../src/measure/onnx/architectures.js';
import { buildBertModel } from '../../../src/measure/onnx/bert-graph.js';
import { commitAll, createBaseRepository, runGateCommand, writeConfig } from './git-fixture.js';
import { slowTokenizer, writeModelFolder } from './model-repository.js';

/** Normalizers the head adds: tokenizing about 1.4–1.6× as long (10 rules: 1.2–1.3×, a −10 % cell, too near noise). */
const RULES = 24;

const TINY = {
  ...findArchitecture('all-MiniLM-L6-v2'),
  name: 'tiny-bert',
  layers: 1,
  hiddenSize: 16,
  heads: 2,
  intermediateSize: 32,
};

test('duet: a head whose tokenizer does more work a text fails, and the comment names tokenize first', () => {
  const onnx = buildBertModel(TINY, 'fp32', 7);
  const folder = { dtype: 'fp32' as const, config: createHfConfig(TINY) };
  const repo = createBaseRepository(false);
  const config = { schemaVersion: 1, preset: 'quick', model: './model', dtype: 'fp32', batchSizes: [8] };
  writeConfig(repo, { ...config, lengths: [64], processes: 3, analysis: false });
  writeModelFolder(join(repo, 'model'), onnx, folder);
  commitAll(repo, 'a tiny model');
  writeModelFolder(join(repo, 'model'), onnx, { ...folder, tokenizer: slowTokenizer(RULES) });
  commitAll(repo, 'a normalizer more');
  const out = join(repo, 'out');
  const result = runGateCommand(repo, ['--against', 'HEAD~1', '--no-confirm', '--out', out], 60);
  assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
  const comparison = comparisonSchema.parse(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
  assert.equal(comparison.quality?.agreement?.meanCosine, 1, 'the same tokens, the same embeddings');
  assert.ok(comparison.attribution.length > 0, 'a regressed cell is attributed');
  for (const cell of comparison.attribution) {
    const [first] = cell.stages;
    const summary = JSON.stringify(cell.stages);
    assert.equal(first?.stage, 'tokenize', `${cell.label}: ${summary}`);
    assert.ok((first.lowMs ?? 0) > 0, `${cell.label}: tokenize's increase is beyond noise: ${summary}`);
  }
  const comment = readFileSync(join(out, 'comment.md'), 'utf8');
  const label = comparison.attribution[0]?.label ?? '';
  const rows = comment.split('\n').filter((line) => line.startsWith(`| ${label} `));
  assert.match(rows[0] ?? '', /\| tokenize \|/, comment);
});
