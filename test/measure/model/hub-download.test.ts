import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RuntimeFailure, UsageError } from '../../../src/ground/errors.js';
import { downloadHubModel } from '../../../src/measure/model/hub-download.js';
import { parseHubSpec } from '../../../src/measure/model/hub-spec.js';
import { findClosedEndpoint, MAIN_COMMIT } from '../../helpers/hub-server.js';
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
  V2_COMMIT,
} from '../../helpers/hub-fixture.js';

// The environment must not leak a token or endpoint into these tests.
delete process.env['HF_TOKEN'];
delete process.env['HF_ENDPOINT'];

test('first download fills the HF cache layout and returns a folder with the served bytes', async (t) => {
  const fixture = await setUp(t);
  const location = await download(fixture, REPO);
  const { events } = fixture;
  assert.deepEqual(location, {
    dir: join(fixture.repoDir, 'snapshots', MAIN_COMMIT),
    revision: 'main',
    commit: MAIN_COMMIT,
    fromCache: false,
  });
  await assertServedBytes(location.dir, fixture.served.main);
  assert.equal(await readFile(join(fixture.repoDir, 'refs', 'main'), 'utf8'), MAIN_COMMIT);
  assert.ok((await lstat(join(location.dir, MODEL))).isSymbolicLink(), 'snapshot entries link into blobs/');
  const modelBlob = join(fixture.repoDir, 'blobs', sha256(fixture.served.main[MODEL]));
  assert.ok((await lstat(modelBlob)).isFile(), 'LFS blobs are named by sha256');
  assert.ok((await lstat(join(fixture.repoDir, '.no_exist', MAIN_COMMIT, 'tokenizer_config.json'))).isFile());
  await assertNoPartialFiles(fixture.repoDir);
  const done = events.filter((event) => event.type === 'file-done').map((event) => event.file);
  assert.deepEqual(done, ['config.json', 'tokenizer.json', MODEL]);
  const last = events.filter((event) => event.type === 'file-progress' && event.file === MODEL).at(-1);
  assert.deepEqual(last, { type: 'file-progress', file: MODEL, bytesDone: 4096, bytesTotal: 4096 });
  const byCommit = requestsTo(fixture, `/resolve/${MAIN_COMMIT}/`);
  assert.deepEqual(requestsTo(fixture, '/resolve/'), byCommit, 'files are fetched by commit, not by branch');
});

test('a second call is answered from the cache without any request', async (t) => {
  const fixture = await setUp(t);
  const first = await download(fixture, REPO);
  const before = fixture.server.requests.length;
  fixture.events.length = 0;
  const second = await download(fixture, REPO);
  assert.equal(fixture.server.requests.length, before, 'no request on the second run');
  assert.deepEqual(second, { ...first, fromCache: true });
  assert.ok(fixture.events.every((event) => event.type === 'file-done' && event.fromCache));
  await assertServedBytes(second.dir, fixture.served.main);
});

test('@revision pins a tag or a commit sha', async (t) => {
  const fixture = await setUp(t);
  const tagged = await download(fixture, `${REPO}@v2`);
  assert.equal(tagged.commit, V2_COMMIT);
  assert.equal(tagged.revision, 'v2');
  await assertServedBytes(tagged.dir, fixture.served.v2);
  assert.equal(await readFile(join(fixture.repoDir, 'refs', 'v2'), 'utf8'), V2_COMMIT);
  const before = fixture.server.requests.length;
  const pinned = await download(fixture, `${REPO}@${V2_COMMIT}`);
  assert.equal(fixture.server.requests.length, before, 'a cached commit sha needs no request');
  assert.deepEqual(pinned, { dir: tagged.dir, revision: V2_COMMIT, commit: V2_COMMIT, fromCache: true });
  const main = await download(fixture, `${REPO}@${MAIN_COMMIT}`);
  await assertServedBytes(main.dir, fixture.served.main);
  assert.deepEqual(requestsTo(fixture, '/revision/', before), [], 'a commit sha is not resolved');
});

test('a model file missing for the dtype is a UsageError naming repo, revision, file and the other dtype', async (t) => {
  const fixture = await setUp(t);
  await assertFails(
    download(fixture, REPO, { dtype: 'fp32' }),
    UsageError,
    /acme\/tiny-embed@main/,
    /expected a repo with onnx\/model\.onnx \(for dtype fp32\)/,
    /Use dtype q8 instead.*local model folder/,
  );
  assert.deepEqual(requestsTo(fixture, '/resolve/'), [], 'nothing is downloaded');
});

