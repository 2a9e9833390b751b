import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { test } from 'node:test';
import { DefaultArtifactClient } from '@actions/artifact';
import {
  createRuntimeToken,
  JOB_BACKEND_ID,
  RUN_BACKEND_ID,
  startArtifactServer,
} from './artifact-server.js';
import type { ArtifactServer, FinalizedArtifact } from './artifact-server.js';
import { readZipEntries } from './read-zip.js';

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService';
const BLOCK_SIZE = 8 * 1024 * 1024;
const IDS = { workflow_run_backend_id: RUN_BACKEND_ID, workflow_job_run_backend_id: JOB_BACKEND_ID };

/** Sets the runner's variables for this test and puts the previous values back when it ends. */
function setRunnerEnv(t: TestContext, values: Record<string, string>): void {
  const previous = Object.keys(values).map((key) => [key, process.env[key]] as const);
  Object.assign(process.env, values);
  t.after(() => {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
}

/** Deterministic incompressible bytes (xorshift32), so the zip is as large as the file. */
function createSeededBytes(length: number, seed: number): Buffer {
  const words = new Uint32Array(Math.ceil(length / 4));
  let state = seed >>> 0 || 1;
  for (let index = 0; index < words.length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[index] = state >>> 0;
  }
  return Buffer.from(words.buffer, 0, length);
}

/** A temporary folder holding `files` (relative paths), removed when the test ends. */
async function writeFiles(t: TestContext, files: Record<string, Buffer>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'embedprof-artifact-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), bytes);
  }
  return root;
}

function describeRequests(server: ArtifactServer): string[] {
  return server.requests.map(({ method, path, query }) => {
    const twirp = path.startsWith(SERVICE) ? path.slice(SERVICE.length + 1) : undefined;
    return twirp ?? `${method} blob${query.comp === undefined ? '' : ` comp=${query.comp}`}`;
  });
}

test('uploadArtifact creates, uploads in blocks and finalizes a zip that holds the files byte for byte', async (t) => {
  const server = await startArtifactServer(t);
  setRunnerEnv(t, { ACTIONS_RESULTS_URL: server.url, ACTIONS_RUNTIME_TOKEN: server.token });
  const files = {
    'report.json': Buffer.from(JSON.stringify({ throughput: 812.5, unit: 'texts/s' })),
    'traces/profile.txt': Buffer.from('cell\tms\n'.repeat(2000)),
    'traces/big.bin': createSeededBytes(9 * 1024 * 1024 + 12_345, 7),
  };
  const root = await writeFiles(t, files);
  const paths = Object.keys(files).map((path) => join(root, path));
  const result = await new DefaultArtifactClient().uploadArtifact('embedprof-report', paths, root);

  const [stored, ...others] = server.artifacts();
  assert.ok(stored !== undefined && others.length === 0);
  assert.equal(stored.name, 'embedprof-report');
  assert.equal(result.id, stored.id);
  assert.equal(result.size, stored.size);
  const entries = readZipEntries(stored.zip);
  assert.deepEqual([...entries.keys()].sort(), Object.keys(files).sort());
  for (const [path, bytes] of Object.entries(files)) assert.ok(entries.get(path)?.equals(bytes), path);

  assertUploadRequests(server, stored, `sha256:${result.digest}`);
});

/** CreateArtifact, one Put Block per 8 MiB, Put Block List, FinalizeArtifact with the blob's size and hash. */
function assertUploadRequests(server: ArtifactServer, stored: FinalizedArtifact, hash: string): void {
  const blocks = Math.ceil(stored.size / BLOCK_SIZE);
  assert.ok(blocks >= 2);
  const expected = ['CreateArtifact', ...Array<string>(blocks).fill('PUT blob comp=block')];
  assert.deepEqual(describeRequests(server), [...expected, 'PUT blob comp=blocklist', 'FinalizeArtifact']);
  const create = server.requests[0];
  assert.equal(create?.authorization, `Bearer ${server.token}`);
  const named = { ...IDS, name: stored.name };
  assert.deepEqual(create?.body, { ...named, version: 7, mime_type: 'application/zip' });
  assert.equal(hash, `sha256:${createHash('sha256').update(stored.zip).digest('hex')}`);
  assert.deepEqual(server.requests.at(-1)?.body, { ...named, size: String(stored.size), hash });
}

test('a runtime token scoped to another run is refused before anything is uploaded', async (t) => {
  const server = await startArtifactServer(t);
  const foreign = createRuntimeToken('other-run', 'other-job');
  setRunnerEnv(t, { ACTIONS_RESULTS_URL: server.url, ACTIONS_RUNTIME_TOKEN: foreign });
  const root = await writeFiles(t, { 'a.txt': Buffer.from('a') });
  const upload = new DefaultArtifactClient().uploadArtifact('scoped', [join(root, 'a.txt')], root);
  await assert.rejects(upload, /\(403\).*Actions\.Results:other-run:other-job is not for this run/);
  assert.deepEqual(describeRequests(server), ['CreateArtifact']);
  assert.deepEqual(server.artifacts(), []);
});

test('an injected CreateArtifact status fails the upload once, then uploads go through', async (t) => {
  const server = await startArtifactServer(t);
  setRunnerEnv(t, { ACTIONS_RESULTS_URL: server.url, ACTIONS_RUNTIME_TOKEN: server.token });
  const root = await writeFiles(t, { 'a.txt': Buffer.from('abc') });
  server.setFault({ kind: 'status', status: 400, times: 1 });
  const client = new DefaultArtifactClient();
  await assert.rejects(
    client.uploadArtifact('flaky', [join(root, 'a.txt')], root),
    /\(400\).*injected fault/,
  );
  const result = await client.uploadArtifact('flaky', [join(root, 'a.txt')], root);
  const [stored] = server.artifacts();
  assert.equal(stored?.id, result.id);
  assert.deepEqual(stored && readZipEntries(stored.zip), new Map([['a.txt', Buffer.from('abc')]]));
});

test('FinalizeArtifact checks the size and hash against the committed blob', async (t) => {
  const server = await startArtifactServer(t);
  const twirp = (method: string, body: object) =>
    fetch(`${server.url}${SERVICE.slice(1)}/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...IDS, ...body }),
    });
  const created: unknown = await (await twirp('CreateArtifact', { name: 'raw', version: 7 })).json();
  assert.ok(typeof created === 'object' && created !== null && 'signed_upload_url' in created);
  const signed = String(created.signed_upload_url);
  const put = await fetch(signed, {
    method: 'PUT',
    headers: { 'x-ms-blob-type': 'BlockBlob' },
    body: 'hello',
  });
  assert.equal(put.status, 201);
  const unsigned = await fetch(signed.replace(/sig=[^&]+/, 'sig=forged'), { method: 'PUT', body: 'x' });
  assert.equal(unsigned.status, 403);
  const wrongSize = await twirp('FinalizeArtifact', { name: 'raw', size: '4' });
  assert.equal(wrongSize.status, 400);
  assert.deepEqual(await wrongSize.json(), {
    code: 'invalid_argument',
    msg: 'size 4 does not match the 5 bytes uploaded',
  });
  const wrongHash = await twirp('FinalizeArtifact', { name: 'raw', size: '5', hash: 'sha256:00' });
  assert.equal(wrongHash.status, 400);
  const finalized = await twirp('FinalizeArtifact', { name: 'raw', size: '5' });
  assert.deepEqual(await finalized.json(), { ok: true, artifact_id: '4201' });
  assert.deepEqual(server.artifacts(), [{ id: 4201, name: 'raw', size: 5, zip: Buffer.from('hello') }]);
});
