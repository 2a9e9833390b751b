/**
 * A loopback stand-in for the Actions results service and the blob storage behind it, answering the requests
 * @actions/artifact v6 `uploadArtifact` makes, in this order:
 *   POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact    → { ok, signed_upload_url }
 *   PUT  {signed_upload_url}&comp=block&blockid={base64}   one per 8 MiB block (concurrently), 201
 *   PUT  {signed_upload_url}&comp=blocklist                XML <BlockList><Latest>id</Latest>…</BlockList>, 201
 *   POST /twirp/github.actions.results.api.v1.ArtifactService/FinalizeArtifact  → { ok, artifact_id }
 * Twirp bodies use proto field names (workflow_run_backend_id, …); the bearer token must be the runtime JWT and
 * its `Actions.Results:{run}:{job}` scope must match this server's run and the ids in the body, else a Twirp
 * error `{ code, msg }`. FinalizeArtifact checks the size and `sha256:` hash against the committed blob.
 * Requests are recorded, faults can be injected, and the server closes itself when the test ends.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestContext } from 'node:test';
import { startLoopbackServer } from './loopback-server.js';

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';
/** Path-style (IP host) blob URLs are /{account}/{container}/{blob}, which the Azure client insists on. */
const BLOB_ROOT = '/devstoreaccount1/actions-results/';

/** The workflow run and job backend ids a server grants unless told otherwise. */
export const RUN_BACKEND_ID = 'c0ffee00-0000-4000-8000-000000000001';
export const JOB_BACKEND_ID = 'c0ffee00-0000-4000-8000-000000000002';

export type ArtifactFault = { kind: 'status'; status: number; times?: number };

export type RecordedArtifactRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  /** Parsed JSON of Twirp calls; `undefined` for blob uploads, whose byte count is `size`. */
  body: unknown;
  size: number;
};

export type FinalizedArtifact = { id: number; name: string; size: number; zip: Buffer };

export interface ArtifactServer {
  /** ACTIONS_RESULTS_URL, with the trailing slash runners give it. */
  url: string;
  /** ACTIONS_RUNTIME_TOKEN granting this server's run and job. */
  token: string;
  requests: RecordedArtifactRequest[];
  artifacts(): FinalizedArtifact[];
  /** Applies to later CreateArtifact calls until replaced; `undefined` clears it. */
  setFault(fault: ArtifactFault | undefined): void;
  close(): Promise<void>;
}

/** A blob at `path` writable with `sig`: staged blocks, and what Put Block List or Put Blob committed. */
type BlobUpload = { path: string; sig: string; blocks: Map<string, Buffer>; blob: Buffer | undefined };
type StoredArtifact = BlobUpload & { id: number; name: string; finalized: boolean };
type RunState = { runId: string; jobId: string; token: string; origin: string; fault?: ArtifactFault };
type ArtifactState = RunState & { stored: StoredArtifact[]; requests: RecordedArtifactRequest[] };
type Exchange = { state: ArtifactState; req: IncomingMessage; res: ServerResponse; url: URL; bytes: Buffer };
type Fields = Map<string, unknown>;
/** A Twirp answer: the body of a success, or `{ code, msg }` of an error. */
type TwirpAnswer = { status: number; body: object };

const TWIRP_CODES: Record<number, string> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'already_exists',
  429: 'resource_exhausted',
};

const refuse = (status: number, code: string, msg: string): TwirpAnswer => ({ status, body: { code, msg } });

/** An unsigned but well-formed runtime JWT whose `scp` grants `Actions.Results:{runId}:{jobId}`. */
export function createRuntimeToken(runId: string, jobId: string): string {
  const encode = (value: object | string) =>
    Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const scp = `Actions.GenericRead:${runId} Actions.UploadArtifacts:${runId}:${jobId} Actions.Results:${runId}:${jobId}`;
  const payload = { scp, iss: 'embedprof-test', aud: 'vso:embedprof', nbf: now - 60, exp: now + 3600 };
  return `${encode({ typ: 'JWT', alg: 'RS256' })}.${encode(payload)}.${encode('unsigned')}`;
}

