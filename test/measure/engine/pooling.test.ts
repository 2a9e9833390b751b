import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEmbeddings, poolMeanNormalized } from '../../../src/measure/engine/pooling.js';
import { encodeBatch } from '../../../src/measure/engine/batch-encoding.js';
import { createHashTokenizer } from '../../../src/measure/engine/hash-tokenizer.js';
import { RuntimeFailure } from '../../../src/ground/errors.js';

test('mean pooling ignores padded positions and L2-normalizes', () => {
  // two rows, sequence 3, dimension 2; row 1 has one padded position holding garbage
  const hidden = new Float32Array([1, 0, 3, 0, 5, 0, /* row 1 */ 0, 2, 0, 4, 100, 100]);
  const mask = new BigInt64Array([1n, 1n, 1n, 1n, 1n, 0n]);
  const [first, second] = poolMeanNormalized(hidden, mask, 2, 3, 2);
  assert.deepEqual([...(first ?? [])], [1, 0]);
  assert.deepEqual([...(second ?? [])], [0, 1]);
});

test('mean pooling of a known vector gives its unit direction', () => {
  const hidden = new Float32Array([3, 4, 3, 4]);
  const [vector] = poolMeanNormalized(hidden, new BigInt64Array([1n, 1n]), 1, 2, 2);
  assert.ok(Math.abs((vector?.[0] ?? 0) - 0.6) < 1e-6);
  assert.ok(Math.abs((vector?.[1] ?? 0) - 0.8) < 1e-6);
});

test('checkEmbeddings rejects wrong counts, dimensions, NaN and non-unit norms', () => {
  const unit = [new Float32Array([0.6, 0.8])];
  assert.equal(checkEmbeddings(unit, 1, { expectedDimension: 2, requireUnitNorm: true }), 2);
  assert.throws(
    () => checkEmbeddings(unit, 2, { expectedDimension: 2, requireUnitNorm: true }),
    RuntimeFailure,
  );
  assert.throws(
    () => checkEmbeddings(unit, 1, { expectedDimension: 3, requireUnitNorm: true }),
    /dimension 2/,
  );
  assert.throws(
    () => checkEmbeddings([[Number.NaN, 1]], 1, { expectedDimension: null, requireUnitNorm: false }),
    /non-finite/,
  );
  assert.throws(
    () => checkEmbeddings([[2, 0]], 1, { expectedDimension: null, requireUnitNorm: true }),
    /norm 2/,
  );
  assert.equal(checkEmbeddings([[2, 0]], 1, { expectedDimension: null, requireUnitNorm: false }), 2);
});

test('encodeBatch pads to the longest row and truncates keeping the final special token', () => {
  const tokenizer = createHashTokenizer();
  const batch = encodeBatch(tokenizer, ['one two three four five', 'one'], 4);
  assert.equal(batch.sequenceLength, 4);
  assert.equal(batch.truncatedTexts, 1);
  assert.equal(batch.inputIds[0], 101n);
  assert.equal(batch.inputIds[3], 102n, 'the [SEP] survives truncation');
  assert.deepEqual([...batch.attentionMask], [1n, 1n, 1n, 1n, 1n, 1n, 1n, 0n]);
  assert.equal(batch.inputIds[7], 0n, 'padding uses id 0');
  assert.equal(batch.realTokens, 7);
});

test('the hash tokenizer is deterministic and splits words and punctuation', () => {
  const tokenizer = createHashTokenizer();
  const ids = tokenizer.encode('Hello, world!');
  assert.deepEqual(ids, tokenizer.encode('hello, WORLD!'));
  assert.equal(ids.length, 2 + 4);
  assert.ok(ids.slice(1, -1).every((id) => id >= 1000 && id < 30522));
});
