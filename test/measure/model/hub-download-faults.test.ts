// A hub that stalls, a run stopped by a signal, a cache damaged after the download: the run ends with a clear
// message or heals itself, and never leaves or reuses a broken file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RuntimeFailure } from '../../../src/ground/errors.js';
import { MAIN_COMMIT } from '../../helpers/hub-server.js';
import {
  assertFails,
  assertNoPartialFiles,
  assertServedBytes,
  download,
  MODEL,
  REPO,
  requestsTo,
  setUp,
  sha256,
} from '../../helpers/hub-fixture.js';
import type { Fixture } from '../../helpers/hub-fixture.js';

delete process.env['HF_TOKEN'];
delete process.env['HF_ENDPOINT'];

const modelBlob = (fixture: Fixture) => join(fixture.repoDir, 'blobs', sha256(fixture.served.main[MODEL]));

test(
  'a hub that stalls mid-body fails after the idle timeout, naming the URL, and keeps nothing',
  {
    timeout: 20_000,
  },
  async (t) => {
    const fixture = await setUp(t);
    fixture.server.setFault({ kind: 'stall', file: MODEL, afterBytes: 1000 });
    const url = `${fixture.server.endpoint}/${REPO}/resolve/${MAIN_COMMIT}/${MODEL}`;
    await assertFails(
      download(fixture, REPO, { idleTimeoutMs: 1000 }),
      RuntimeFailure,
      new RegExp(`^${url.replace(/[./]/g, '\\$&')}: expected 4096 bytes`),
      /received 1000 bytes, then nothing for 1 s/,
      /No partial file was kept.*run the command again.*HF_ENDPOINT/,
    );
    await assertNoPartialFiles(fixture.repoDir);
    await assert.rejects(lstat(modelBlob(fixture)), { code: 'ENOENT' });
    fixture.server.setFault(undefined);
    await assertServedBytes((await download(fixture, REPO)).dir, fixture.served.main);
  },
);

/** A child node process downloading from the fixture's hub; resolves once it has received `bytes` bytes. */
async function startChildDownload(fixture: Fixture, bytes: number) {
  const dir = await mkdtemp(join(tmpdir(), 'embedprof-hub-child-'));
  const module = pathToFileURL(resolve('build/src/measure/model/hub-download.js')).href;
  const options = { spec: REPO, dtype: 'q8', endpoint: fixture.server.endpoint, cacheDir: fixture.cacheDir };
  const script = [
    `import { downloadHubModel } from ${JSON.stringify(module)};`,
    `const options = ${JSON.stringify(options)};`,
    `const onProgress = (e) => e.type === 'file-progress' && e.bytesDone >= ${bytes} && console.log('stalled');`,
    'await downloadHubModel({ ...options, onProgress });',
  ].join('\n');
  await writeFile(join(dir, 'download.mjs'), script);
  const child = spawn(process.execPath, [join(dir, 'download.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.on('exit', () => void rm(dir, { recursive: true, force: true }));
  await new Promise<void>((done) =>
    child.stdout.on('data', (chunk) => String(chunk).includes('stalled') && done()),
  );
  return child;
}

for (const [signal, code] of [
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const) {
  test(
    `${signal} during a download removes the temporary file and ends the process by ${signal} (${code})`,
    {
      timeout: 20_000,
    },
    async (t) => {
      const fixture = await setUp(t);
      fixture.server.setFault({ kind: 'stall', file: MODEL, afterBytes: 1000 });
      const child = await startChildDownload(fixture, 1000);
      const blobs = await readdir(join(fixture.repoDir, 'blobs'));
      assert.ok(
        blobs.some((name) => name.endsWith('.tmp')),
        `a temporary file while downloading: ${blobs}`,
      );
      child.kill(signal);
      const [exitCode, exitSignal] = (await once(child, 'exit')) as [number | null, string | null];
      assert.ok(exitSignal === signal || exitCode === code, `exit ${exitCode} / ${exitSignal}`);
      await assertNoPartialFiles(fixture.repoDir);
      await assert.rejects(lstat(modelBlob(fixture)), { code: 'ENOENT' });
    },
  );
}

test('temporary files a killed run left in blobs/ are removed at the start of the next run', async (t) => {
  const fixture = await setUp(t);
  const blobs = join(fixture.repoDir, 'blobs');
  await mkdir(blobs, { recursive: true });
  const name = sha256(fixture.served.main[MODEL]);
  const stale = join(blobs, `.${name}.999999999.0badc0de.tmp`);
  const live = join(blobs, `.${name}.${process.pid}.0123abcd.tmp`);
  await writeFile(stale, 'half a model');
  await writeFile(live, 'a download of this process, in progress');
  const hourAgo = new Date(Date.now() - 3_600_000);
  await utimes(stale, hourAgo, hourAgo);
  await download(fixture, REPO);
  await assert.rejects(lstat(stale), { code: 'ENOENT' }, 'the stale temporary file is gone');
  assert.ok((await lstat(live)).isFile(), 'a temporary file newer than this process is left alone');
  await rm(live);
  await assertNoPartialFiles(fixture.repoDir);
});

const DAMAGES = [
  { what: 'a truncated model', file: MODEL, damage: truncate },
  { what: 'an altered model', file: MODEL, damage: flipFirstByte },
  { what: 'an altered config.json', file: 'config.json', damage: flipFirstByte },
  { what: 'a truncated model (cached by another tool)', file: MODEL, damage: truncate, records: false },
];

function truncate(bytes: Buffer): Buffer {
  return bytes.subarray(0, 1000);
}

function flipFirstByte(bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from([(bytes[0] ?? 0) ^ 0xff]), bytes.subarray(1)]);
}

for (const { what, file, damage, records = true } of DAMAGES) {
  test(`${what} in the cache is deleted and downloaded again once, with a note`, async (t) => {
    const fixture = await setUp(t);
    const first = await download(fixture, REPO);
    // Without embedprof's records, the blob names (sha256, git sha1) are what the files are checked against.
    if (!records) await rm(join(fixture.repoDir, '.embedprof'), { recursive: true });
    const entry = join(first.dir, file);
    await writeFile(entry, damage(await readFile(entry)));
    const path = `/resolve/${MAIN_COMMIT}/${file}`;
    const once = requestsTo(fixture, path).length;
    const before = fixture.server.requests.length;
    fixture.events.length = 0;
    const second = await download(fixture, REPO);
    assert.equal(requestsTo(fixture, path, before).length, once, `${file} is downloaded again, once`);
    assert.deepEqual(requestsTo(fixture, `/resolve/${MAIN_COMMIT}/tokenizer.json`, before), []);
    const notes = fixture.events.flatMap((event) => (event.type === 'file-invalid' ? [event] : []));
    assert.deepEqual(
      notes.map((note) => note.file),
      [file],
      JSON.stringify(fixture.events),
    );
    assert.match(notes[0]?.reason ?? '', /expected/);
    await assertServedBytes(second.dir, fixture.served.main);
    await assertNoPartialFiles(fixture.repoDir);
    const after = fixture.server.requests.length;
    await download(fixture, REPO);
    assert.equal(fixture.server.requests.length, after, 'the repaired cache is used without a request');
  });
}
