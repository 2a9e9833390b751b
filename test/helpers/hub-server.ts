/**
 * A loopback stand-in for the Hugging Face hub serving local folders as revisions of one model repo, with the
 * requests and headers @huggingface/hub and huggingface_hub rely on:
 *   GET  /api/models/{repo}/revision/{rev}     model info whose `sha` is the commit the branch or tag points to
 *   POST /api/models/{repo}/paths-info/{rev}   [{ path, type, oid, size, lfs? }] for the requested paths that exist
 *   HEAD|GET /{repo}/resolve/{rev}/{file}      X-Repo-Commit, ETag, Range → 206; `.onnx` files are LFS: 302 to
 *                                              /cdn-lfs/{sha256} with X-Linked-Etag and X-Linked-Size
 * 404s carry X-Error-Code RepoNotFound / RevisionNotFound / EntryNotFound. Requests are recorded, faults can be
 * injected, and the server closes itself when the test that started it ends.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { join, relative, sep } from 'node:path';
import type { TestContext } from 'node:test';
import { startLoopbackServer } from './loopback-server.js';

/** The commit `main` points to in tests. */
export const MAIN_COMMIT = '0123456789abcdef0123456789abcdef01234567';

export interface ServedRevision {
  /** Branch or tag, e.g. `main`; requests may also name the revision by its commit. */
  name: string;
  commit: string;
  /** Folder whose files are the repo's content at this revision. */
  root: string;
}

export type HubFault =
  /** Sends the headers and the first `afterBytes` bytes of the file's body, then destroys the socket. */
  | { kind: 'drop'; file: string; afterBytes: number }
  /** Sends the headers and the first `afterBytes` bytes of the file's body, then nothing, never closing. */
  | { kind: 'stall'; file: string; afterBytes: number }
  /** Sends the file's full body with its first byte flipped: right length, wrong content. */
  | { kind: 'corrupt'; file: string }
  /** Answers every request with this status and a JSON error body. */
  | { kind: 'status'; status: number };

export type RecordedRequest = { method: string; path: string; authorization: string | undefined };

export interface HubServer {
  endpoint: string;
  requests: RecordedRequest[];
  /** Applies to every later request until replaced; `undefined` clears it. */
  setFault(fault: HubFault | undefined): void;
  close(): Promise<void>;
}

interface ServedFile {
  path: string;
  bytes: Buffer;
  sha256: string;
  /** Git blob sha1 of the file, or of its LFS pointer for LFS files. */
  oid: string;
  lfs: { oid: string; size: number; pointerSize: number } | undefined;
}

type ServedState = ServedRevision & { files: Map<string, ServedFile> };

interface HubState {
  repo: string;
  revisions: ServedState[];
  requests: RecordedRequest[];
  fault: HubFault | undefined;
}

/** One request being answered. */
type Exchange = { state: HubState; req: IncomingMessage; res: ServerResponse };

export async function startHubServer(
  t: TestContext,
  options: { repo: string; revisions: ServedRevision[] },
): Promise<HubServer> {
  const revisions = await Promise.all(
    options.revisions.map(async (r) => ({ ...r, files: await loadFiles(r.root) })),
  );
  const state: HubState = { repo: options.repo, revisions, requests: [], fault: undefined };
  const { origin, close } = await startLoopbackServer(t, 'hub server', (req, res) => {
    handleRequest({ state, req, res });
  });
  const setFault = (fault: HubFault | undefined) => void (state.fault = fault);
  return { endpoint: origin, requests: state.requests, setFault, close };
}

async function loadFiles(root: string): Promise<Map<string, ServedFile>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = new Map<string, ServedFile>();
  for (const entry of entries.filter((item) => item.isFile())) {
    const path = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
    files.set(path, describeFile(path, await readFile(join(root, path))));
  }
  return files;
}

function describeFile(path: string, bytes: Buffer): ServedFile {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (!path.endsWith('.onnx')) return { path, bytes, sha256, oid: gitBlobSha1(bytes), lfs: undefined };
  const pointer = Buffer.from(
    `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize ${bytes.length}\n`,
  );
  const lfs = { oid: sha256, size: bytes.length, pointerSize: pointer.length };
  return { path, bytes, sha256, oid: gitBlobSha1(pointer), lfs };
}