/** The run and job ids of the token's `Actions.Results` scope, `undefined` when it is no such JWT. */
function readResultsScope(token: string): { runId: string; jobId: string } | undefined {
  const claims = parseJson(Buffer.from(token.split('.')[1] ?? '', 'base64url'));
  const scp = typeof claims === 'object' && claims !== null && 'scp' in claims ? claims.scp : undefined;
  const scope = typeof scp === 'string' ? scp.split(' ').find((s) => s.startsWith('Actions.Results:')) : '';
  const [, runId, jobId, ...extra] = (scope ?? '').split(':');
  return runId && jobId && extra.length === 0 ? { runId, jobId } : undefined;
}

export async function startArtifactServer(
  t: TestContext,
  options: { runId?: string; jobId?: string } = {},
): Promise<ArtifactServer> {
  const { runId = RUN_BACKEND_ID, jobId = JOB_BACKEND_ID } = options;
  const { origin, close } = await startLoopbackServer(t, 'artifact server', (req, res) => {
    void receiveRequest(state, req, res);
  });
  const token = createRuntimeToken(runId, jobId);
  const state: ArtifactState = { runId, jobId, token, origin, stored: [], requests: [] };
  const artifacts = () =>
    state.stored.flatMap(({ id, name, blob, finalized }) =>
      finalized && blob ? [{ id, name, size: blob.length, zip: blob }] : [],
    );
  const setFault = (fault: ArtifactFault | undefined) => void (state.fault = fault && { ...fault });
  return { url: `${origin}/`, token, requests: state.requests, artifacts, setFault, close };
}

