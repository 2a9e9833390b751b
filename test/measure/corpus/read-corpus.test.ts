import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readCorpus, type Corpus } from '../../../src/measure/corpus/index.js';
import { requireSharedPath } from '../../helpers/shared-data.js';
import {
  assertRejectsWithUsageError,
  createScratchDir,
  escapeRegExp,
  type ScratchDir,
} from './corpus-test-helpers.js';

let scratch: ScratchDir;
before(async () => {
  scratch = await createScratchDir();
});
after(async () => {
  await scratch.remove();
});

function fileSource(corpus: Corpus): { path: string; format: string; sha256: string } {
  assert.equal(corpus.source.kind, 'file');
  if (corpus.source.kind !== 'file') throw new Error('unreachable');
  return corpus.source;
}

describe('readCorpus: formats', () => {
  test('.txt', async () => {
    const path = await scratch.write('queries.txt', 'alpha beta\n\ngamma\n');
    const corpus = await readCorpus(path);
    assert.deepEqual(corpus.texts, ['alpha beta', 'gamma']);
    const source = fileSource(corpus);
    assert.equal(source.path, path);
    assert.equal(source.format, 'txt');
    assert.equal(source.sha256, createHash('sha256').update('alpha beta\n\ngamma\n').digest('hex'));
  });

  test('.jsonl', async () => {
    const path = await scratch.write('docs.jsonl', '{"text": "one"}\n{"text": "two", "id": 2}\n');
    const corpus = await readCorpus(path);
    assert.deepEqual(corpus.texts, ['one', 'two']);
    assert.equal(fileSource(corpus).format, 'jsonl');
  });

  test('.json, with an upper-case extension', async () => {
    const path = await scratch.write('docs.JSON', '[{"text": "one"}, "two"]');
    const corpus = await readCorpus(path);
    assert.deepEqual(corpus.texts, ['one', 'two']);
    assert.equal(fileSource(corpus).format, 'json');
  });
});

describe('readCorpus: file errors name the file', () => {
  test('a missing file', async () => {
    const path = `${scratch.path}/missing.txt`;
    await assertRejectsWithUsageError(
      () => readCorpus(path),
      new RegExp(`^--corpus ${escapeRegExp(path)}: `),
      /nothing at/,
    );
  });

  test('a directory', async () => {
    await assertRejectsWithUsageError(() => readCorpus(scratch.path), /a directory/);
  });

  test('an unknown extension lists the supported ones', async () => {
    const path = await scratch.write('table.csv', 'a,b\n');
    await assertRejectsWithUsageError(
      () => readCorpus(path),
      new RegExp(
        `^--corpus ${escapeRegExp(path)}: expected a file ending in \\.txt, \\.jsonl, \\.json, received a "\\.csv" file`,
      ),
    );
  });

  test('no extension', async () => {
    const path = await scratch.write('README', 'text');
    await assertRejectsWithUsageError(() => readCorpus(path), /a file name without an extension/);
  });

  test('bytes that are not UTF-8', async () => {
    const path = await scratch.write('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    await assertRejectsWithUsageError(() => readCorpus(path), /not valid UTF-8/);
  });

  test('parse errors carry the file path and the line', async () => {
    const path = await scratch.write('bad.jsonl', '{"text": "ok"}\n{"txt": "x"}\n');
    await assertRejectsWithUsageError(
      () => readCorpus(path),
      new RegExp(`^--corpus ${escapeRegExp(path)} line 2: `),
    );
  });

  test('the flag name can be chosen', async () => {
    const path = `${scratch.path}/nope.json`;
    await assertRejectsWithUsageError(() => readCorpus(path, '--queries'), /^--queries /);
  });
});

describe('readCorpus: seed fixtures', () => {
  const fixtures: ReadonlyArray<[name: string, count: number]> = [
    ['test_claims.json', 25],
    ['fever_sample_claims.json', 25],
    ['long_claims.json', 5],
    ['short_claims.json', 5],
    ['special_characters.json', 5],
    ['edge_case_claims.json', 30],
  ];
  for (const [name, count] of fixtures) {
    test(`${name} loads its ${count} claims`, async () => {
      const path = requireSharedPath(`seed-data/${name}`);
      const corpus = await readCorpus(path);
      assert.equal(corpus.texts.length, count);
      const raw: unknown = JSON.parse(await readFile(path, 'utf8'));
      assert.deepEqual(corpus.texts, readClaimTexts(raw));
      assert.match(fileSource(corpus).sha256, /^[0-9a-f]{64}$/);
    });
  }

  test('special characters survive intact', async () => {
    const corpus = await readCorpus(requireSharedPath('seed-data/special_characters.json'));
    assert.ok(corpus.texts.some((text) => text.includes('🐚')));
    assert.ok(corpus.texts.some((text) => text.includes('减少死亡')));
  });

  test('sample_evidence.json (items keep their text in "content") is rejected with a clear message', async () => {
    const path = requireSharedPath('seed-data/sample_evidence.json');
    await assertRejectsWithUsageError(
      () => readCorpus(path),
      /sample_evidence\.json "evidence" index 0: /,
      /an object without "text"/,
      /string properties .*"content"/,
    );
  });
});

/** Independent reading of the fixtures' `claims` array, to compare with readCorpus. */
function readClaimTexts(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || !('claims' in raw) || !Array.isArray(raw.claims)) {
    throw new Error('fixture has no claims array');
  }
  return raw.claims.map((claim: unknown) => {
    if (typeof claim === 'object' && claim !== null && 'text' in claim && typeof claim.text === 'string') {
      return claim.text;
    }
    throw new Error('claim without text');
  });
}