function gitBlobSha1(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function handleRequest(exchange: Exchange): void {
  const { state, req, res } = exchange;
  const url = new URL(req.url ?? '/', 'http://hub.invalid');
  const method = req.method ?? 'GET';
  state.requests.push({ method, path: url.pathname, authorization: req.headers.authorization });
  if (state.fault?.kind === 'status') {
    return sendError(res, state.fault.status, 'Injected', `Injected fault: HTTP ${state.fault.status}`);
  }
  const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
  if (parts[0] === 'cdn-lfs') return serveCdn(exchange, parts[1] ?? '');
  const isApi = parts[0] === 'api' && parts[1] === 'models';
  const [org, name, action, revision, ...rest] = isApi ? parts.slice(2) : parts;
  if (`${org}/${name}` !== state.repo) return sendError(res, 404, 'RepoNotFound', 'Repository not found');
  const served = state.revisions.find((rev) => rev.name === revision || rev.commit === revision);
  if (served === undefined) return sendError(res, 404, 'RevisionNotFound', `Invalid rev id: ${revision}`);
  const route = `${method} ${isApi ? 'api/' : ''}${action}`;
  if (route === 'GET api/revision') return sendJson(res, describeModel(state.repo, served));
  if (route === 'POST api/paths-info') return void answerPathsInfo(req, res, served.files);
  if (!isApi && action === 'resolve' && (method === 'GET' || method === 'HEAD')) {
    return serveResolve(exchange, served, rest.join('/'));
  }
  sendError(res, 404, 'NotFound', `No route for ${method} ${url.pathname}`);
}

function describeModel(repo: string, served: ServedState): object {
  const siblings = [...served.files.keys()].map((rfilename) => ({ rfilename }));
  const stats = {
    downloads: 0,
    likes: 0,
    private: false,
    gated: false,
    lastModified: '2024-01-01T00:00:00Z',
  };
  return { _id: '65f0c0ffee', id: repo, sha: served.commit, ...stats, siblings };
}

async function answerPathsInfo(req: IncomingMessage, res: ServerResponse, files: Map<string, ServedFile>) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  const paths = typeof body === 'object' && body !== null && 'paths' in body ? body.paths : [];
  const wanted = Array.isArray(paths) ? paths.filter((path) => typeof path === 'string') : [];
  const found = wanted.flatMap((path) => {
    const file = files.get(path);
    const lfs = file?.lfs && { lfs: file.lfs };
    return file === undefined ? [] : [{ type: 'file', path, oid: file.oid, size: file.bytes.length, ...lfs }];
  });
  sendJson(res, found);
}

function serveResolve(exchange: Exchange, served: ServedState, path: string): void {
  const { req, res } = exchange;
  const file = served.files.get(path);
  const commitHeader = { 'X-Repo-Commit': served.commit };
  if (file === undefined) return sendError(res, 404, 'EntryNotFound', 'Entry not found', commitHeader);
  if (file.lfs !== undefined) {
    const host = req.headers.host ?? '127.0.0.1';
    res.writeHead(302, {
      ...commitHeader,
      Location: `http://${host}/cdn-lfs/${file.sha256}`,
      ETag: `"${file.oid}"`,
      'X-Linked-Etag': `"${file.sha256}"`,
      'X-Linked-Size': String(file.bytes.length),
      'Content-Length': '0',
    });
    return void res.end();
  }
  sendBytes(exchange, file, { ...commitHeader, ETag: `"${file.oid}"` });
}

function serveCdn(exchange: Exchange, sha256: string): void {
  const files = exchange.state.revisions.flatMap((rev) => [...rev.files.values()]);
  const file = files.find((item) => item.sha256 === sha256);
  if (file === undefined) return sendError(exchange.res, 404, 'NotFound', 'No such object');
  sendBytes(exchange, file, { ETag: `"${sha256}"` });
}

/** Full body, or one `bytes=a-b` range as 206; drops the connection mid-body when a fault says so. */
function sendBytes({ state, req, res }: Exchange, file: ServedFile, headers: object): void {
  const size = file.bytes.length;
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  const start = range ? Number(range[1]) : 0;
  const end = range?.[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  const body = file.bytes.subarray(start, end + 1);
  const out: OutgoingHttpHeaders = {
    ...headers,
    'Content-Type': file.path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
    'Content-Length': String(body.length),
    'Accept-Ranges': 'bytes',
    ...(range && { 'Content-Range': `bytes ${start}-${end}/${size}` }),
  };
  res.writeHead(range ? 206 : 200, out);
  const { fault } = state;
  if (req.method === 'HEAD') return void res.end();
  const cut = fault?.kind === 'drop' || fault?.kind === 'stall' ? fault : undefined;
  if (cut !== undefined && cut.file === file.path && body.length > cut.afterBytes) {
    return void res.write(
      body.subarray(0, cut.afterBytes),
      () => cut.kind === 'drop' && req.socket.destroy(),
    );
  }
  if (fault?.kind === 'corrupt' && fault.file === file.path && range === null) {
    return void res.end(Buffer.concat([Buffer.from([(body[0] ?? 0) ^ 0xff]), body.subarray(1)]));
  }
  res.end(body);
}

function sendJson(res: ServerResponse, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: string, message: string, extra: object = {}) {
  const text = JSON.stringify({ error: message });
  res.writeHead(status, {
    ...extra,
    'Content-Type': 'application/json',
    'X-Error-Code': code,
    'X-Error-Message': message,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** An endpoint on a loopback port nothing listens on (just released, never connected to). */
export async function findClosedEndpoint(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 1}`;
}
