import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTextsOfLength, createDefaultCorpus, readCorpus } from '../../../src/measure/corpus/index.js';
import { requireSharedPath } from '../../helpers/shared-data.js';
import { assertUsageError } from './corpus-test-helpers.js';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const sweep = [1, 10, 50, 100, 256, 512, 1024];
const corpusTexts = createDefaultCorpus().texts;

function wordsOf(texts: readonly string[]): Set<string> {
  return new Set(texts.flatMap((text) => text.split(/\s+/).filter((word) => word !== '')));
}

function assertBuiltFromCorpus(texts: readonly string[], chars: number, vocabulary: Set<string>): void {
  for (const text of texts) {
    assert.equal(text.length, chars, `length of ${JSON.stringify(text)}`);
    assert.doesNotMatch(text, /^ | $| {2}/, 'single spaces between words, none at the ends');
    for (const word of text.split(' '))
      assert.ok(vocabulary.has(word), `${JSON.stringify(word)} is a corpus word`);
  }
}

describe('buildTextsOfLength on the default corpus', () => {
  const vocabulary = wordsOf(corpusTexts);
  for (const chars of sweep) {
    test(`${chars} characters: exact length, whole corpus words, not all identical`, () => {
      const texts = buildTextsOfLength(corpusTexts, chars, 32, 7);
      assert.equal(texts.length, 32);
      assertBuiltFromCorpus(texts, chars, vocabulary);
      assert.ok(new Set(texts).size > 1, 'texts differ');
    });
  }

  test('never pads with repeated characters', () => {
    for (const chars of sweep) {
      for (const text of buildTextsOfLength(corpusTexts, chars, 16, 3))
        assert.doesNotMatch(text, /(\S)\1{3}/);
    }
  });

  test('is deterministic per seed and varies across seeds', () => {
    assert.deepEqual(buildTextsOfLength(corpusTexts, 256, 8, 5), buildTextsOfLength(corpusTexts, 256, 8, 5));
    assert.notDeepEqual(
      buildTextsOfLength(corpusTexts, 256, 8, 5),
      buildTextsOfLength(corpusTexts, 256, 8, 6),
    );
  });

  test('longer texts keep corpus word order (natural-ish runs of words)', () => {
    const [text = ''] = buildTextsOfLength(corpusTexts, 512, 1, 11);
    const words = text.split(' ');
    const run = words.slice(0, 6).join(' ');
    assert.ok(corpusTexts.join(' ').includes(run), `${JSON.stringify(run)} appears in the corpus`);
  });
});

describe('buildTextsOfLength on unicode text', () => {
  test('special_characters.json: exact lengths, whole words, no split surrogate pairs', async () => {
    const corpus = await readCorpus(requireSharedPath('seed-data/special_characters.json'));
    const vocabulary = wordsOf(corpus.texts);
    for (const chars of sweep) {
      const texts = buildTextsOfLength(corpus.texts, chars, 12, 9);
      assertBuiltFromCorpus(texts, chars, vocabulary);
      for (const text of texts) assert.doesNotMatch(text, loneSurrogate);
      if (chars >= 10) assert.ok(new Set(texts).size > 1, `texts of ${chars} differ`);
    }
    assert.deepEqual(
      buildTextsOfLength(corpus.texts, 100, 4, 1),
      buildTextsOfLength(corpus.texts, 100, 4, 1),
    );
  });

  test('fills with two words, or as a last resort cuts a word at a grapheme boundary', () => {
    assert.deepEqual(buildTextsOfLength(['abcd ab'], 3, 1, 1), ['abc']);
    const [filled = ''] = buildTextsOfLength(['abcdef abc a'], 5, 1, 1);
    assert.equal(filled.length, 5);
    assert.deepEqual(buildTextsOfLength(['🐚🐠 🐚🐠🐚'], 2, 1, 1), ['🐚']);
  });

  test('throws a UsageError when no cut could avoid splitting a character', () => {
    assertUsageError(() => buildTextsOfLength(['🐚🐠'], 1, 1, 1), /^--lengths: .*1-character gap/);
  });
});

describe('buildTextsOfLength validation', () => {
  test('chars must be a positive integer (named as --lengths)', () => {
    for (const chars of [0, -5, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assertUsageError(
        () => buildTextsOfLength(corpusTexts, chars, 1, 1),
        /^--lengths: expected positive whole numbers/,
      );
    }
  });

  test('count must be a positive integer', () => {
    assertUsageError(() => buildTextsOfLength(corpusTexts, 10, 0, 1), /number of texts per length/);
    assertUsageError(() => buildTextsOfLength(corpusTexts, 10, 1.5, 1), /received 1\.5/);
  });

  test('source texts must contain words', () => {
    assertUsageError(() => buildTextsOfLength([], 10, 1, 1), /received no texts/);
    assertUsageError(() => buildTextsOfLength([' ', '\n'], 10, 1, 1), /received only whitespace/);
  });
});
