/**
 * One model repo served by the loopback hub (test/helpers/hub-server.ts) at two revisions, a temporary HF cache,
 * and the assertions the hub download tests share: served bytes, no partial file, an error's kind and text.
 */
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { downloadHubModel } from '../../src/measure/model/hub-download.js';
import type { DownloadHubModelOptions, HubProgressEvent } from '../../src/measure/model/hub-download.js';
import { MAIN_COMMIT, startHubServer } from './hub-server.js';
import type { HubServer } from './hub-server.js';

export const REPO = 'acme/tiny-embed';
export const V2_COMMIT = 'fedcba9876543210fedcba9876543210fedcba98';
export const MODEL = 'onnx/model_quantized.onnx';

export interface Fixture {
  server: HubServer;
  cacheDir: string;
  repoDir: string;
  /** Progress events of every download in the test, in order. */
  events: HubProgressEvent[];
  /** Served bytes by revision name, then path. */
  served: Record<'main' | 'v2', Record<string, Buffer>>;
}

/** main: config, tokenizer and a 4 KB q8 model, no tokenizer_config.json. v2: all of those, other bytes. */
export async function setUp(t: TestContext): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), 'embedprof-hub-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const served = {
    main: {
      'config.json': Buffer.from('{"model_type":"bert","hidden_size":8}'),
      'tokenizer.json': Buffer.from('{"version":"1.0","model":{"type":"WordPiece"}}'),
      [MODEL]: randomBytes(4096),
    },
    v2: {
      'config.json': Buffer.from('{"model_type":"bert","hidden_size":16}'),
      'tokenizer.json': Buffer.from('{"version":"1.0","model":{"type":"WordPiece","v":2}}'),
      'tokenizer_config.json': Buffer.from('{"do_lower_case":true}'),
      [MODEL]: randomBytes(3000),
    },
  };
  for (const [revision, files] of Object.entries(served)) {
    for (const [path, bytes] of Object.entries(files)) {
      await mkdir(dirname(join(root, revision, path)), { recursive: true });
      await writeFile(join(root, revision, path), bytes);
    }
  }
  const server = await startHubServer(t, {
    repo: REPO,
    revisions: [
      { name: 'main', commit: MAIN_COMMIT, root: join(root, 'main') },
      { name: 'v2', commit: V2_COMMIT, root: join(root, 'v2') },
    ],
  });
  const cacheDir = join(root, 'cache');
  return { server, cacheDir, repoDir: join(cacheDir, 'models--acme--tiny-embed'), events: [], served };
}

export function download(fixture: Fixture, spec: string, extra: Partial<DownloadHubModelOptions> = {}) {
  const { endpoint } = fixture.server;
  const onProgress = (event: HubProgressEvent) => fixture.events.push(event);
  return downloadHubModel({ spec, dtype: 'q8', endpoint, cacheDir: fixture.cacheDir, onProgress, ...extra });
}

export async function assertServedBytes(dir: string, files: Record<string, Buffer>): Promise<void> {
  for (const [path, bytes] of Object.entries(files)) {
    assert.deepEqual(await readFile(join(dir, path)), bytes, `${path} should hold the served bytes`);
  }
}

/** Every blob is complete (its content hashes to its name); no temporary file is left anywhere. */
export async function assertNoPartialFiles(repoDir: string): Promise<void> {
  const entries = await readdir(repoDir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries.filter((item) => !item.isDirectory())) {
    const path = join(entry.parentPath, entry.name);
    assert.doesNotMatch(path, /\.tmp$/, `leftover ${path}`);
    if (!path.includes(`${sep}blobs${sep}`)) continue;
    const bytes = await readFile(path);
    const sha1 = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    assert.ok([sha256(bytes), sha1].includes(entry.name), `blob ${path} does not match its name`);
  }
}

export function sha256(bytes: Buffer | undefined): string {
  return createHash('sha256')
    .update(bytes ?? '')
    .digest('hex');
}

/** Awaits a rejection of the given error class whose message matches every pattern. */
export async function assertFails(promise: Promise<unknown>, kind: new () => Error, ...patterns: RegExp[]) {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof kind, `expected a ${kind.name}, got ${String(error)}`);
  for (const pattern of patterns) assert.match(error.message, pattern);
}

/** The recorded requests whose path contains `fragment`. */
export const requestsTo = (fixture: Fixture, fragment: string, from = 0) =>
  fixture.server.requests.slice(from).filter((request) => request.path.includes(fragment));
