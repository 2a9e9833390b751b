import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TEXT_CHARACTERS, parseCorpusText } from '../../../src/measure/corpus/index.js';
import { assertUsageError } from './corpus-test-helpers.js';

const label = '--corpus data';

describe('parseCorpusText: txt', () => {
  test('one text per line, blank lines skipped, CRLF and BOM handled', () => {
    const texts = parseCorpusText('\uFEFFfirst text\r\n\r\n   \nsecond text\n\nthird\n', 'txt', label);
    assert.deepEqual(texts, ['first text', 'second text', 'third']);
  });

  test('keeps lines verbatim, including unicode', () => {
    assert.deepEqual(parseCorpusText('  indented 🐚\nCO₂ ↓', 'txt', label), ['  indented 🐚', 'CO₂ ↓']);
  });

  test('an empty file is an error', () => {
    assertUsageError(() => parseCorpusText('', 'txt', label), /^--corpus data: /, /an empty file/);
  });

  test('a file of only blank lines is an error that counts them', () => {
    assertUsageError(
      () => parseCorpusText('\n  \n\t\n', 'txt', label),
      /^--corpus data: /,
      /only blank lines \(3 lines\)/,
    );
  });
});

describe('parseCorpusText: jsonl', () => {
  test('reads "text" from each object, skipping blank lines and ignoring other properties', () => {
    const content = '{"text": "alpha", "id": 1}\n\n{"text": "beta"}\r\n';
    assert.deepEqual(parseCorpusText(content, 'jsonl', label), ['alpha', 'beta']);
  });

  test('invalid JSON names the line and column', () => {
    const content = '{"text": "ok"}\n\n{"text": "broken",}\n';
    assertUsageError(
      () => parseCorpusText(content, 'jsonl', label),
      /^--corpus data line 3 column 19: /,
      /invalid JSON/,
    );
  });

  test('an object without "text" names the line and shows what arrived', () => {
    const content = '{"text": "ok"}\n{"txt": "hello"}\n';
    assertUsageError(
      () => parseCorpusText(content, 'jsonl', label),
      /^--corpus data line 2: expected a JSON object with a string "text", received an object \(\{"txt":"hello"\}\)/,
      /Fix the line or remove it\./,
    );
  });

  test('a non-object line is an error', () => {
    assertUsageError(() => parseCorpusText('"just a string"', 'jsonl', label), /line 1: .*received a string/);
  });

  test('a non-string "text" is an error naming its type', () => {
    assertUsageError(
      () => parseCorpusText('{"text": "a"}\n{"text": 42}', 'jsonl', label),
      /line 2: .*"text" as a number \(42\)/,
    );
  });

  test('empty and whitespace-only texts are reported together, first line and count', () => {
    const content = [
      '{"text": "a"}',
      '{"text": ""}',
      '{"text": "b"}',
      '{"text": "  "}',
      '{"text": "\\t"}',
    ].join('\n');
    assertUsageError(
      () => parseCorpusText(content, 'jsonl', label),
      /^--corpus data line 2: /,
      /empty or whitespace-only text \(3 such texts: line 2, line 4, line 5\)/,
    );
  });

  test('more than five empty texts are summarised', () => {
    const content = Array.from({ length: 8 }, () => '{"text": ""}').join('\n');
    assertUsageError(
      () => parseCorpusText(content, 'jsonl', label),
      /8 such texts: line 1, .*line 5, and 3 more/,
    );
  });

  test('only blank lines is an error', () => {
    assertUsageError(() => parseCorpusText('\n\n', 'jsonl', label), /^--corpus data: .*only blank lines/);
  });
});