async function receiveRequest(state: ArtifactState, req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  const bytes = Buffer.concat(chunks);
  const url = new URL(req.url ?? '/', state.origin);
  const isTwirp = url.pathname.startsWith(SERVICE);
  state.requests.push({
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    authorization: req.headers.authorization,
    body: isTwirp ? parseJson(bytes) : undefined,
    size: bytes.length,
  });
  const exchange = { state, req, res, url, bytes };
  if (url.pathname.startsWith(BLOB_ROOT)) return answerBlob(exchange);
  const method = isTwirp && req.method === 'POST' ? url.pathname.slice(SERVICE.length) : '';
  const { status, body } = answerTwirp(exchange, method);
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function answerTwirp(exchange: Exchange, method: string): TwirpAnswer {
  const { state, req, url } = exchange;
  if (method !== 'CreateArtifact' && method !== 'FinalizeArtifact') {
    return refuse(404, 'bad_route', `no handler for ${req.method} ${url.pathname}`);
  }
  const fault = state.fault;
  if (method === 'CreateArtifact' && fault !== undefined) {
    if (fault.times !== undefined && --fault.times <= 0) state.fault = undefined;
    const code = TWIRP_CODES[fault.status] ?? (fault.status >= 500 ? 'unavailable' : 'unknown');
    return refuse(fault.status, code, `injected fault: HTTP ${fault.status}`);
  }
  const body = parseJson(exchange.bytes);
  if (typeof body !== 'object' || body === null) return refuse(400, 'malformed', 'the body is not JSON');
  const fields: Fields = new Map(Object.entries(body));
  const denied = checkScope(exchange, fields);
  if (denied !== undefined) return denied;
  return method === 'CreateArtifact' ? createArtifact(state, fields) : finalizeArtifact(state, fields);
}

/** A 401 or 403 refusal unless the bearer JWT grants this server's run and the ids in the body. */
function checkScope({ state, req }: Exchange, fields: Fields): TwirpAnswer | undefined {
  const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const granted = bearer === undefined ? undefined : readResultsScope(bearer);
  if (granted === undefined) return refuse(401, 'unauthenticated', 'missing or malformed runtime token');
  const grants = `Actions.Results:${granted.runId}:${granted.jobId}`;
  if (granted.runId !== state.runId || granted.jobId !== state.jobId) {
    return refuse(403, 'permission_denied', `token scope ${grants} is not for this run`);
  }
  const asked = `${fields.get('workflow_run_backend_id')}:${fields.get('workflow_job_run_backend_id')}`;
  if (asked !== `${granted.runId}:${granted.jobId}`) {
    return refuse(403, 'permission_denied', `token scope ${grants} does not cover ${asked}`);
  }
  return bearer === state.token ? undefined : refuse(401, 'unauthenticated', 'token was not issued here');
}

function createArtifact(state: ArtifactState, fields: Fields): TwirpAnswer {
  const name = fields.get('name');
  if (typeof name !== 'string' || name === '') return refuse(400, 'invalid_argument', 'name is empty');
  if (state.stored.some((item) => item.name === name && item.finalized)) {
    return refuse(409, 'already_exists', 'an artifact with this name already exists on the workflow run');
  }
  const id = 4201 + state.stored.length;
  const path = `${BLOB_ROOT}workflow-job-run-${state.jobId}/artifacts/${id}.zip`;
  const sig = randomBytes(18).toString('base64url');
  state.stored.push({ id, name, path, sig, blocks: new Map(), blob: undefined, finalized: false });
  const expiry = new Date(Date.now() + 3600_000).toISOString();
  const query = new URLSearchParams({ sv: '2023-11-03', sr: 'b', sp: 'cw', se: expiry, sig });
  return { status: 200, body: { ok: true, signed_upload_url: `${state.origin}${path}?${query}` } };
}

function finalizeArtifact(state: ArtifactState, fields: Fields): TwirpAnswer {
  const name = fields.get('name');
  const artifact = state.stored.findLast((item) => item.name === name && !item.finalized);
  if (artifact === undefined) return refuse(404, 'not_found', `no pending artifact ${name}`);
  const { blob } = artifact;
  if (blob === undefined) return refuse(412, 'failed_precondition', 'no blob was committed');
  const size = fields.get('size');
  if (size !== String(blob.length)) {
    return refuse(400, 'invalid_argument', `size ${size} does not match the ${blob.length} bytes uploaded`);
  }
  const hash = fields.get('hash');
  const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
  if (hash !== undefined && hash !== digest) {
    return refuse(400, 'invalid_argument', `hash ${hash} does not match ${digest}`);
  }
  artifact.finalized = true;
  return { status: 200, body: { ok: true, artifact_id: String(artifact.id) } };
}

/** Put Block, Put Block List, or a single-shot Put Blob on a signed URL this server handed out. */
function answerBlob({ state, req, res, url, bytes }: Exchange): void {
  const artifact = state.stored.find((item) => item.path === url.pathname);
  if (artifact === undefined || url.searchParams.get('sig') !== artifact.sig || artifact.finalized) {
    return sendBlobError(res, 403, 'AuthenticationFailed', 'Signature did not match or the blob is sealed.');
  }
  const comp = url.searchParams.get('comp');
  const blockId = url.searchParams.get('blockid');
  if (req.method !== 'PUT') return sendBlobError(res, 405, 'UnsupportedHttpVerb', `${req.method} on a blob`);
  if (comp === 'block' && blockId !== null) artifact.blocks.set(blockId, bytes);
  else if (comp === 'blocklist') {
    const ids = [...bytes.toString('utf8').matchAll(/<(Latest|Uncommitted)>([^<]*)<\/\1>/g)].map((m) => m[2]);
    const parts = ids.map((id) => artifact.blocks.get(id ?? ''));
    if (parts.some((part) => part === undefined)) {
      return sendBlobError(res, 400, 'InvalidBlockList', 'The specified block list is invalid.');
    }
    artifact.blob = Buffer.concat(parts.filter((part) => part !== undefined));
    artifact.blocks.clear();
  } else if (comp === null && req.headers['x-ms-blob-type'] === 'BlockBlob') artifact.blob = bytes;
  else return sendBlobError(res, 400, 'InvalidQueryParameterValue', `Unsupported comp=${comp}`);
  const etag = `"0x8DC${artifact.id}${artifact.blocks.size}"`;
  res.writeHead(201, { ETag: etag, 'Last-Modified': new Date().toUTCString(), 'Content-Length': '0' });
  res.end();
}

function sendBlobError(res: ServerResponse, status: number, code: string, message: string): void {
  const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  const headers = { 'Content-Type': 'application/xml', 'x-ms-error-code': code };
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(xml) });
  res.end(xml);
}