test('401 is a UsageError that points at HF_TOKEN; the token is sent as a bearer', async (t) => {
  const fixture = await setUp(t);
  fixture.server.setFault({ kind: 'status', status: 401 });
  await assertFails(download(fixture, REPO, { token: 'hf_secret' }), UsageError, /HF_TOKEN/, /HTTP 401/);
  assert.equal(fixture.server.requests[0]?.authorization, 'Bearer hf_secret');
  await assertFails(download(fixture, REPO, { token: 'not-a-token' }), UsageError, /starting with hf_/);
});

test('server errors, unknown repos and unreachable endpoints map to the right error kind', async (t) => {
  const fixture = await setUp(t);
  fixture.server.setFault({ kind: 'status', status: 500 });
  await assertFails(download(fixture, REPO), RuntimeFailure, /HTTP 500 from http:\/\/127\.0\.0\.1/);
  fixture.server.setFault(undefined);
  await assertFails(download(fixture, 'acme/nope'), UsageError, /Repository not found/);
  await assertFails(download(fixture, `${REPO}@no-such-tag`), UsageError, /Invalid rev id/);
  const endpoint = await findClosedEndpoint();
  const unreachable = downloadHubModel({ spec: REPO, dtype: 'q8', endpoint, cacheDir: fixture.cacheDir });
  await assertFails(unreachable, RuntimeFailure, new RegExp(`reach the model hub at ${endpoint}.*REFUSED`));
});

test('an interrupted transfer rejects, keeps no partial file, and the next run downloads it whole', async (t) => {
  const fixture = await setUp(t);
  fixture.server.setFault({ kind: 'drop', file: MODEL, afterBytes: 1000 });
  const failed = new RegExp(`Download of ${MODEL} .* failed after \\d+ of 4096 bytes.*run the command again`);
  await assertFails(download(fixture, REPO), RuntimeFailure, failed);
  await assertNoPartialFiles(fixture.repoDir);
  const snapshot = join(fixture.repoDir, 'snapshots', MAIN_COMMIT);
  await assert.rejects(lstat(join(snapshot, MODEL)), { code: 'ENOENT' });
  await assert.rejects(lstat(join(fixture.repoDir, 'refs', 'main')), { code: 'ENOENT' });
  fixture.server.setFault(undefined);
  const retried = await download(fixture, REPO);
  assert.equal(retried.fromCache, false);
  await assertServedBytes(retried.dir, fixture.served.main);
  await assertNoPartialFiles(fixture.repoDir);
});

test('a body with the right length but the wrong content is rejected and not cached', async (t) => {
  const fixture = await setUp(t);
  fixture.server.setFault({ kind: 'corrupt', file: MODEL });
  await assertFails(download(fixture, REPO), RuntimeFailure, /content sha256 is \w{64}, expected \w{64}/);
  await assertNoPartialFiles(fixture.repoDir);
  await assert.rejects(lstat(join(fixture.repoDir, 'snapshots', MAIN_COMMIT, MODEL)), { code: 'ENOENT' });
});

test('parseHubSpec accepts org/name[@revision] and rejects anything else with a UsageError', async (t) => {
  assert.deepEqual(parseHubSpec('Xenova/bge-m3'), { repo: 'Xenova/bge-m3', revision: 'main' });
  assert.deepEqual(parseHubSpec('a/b@refs/pr/1'), { repo: 'a/b', revision: 'refs/pr/1' });
  for (const spec of ['foo', 'a/b/c', 'a/b@', '/b', 'a/', 'a/b@../x', 'a--x/b', 'a/b c']) {
    assert.throws(() => parseHubSpec(spec), UsageError, spec);
  }
  assert.throws(() => parseHubSpec('a/b/c'), /model spec "a\/b\/c": expected org\/name/);
  const fixture = await setUp(t);
  await assertFails(download(fixture, 'foo'), UsageError, /model spec "foo"/);
  assert.equal(fixture.server.requests.length, 0);
});

test('the fake hub answers HEAD as the hub does, for huggingface_hub-style clients', async (t) => {
  const fixture = await setUp(t);
  const resolve = `${fixture.server.endpoint}/${REPO}/resolve/main`;
  const head = await fetch(`${resolve}/${MODEL}`, { method: 'HEAD', redirect: 'manual' });
  assert.equal(head.status, 302);
  assert.equal(head.headers.get('x-repo-commit'), MAIN_COMMIT);
  assert.equal(head.headers.get('x-linked-etag'), `"${sha256(fixture.served.main[MODEL])}"`);
  assert.equal(head.headers.get('x-linked-size'), '4096');
  const missing = await fetch(`${resolve}/nope.json`, { method: 'HEAD' });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('x-error-code'), 'EntryNotFound');
  assert.equal(missing.headers.get('x-repo-commit'), MAIN_COMMIT);
});