describe('parseCorpusText: json', () => {
  test('an array of strings', () => {
    assert.deepEqual(parseCorpusText('["a", "b c"]', 'json', label), ['a', 'b c']);
  });

  test('an array of objects with "text", mixed with strings', () => {
    assert.deepEqual(parseCorpusText('[{"text": "a", "id": 1}, "b"]', 'json', label), ['a', 'b']);
  });

  test('an object: the first array property is the corpus, metadata and later arrays are ignored', () => {
    const content = JSON.stringify({
      metadata: { total: 2, tags: ['x'] },
      claims: [{ text: 'claim one' }, { text: 'claim two' }],
      evidence: [{ text: 'evidence' }],
    });
    assert.deepEqual(parseCorpusText(content, 'json', label), ['claim one', 'claim two']);
  });

  test('invalid JSON names line and column', () => {
    assertUsageError(
      () => parseCorpusText('[\n  "a",\n  "b",\n]', 'json', label),
      /^--corpus data line 4 column 1: expected valid JSON, received invalid JSON \(unexpected "\]"\)/,
    );
  });

  test('truncated JSON says the end of the input', () => {
    assertUsageError(
      () => parseCorpusText('["a", "b"', 'json', label),
      /line 1 column 10: .*the end of the input/,
    );
  });

  test('items without "text" name the property, index and the string properties found', () => {
    const content = JSON.stringify({ evidence: [{ id: 'e1', content: 'words', score: 1 }] });
    assertUsageError(
      () => parseCorpusText(content, 'json', label),
      /^--corpus data "evidence" index 0: /,
      /an object without "text" \(properties: id, content, score\)/,
      /string properties "id", "content"/,
    );
  });

  test('a non-string text names the index', () => {
    assertUsageError(
      () => parseCorpusText('["a", "b", {"text": null}]', 'json', label),
      /^--corpus data index 2: .*"text" as null/,
    );
    assertUsageError(
      () => parseCorpusText('["a", 7]', 'json', label),
      /^--corpus data index 1: .*received a number \(7\)/,
    );
  });

  test('empty and whitespace-only texts name the first index and the count', () => {
    const content = JSON.stringify({ claims: [{ text: 'ok' }, { text: ' ' }, { text: '' }] });
    assertUsageError(
      () => parseCorpusText(content, 'json', label),
      /^--corpus data "claims" index 1: /,
      /2 such texts: "claims" index 1, "claims" index 2/,
    );
  });

  test('no texts: an empty array, an object with no array, or a scalar', () => {
    assertUsageError(
      () => parseCorpusText('[]', 'json', label),
      /^--corpus data: expected at least one text, received an empty array/,
    );
    assertUsageError(
      () => parseCorpusText('{"claims": []}', 'json', label),
      /^--corpus data "claims": .*empty array/,
    );
    assertUsageError(
      () => parseCorpusText('{"a": 1, "b": {}}', 'json', label),
      /no array property \(properties: a, b\)/,
    );
    assertUsageError(() => parseCorpusText('"text"', 'json', label), /^--corpus data: .*received a string/);
  });
});

describe('parseCorpusText: texts too long to embed', () => {
  const longest = 'x'.repeat(MAX_TEXT_CHARACTERS);
  const tooLong = `${longest}y`;

  test('a text of the limit is kept; one character more is an error naming the line and the limit', () => {
    assert.deepEqual(parseCorpusText(`short\n${longest}\n`, 'txt', label), ['short', longest]);
    assertUsageError(
      () => parseCorpusText(`short\n\n${tooLong}\n`, 'txt', label),
      /^--corpus data line 3: expected texts of at most 100000 characters/,
      /received a text of 100001 characters \(1 such text: line 3\)/,
      /Split long documents into passages/,
    );
  });

  test('jsonl and json name the line or index of each text over the limit', () => {
    const jsonl = ['{"text": "a"}', JSON.stringify({ text: tooLong }), JSON.stringify({ text: tooLong })];
    assertUsageError(
      () => parseCorpusText(jsonl.join('\n'), 'jsonl', label),
      /^--corpus data line 2: /,
      /2 such texts: line 2, line 3/,
    );
    assertUsageError(
      () => parseCorpusText(JSON.stringify({ claims: [{ text: 'a' }, { text: tooLong }] }), 'json', label),
      /^--corpus data "claims" index 1: expected texts of at most 100000 characters/,
    );
  });
});
