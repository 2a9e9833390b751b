/**
 * Where the time went, down to ONNX Runtime's operators, through `embedprof gate --against` with real ORT
 * models made by the project's ONNX builder: the base commit holds a synthetic all-MiniLM-L6-v2 (q8) in a
 * hub-layout folder, the head the same model with a MatMul-heavy tail after the encoder (eight 384 → 1536 → 384
 * projections: the head takes about twice the base's time, far beyond the noise of three pairs on a busy machine). The check fails, and the comment's table names the
 * inference stage first and MatMul right under it, with the node count the head added.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonSchema } from '../../../src/decide/compare/comparison-schema.js';
import { createFloatTensor } from '../../../src/measure/onnx/onnx-builder.js';
import { decodeModel } from '../../../src/measure/onnx/onnx-decode.js';
import { encodeModel } from '../../../src/measure/onnx/onnx-encode.js';
import { ensureSyntheticModel } from '../../../src/measure/onnx/synthetic-model.js';
import { createRandom } from '../../../src/ground/random/index.js';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';
import { testCacheDir } from '../../helpers/run-cli.js';
import { commitAll, createBaseRepository, runGateCommand, writeConfig } from './git-fixture.js';

const HIDDEN = 384;
const INNER = 1536;
const TAIL_PAIRS = 8;

/** `bytes` with x → x·W1·W2 repeated `pairs` times after the graph's first output (its shape kept). */
function appendMatMulTail(bytes: Uint8Array, pairs: number): Uint8Array {
  const model = decodeModel(bytes);
  const { graph } = model;
  const output = graph.outputs[0]?.name ?? '';
  const producer = graph.nodes.find((node) => node.outputs.includes(output));
  assert.ok(producer, `the model has a node producing ${output}`);
  producer.outputs = producer.outputs.map((name) => (name === output ? `${output}_encoder` : name));
  const random = createRandom(17);
  const weights = (size: number, fanIn: number) =>
    Float32Array.from({ length: size }, () => random.nextNormal() / Math.sqrt(fanIn));
  let current = `${output}_encoder`;
  for (let pair = 0; pair < pairs; pair++) {
    const [up, down] = [`tail_${pair}_up`, `tail_${pair}_down`];
    graph.initializers.push(createFloatTensor(up, [HIDDEN, INNER], weights(HIDDEN * INNER, HIDDEN)));
    graph.initializers.push(createFloatTensor(down, [INNER, HIDDEN], weights(INNER * HIDDEN, INNER)));
    const inner = `tail_${pair}_inner`;
    const next = pair === pairs - 1 ? output : `tail_${pair}_out`;
    const node = (name: string, inputs: string[], outputs: string[]) => ({
      name,
      opType: 'MatMul',
      domain: '',
      inputs,
      outputs,
      attributes: [],
    });
    graph.nodes.push(
      node(`${up}_matmul`, [current, up], [inner]),
      node(`${down}_matmul`, [inner, down], [next]),
    );
    current = next;
  }
  return encodeModel(model);
}

/** A hub-layout model folder: the real tokenizer and config, and `onnx/model_quantized.onnx`. */
function writeModelFolder(dir: string, onnx: Uint8Array): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  for (const name of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'])
    copyFileSync(join(miniLmTokenizerDir(), name), join(dir, name));
  writeFileSync(join(dir, 'onnx', 'model_quantized.onnx'), onnx);
}

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
  assert.match(rows[1] ?? '', /\| ↳ op MatMul \\\(\d+ → \d+ nodes run\\\) \|/, comment);
});
