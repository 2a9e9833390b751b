import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../src/ground/errors.js';
import { readHistoryStore, writeHistoryRecord } from '../../src/history/history-store.js';
import { createRecordFileName } from '../../src/history/record-file.js';
import { createRandom } from '../../src/ground/random/index.js';
import { createNightRecord, createTempDir } from './history-fixtures.js';

function withStore(run: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = createTempDir('store');
    try {
      await run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const random = createRandom(20261124);
const first = createNightRecord(0, { random });
const second = createNightRecord(1, { random });
const third = createNightRecord(2, { random });
const fourth = createNightRecord(3, { random });
const nights = [first, second, third, fourth];

test(
  'records written in any order are read back whole, in time order, one file each',
  withStore(async (dir) => {
    const store = join(dir, 'history');
    for (const record of [third, first, fourth, second]) {
      const written = await writeHistoryRecord(store, record);
      assert.equal(written.status, 'added');
      assert.equal(written.bytes, readFileSync(written.path).length);
    }
    const names = readdirSync(join(store, 'records'));
    assert.deepEqual(names.sort(), nights.map(createRecordFileName).sort());
    assert.deepEqual(await readHistoryStore(store), nights);
  }),
);

test(
  'a missing or empty store is an empty history',
  withStore(async (dir) => {
    assert.deepEqual(await readHistoryStore(join(dir, 'nothing-here')), []);
    assert.deepEqual(await readHistoryStore(dir), []);
  }),
);

test(
  'the store is append-only: the same record again is a no-op, another under its name is refused',
  withStore(async (dir) => {
    const path = (await writeHistoryRecord(dir, first)).path;
    const before = readFileSync(path, 'utf8');
    assert.equal((await writeHistoryRecord(dir, first)).status, 'unchanged');
    const other = { ...first, toolVersion: '9.9.9' };
    await assert.rejects(writeHistoryRecord(dir, other), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.ok(error.message.includes(path), error.message);
      assert.match(error.message, /append-only/);
      return true;
    });
    assert.equal(readFileSync(path, 'utf8'), before, 'the stored record is untouched');
    assert.deepEqual(
      readdirSync(join(dir, 'records')),
      [createRecordFileName(first)],
      'no temporary file left',
    );
  }),
);

test(
  'a pretty-printed copy of the same record counts as the same record',
  withStore(async (dir) => {
    const path = (await writeHistoryRecord(dir, first)).path;
    writeFileSync(path, JSON.stringify(JSON.parse(readFileSync(path, 'utf8')), null, 2));
    assert.equal((await writeHistoryRecord(dir, first)).status, 'unchanged');
  }),
);

async function assertStoreError(dir: string, named: string, pattern: RegExp): Promise<void> {
  await assert.rejects(readHistoryStore(dir), (error: unknown) => {
    assert.ok(error instanceof UsageError, String(error));
    assert.ok(error.message.includes(named), `${error.message} should name ${named}`);
    assert.match(error.message, pattern);
    return true;
  });
}

test(
  'a corrupt, truncated, newer or renamed record is an error naming its file',
  withStore(async (dir) => {
    await writeHistoryRecord(dir, first);
    const path = (await writeHistoryRecord(dir, second)).path;
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, 200));
    await assertStoreError(
      dir,
      path,
      /invalid JSON at line 1, column 201 \(unexpected the end of the input\)/,
    );
    writeFileSync(path, '');
    await assertStoreError(dir, path, /an empty file/);
    writeFileSync(path, text.replace('"schemaVersion":1', '"schemaVersion":2'));
    await assertStoreError(dir, path, /written by a newer embedprof/);
    writeFileSync(path, text.replace(/"throughput":\[[^\]]*\]/, '"throughput":[]'));
    await assertStoreError(dir, path, /schema problem/);
    rmSync(path);
    const renamed = join(dir, 'records', createRecordFileName(third));
    writeFileSync(renamed, text);
    await assertStoreError(dir, renamed, /expected the record file named/);
  }),
);

test(
  'junk in records/ is an error naming it; an atomic writer’s leftover is ignored',
  withStore(async (dir) => {
    await writeHistoryRecord(dir, first);
    const leftover = join(dir, 'records', `.${createRecordFileName(second)}.4242.0a1b2c3d.tmp`);
    writeFileSync(leftover, '{"half');
    assert.deepEqual(await readHistoryStore(dir), [first]);
    const junk = join(dir, 'records', 'notes.txt');
    writeFileSync(junk, 'hello');
    await assertStoreError(dir, junk, /only history record files/);
    rmSync(junk);
    mkdirSync(join(dir, 'records', 'old'));
    await assertStoreError(dir, join(dir, 'records', 'old'), /a folder/);
  }),
);

test(
  'a folder with other content and no records/ is not taken for an empty history',
  withStore(async (dir) => {
    writeFileSync(join(dir, 'package.json'), '{}');
    await assertStoreError(dir, dir, /no records\//);
    writeFileSync(join(dir, 'file'), 'x');
    await assertStoreError(join(dir, 'file'), join(dir, 'file'), /a file/);
  }),
);
