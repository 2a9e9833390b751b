import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTemporaryPath,
  replaceAtomically,
  writeFileAtomically,
  writeJsonAtomically,
} from '../../../src/ground/files/atomic-write.js';
import { writeFileSet } from '../../../src/ground/files/write-file-set.js';

async function withDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'embedprof-atomic-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('writes text, bytes and JSON under the final name and leaves nothing else', () =>
  withDir(async (dir) => {
    await writeFileAtomically(join(dir, 'a.txt'), 'hello');
    await writeFileAtomically(join(dir, 'b.bin'), new Uint8Array([1, 2, 3]));
    await writeJsonAtomically(join(dir, 'c.json'), { x: 1 });
    await writeFileAtomically(join(dir, 'a.txt'), 'replaced');
    assert.deepEqual((await readdir(dir)).sort(), ['a.txt', 'b.bin', 'c.json']);
    assert.equal(await readFile(join(dir, 'a.txt'), 'utf8'), 'replaced');
    assert.deepEqual([...(await readFile(join(dir, 'b.bin')))], [1, 2, 3]);
    assert.equal(await readFile(join(dir, 'c.json'), 'utf8'), '{\n  "x": 1\n}\n');
  }));

test('a failed write or rename removes the temporary file and keeps the old content', () =>
  withDir(async (dir) => {
    await writeFile(join(dir, 'kept.txt'), 'old');
    const failing = replaceAtomically(join(dir, 'kept.txt'), async (temporary) => {
      await writeFile(temporary, 'half');
      throw new Error('disk full');
    });
    await assert.rejects(failing, /disk full/);
    await mkdir(join(dir, 'folder'));
    await assert.rejects(writeFileAtomically(join(dir, 'folder'), 'x'));
    assert.deepEqual((await readdir(dir)).sort(), ['folder', 'kept.txt']);
    assert.equal(await readFile(join(dir, 'kept.txt'), 'utf8'), 'old');
  }));

test('temporary names are hidden, unique and beside the target', () => {
  const first = createTemporaryPath('/data/out/profile.json');
  assert.match(first, /^\/data\/out\/\.profile\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
  assert.notEqual(first, createTemporaryPath('/data/out/profile.json'));
});

test('a set of files is written whole or not at all, and the failure names the file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'embedprof-set-'));
  const tooLong = `${'c'.repeat(300)}.md`;
  const files = [
    { name: 'a.md', data: 'a' },
    { name: 'b.md', data: 'b' },
    { name: tooLong, data: 'c' },
  ];
  await assert.rejects(writeFileSet(dir, files), new RegExp(`^Error: ${tooLong}: ENAMETOOLONG`));
  assert.deepEqual(await readdir(dir), [], 'no file of the set and no temporary file is left');
  await writeFileSet(dir, files.slice(0, 2));
  assert.deepEqual((await readdir(dir)).sort(), ['a.md', 'b.md']);
  await rm(dir, { recursive: true, force: true });
});

test('a set whose move fails puts back the files it had replaced', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'embedprof-set-'));
  await writeFileSet(dir, [{ name: 'a.md', data: 'old a' }]);
  await mkdir(join(dir, 'b.md', 'full'), { recursive: true });
  const files = [
    { name: 'a.md', data: 'new a' },
    { name: 'b.md', data: 'b, where a full folder is' },
  ];
  await assert.rejects(writeFileSet(dir, files), /EISDIR|ENOTEMPTY|EEXIST/);
  assert.deepEqual((await readdir(dir)).sort(), ['a.md', 'b.md']);
  assert.equal(await readFile(join(dir, 'a.md'), 'utf8'), 'old a');
  await rm(dir, { recursive: true, force: true });
});
