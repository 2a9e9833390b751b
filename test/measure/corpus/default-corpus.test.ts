import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDefaultCorpus, defaultCorpusBands } from '../../../src/measure/corpus/index.js';

const corpus = createDefaultCorpus();
const lengths = corpus.texts.map((text) => text.length);
const shareBetween = (min: number, max: number): number =>
  lengths.filter((length) => length >= min && length <= max).length / lengths.length;

describe('createDefaultCorpus', () => {
  test('defaults to seed 1 and 2000 texts, described as the built-in corpus', () => {
    assert.equal(corpus.texts.length, 2000);
    assert.deepEqual(corpus.source, { kind: 'builtin', name: 'default', seed: 1 });
  });

  test('is deterministic: the same seed gives identical texts', () => {
    assert.deepEqual(createDefaultCorpus(1, 2000).texts, corpus.texts);
    assert.deepEqual(createDefaultCorpus(42, 50).texts, createDefaultCorpus(42, 50).texts);
  });

  test('different seeds give different texts; a smaller count is a prefix', () => {
    assert.notDeepEqual(createDefaultCorpus(2, 100).texts, corpus.texts.slice(0, 100));
    assert.deepEqual(createDefaultCorpus(1, 100).texts, corpus.texts.slice(0, 100));
  });

  test('has no empty texts and no leading, trailing or doubled spaces', () => {
    for (const text of corpus.texts) {
      assert.notEqual(text.trim(), '');
      assert.equal(text, text.trim());
      assert.doesNotMatch(text, /\s{2}/);
    }
  });

  test('length distribution: mostly 40–160, a short tail up to 300, some short queries', () => {
    const { query, snippet, passage } = defaultCorpusBands;
    assert.ok(Math.min(...lengths) >= query.min, `shortest ${Math.min(...lengths)}`);
    assert.ok(Math.max(...lengths) <= passage.max, `longest ${Math.max(...lengths)}`);
    const main = shareBetween(snippet.min, snippet.max);
    assert.ok(main >= 0.8 && main <= 0.93, `40–160 share ${main}`);
    const queries = shareBetween(query.min, snippet.min - 1);
    assert.ok(queries >= 0.05 && queries <= 0.15, `short query share ${queries}`);
    const tail = shareBetween(snippet.max + 1, passage.max);
    assert.ok(tail >= 0.01 && tail <= 0.06, `long tail share ${tail}`);
    assert.ok(shareBetween(250, passage.max) > 0.001, 'some passages over 250 characters');
  });

  test('reads as English: real words, sentence punctuation, numbers and names', () => {
    const all = corpus.texts.join(' ');
    for (const word of [' the ', ' and ', ' in ', 'researchers', 'percent'])
      assert.ok(all.includes(word), word);
    assert.match(all, /\d{4}/);
    assert.match(all, /[,.;:?"()]/);
    assert.ok(corpus.texts.filter((text) => /[.?]$/.test(text)).length > corpus.texts.length / 2);
    assert.ok(new Set(corpus.texts).size > corpus.texts.length * 0.95, 'texts are mostly distinct');
  });

  test('rejects a non-integer seed or a non-positive count', () => {
    assert.throws(() => createDefaultCorpus(1.5), RangeError);
    assert.throws(() => createDefaultCorpus(1, 0), RangeError);
    assert.throws(() => createDefaultCorpus(1, Number.NaN), RangeError);
  });
});
