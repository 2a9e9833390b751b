/**
 * A tokenizer that does not belong to the model (ids past its word-embedding table) is one input error naming
 * --tokenizer and --model, before ONNX Runtime runs: not ONNX Runtime's Gather index error once per cell.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { miniLmTokenizerDir } from '../../helpers/shared-data.js';
import { runCli } from '../../helpers/run-cli.js';

/** MiniLM's tokenizer with every id moved up by `shift`: [CLS] becomes 100101 for a 30,522-row table. */
function writeShiftedTokenizer(shift: number): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'embedprof-tokenizer-')), 'shifted');
  mkdirSync(dir);
  const json = JSON.parse(readFileSync(join(miniLmTokenizerDir(), 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number> };
    added_tokens: { id: number }[];
    post_processor: { special_tokens: Record<string, { ids: number[] }> };
  };
  for (const token of Object.keys(json.model.vocab))
    json.model.vocab[token] = (json.model.vocab[token] ?? 0) + shift;
  for (const added of json.added_tokens) added.id += shift;
  for (const special of Object.values(json.post_processor.special_tokens))
    special.ids = special.ids.map((id) => id + shift);
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(json));
  return dir;
}

test('a tokenizer whose ids exceed the model’s vocabulary is one input error naming --tokenizer and --model', () => {
  const tokenizer = writeShiftedTokenizer(100_000);
  const out = mkdtempSync(join(tmpdir(), 'embedprof-mismatch-'));
  const result = runCli([
    ...['profile', '--no-config', '--no-analysis', '--tokenizer', tokenizer],
    ...['--batch-sizes', '4,8', '--lengths', '10', '--processes', '1', '--out', out],
  ]);
  assert.equal(result.status, 2, result.stderr);
  assert.doesNotMatch(result.stderr, /Gather|inclusive range/);
  const errors = result.stderr.split('\n').filter((line) => /token ids below/.test(line));
  assert.equal(errors.length, 1, result.stderr);
  assert.match(
    errors[0] ?? '',
    new RegExp(
      `--tokenizer ${tokenizer} with --model \\S+\\.onnx: expected token ids below 30522, the rows of the model's word-embedding table, received token id 1\\d{5}`,
    ),
  );
});
