import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBaselines, writeBaselineAtomically } from '../../../src/decide/baseline/baseline-files.js';
import { UsageError } from '../../../src/ground/errors.js';
import { createTestBaseline } from './baseline-fixtures.js';

async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'embedprof-baseline-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const failsWith = (pattern: RegExp) => (error: unknown) =>
  error instanceof UsageError && pattern.test(error.message);

test('a written baseline loads back identical, from its file or its folder, and leaves no temporary file', async () => {
  await withTempDir(async (dir) => {
    const baseline = createTestBaseline('main');
    const written = await writeBaselineAtomically(join(dir, 'baselines'), baseline, { force: false });
    assert.equal(written.path, join(dir, 'baselines', 'main.json'));
    assert.equal(written.replaced, false);
    assert.deepEqual(await readdir(join(dir, 'baselines')), ['main.json']);
    const [loaded] = await loadBaselines(written.path);
    assert.deepEqual(loaded?.baseline, baseline);
    const bytes = await readFile(written.path);
    assert.equal(
      loaded?.file.sha256,
      createHash('sha256').update(bytes).digest('hex'),
      'sha256 of the bytes',
    );
    assert.equal(loaded?.file.path, written.path);
    await writeBaselineAtomically(join(dir, 'baselines'), createTestBaseline('other'), { force: false });
    const all = await loadBaselines(join(dir, 'baselines'));
    assert.deepEqual(
      all.map((item) => item.baseline.name),
      ['main', 'other'],
    );
  });
});

test('corrupt, truncated, empty and future-version baseline files are one UsageError naming the file', async () => {
  await withTempDir(async (dir) => {
    const text = JSON.stringify(createTestBaseline('main'));
    const cases: [string, string, RegExp][] = [
      [
        'truncated.json',
        text.slice(0, text.length / 2),
        /truncated\.json: expected valid JSON for a baseline.*corrupt or truncated/,
      ],
      ['empty.json', '', /empty\.json: expected a baseline JSON document, received an empty file/],
      [
        'future.json',
        text.replace('"schemaVersion":1', '"schemaVersion":2'),
        /future\.json: expected baseline schemaVersion ≤ 1, received schemaVersion 2, written by a newer embedprof/,
      ],
      [
        'old.json',
        text.replace('"schemaVersion":1', '"schemaVersion":0'),
        /old\.json: expected a valid baseline file \(schemaVersion 1\).*schemaVersion/,
      ],
      [
        'broken.json',
        text.replace('"throughput":[', '"throughput":["fast",'),
        /broken\.json: expected a valid baseline file.*cells\.0\.throughput/,
      ],
    ];
    for (const [name, content, pattern] of cases) {
      const path = join(dir, name);
      await writeFile(path, content);
      await assert.rejects(loadBaselines(path), failsWith(pattern), name);
    }
    await assert.rejects(
      loadBaselines(dir),
      failsWith(/broken\.json/),
      'a folder fails on its first bad file',
    );
  });
});

test('a missing path is a UsageError; an empty folder has no baselines', async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(
      loadBaselines(join(dir, 'nope')),
      failsWith(/nope: expected a baseline file or a folder .*received nothing at that path/),
    );
    assert.deepEqual(await loadBaselines(dir), []);
  });
});

test('replacing a baseline of the same setup works; another machine needs --force', async () => {
  await withTempDir(async (dir) => {
    await writeBaselineAtomically(dir, createTestBaseline('main'), { force: false });
    const again = await writeBaselineAtomically(dir, createTestBaseline('main', { onnxruntime: '1.31.0' }), {
      force: false,
    });
    assert.equal(again.replaced, true, 'a software difference is what a PR changes: same setup');
    const otherMachine = createTestBaseline('main', { cpuModel: 'Intel Xeon Platinum 8370C', threads: 4 });
    await assert.rejects(
      writeBaselineAtomically(dir, otherMachine, { force: false }),
      failsWith(
        /main\.json: expected a baseline of the same machine and model to replace, received one recorded with cpuModel: baseline "AMD EPYC 7B13", current "Intel Xeon Platinum 8370C"; threads: baseline 2, current 4\. .*pass --force/,
      ),
    );
    const [kept] = await loadBaselines(join(dir, 'main.json'));
    assert.equal(kept?.baseline.fingerprint.cpuModel, 'AMD EPYC 7B13', 'the refused write changed nothing');
    const forced = await writeBaselineAtomically(dir, otherMachine, { force: true });
    assert.equal(forced.replaced, true);
    assert.equal(
      JSON.parse(await readFile(forced.path, 'utf8')).fingerprint.cpuModel,
      'Intel Xeon Platinum 8370C',
    );
  });
});

test('an unreadable existing file is not silently overwritten', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'main.json'), '{"schemaVersion":1,');
    await assert.rejects(
      writeBaselineAtomically(dir, createTestBaseline('main'), { force: false }),
      failsWith(/main\.json: expected an existing baseline that can be read before it is replaced.*--force/),
    );
    await writeBaselineAtomically(dir, createTestBaseline('main'), { force: true });
    assert.equal((await loadBaselines(dir)).length, 1);
  });
});

test('two baselines of one name in a folder are an input error naming both files', async () => {
  await withTempDir(async (dir) => {
    const folder = join(dir, 'baselines');
    const written = await writeBaselineAtomically(folder, createTestBaseline('main'), { force: false });
    await writeFile(join(folder, 'main-copy.json'), await readFile(written.path, 'utf8'));
    await assert.rejects(
      loadBaselines(folder),
      failsWith(
        /main-copy\.json and .*main\.json: expected one baseline per name in .*, received two baselines named "main"/,
      ),
    );
  });
});
