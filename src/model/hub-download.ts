/**
 * Fetches the files an embedding model needs from a Hugging Face hub into the standard HF cache layout
 * (see hub-cache.ts), so caches under HF_HOME are shared with Python and transformers.js.
 *
 * Requests, all made through @huggingface/hub: modelInfo resolves a branch or tag to its commit
 * (GET /api/models/{repo}/revision/{rev}); pathsInfo lists sizes and content hashes of the wanted files in one
 * call (POST /api/models/{repo}/paths-info/{commit}); downloadFile probes each file (GET /{repo}/resolve/{commit}/
 * {file} with Range: bytes=0-0, following redirects) and streams it (plain GET, or the xet protocol when the hub
 * offers it). The library's own downloadFileToCacheDir is not used: it prints to stdout, reports no progress,
 * leaves `.incomplete` files behind on failure, never checks size or hash, and files a branch's downloads under
 * each file's last commit instead of the branch's head commit.
 */
import { downloadFile, modelInfo, pathsInfo } from '@huggingface/hub';
import type { PathInfo } from '@huggingface/hub';
import { createUsageError } from '../errors.js';
import type { WantedFile } from './hub-cache.js';
import {
  COMMIT_PATTERN,
  findCachedSnapshot,
  getRepoCacheDir,
  getSnapshotDir,
  hasBlob,
  linkSnapshotFile,
  markMissing,
  toBlobExpectation,
  writeBlobAtomically,
  writeRef,
} from './hub-cache.js';
import type { HubContext } from './hub-errors.js';
import { createMissingFilesError, createTransferFailure, toHubFailure } from './hub-errors.js';

export type HubDtype = 'fp32' | 'q8';

export type HubProgressEvent =
  | { type: 'file-start'; file: string; bytesTotal: number }
  | { type: 'file-progress'; file: string; bytesDone: number; bytesTotal: number }
  | { type: 'file-done'; file: string; bytesTotal: number; fromCache: boolean };

export interface DownloadHubModelOptions {
  /** `org/name` or `org/name@revision` (branch, tag or commit sha; default `main`). */
  spec: string;
  dtype: HubDtype;
  /** Default: env HF_ENDPOINT, else https://huggingface.co. */
  endpoint?: string;
  /** The hub cache root, e.g. `$HF_HOME/hub`; repos go in `models--org--name` below it. */
  cacheDir: string;
  /** Default: env HF_TOKEN. */
  token?: string;
  onProgress?: (event: HubProgressEvent) => void;
}

export interface HubSpec {
  /** `org/name` */
  repo: string;
  /** A branch, tag or commit sha; `main` when the spec has none. */
  revision: string;
}

export interface HubModelLocation {
  /** snapshots/<commit> inside the cache: config.json, tokenizer.json, onnx/... */
  dir: string;
  revision: string;
  commit: string;
  /** True when nothing was requested from the network. */
  fromCache: boolean;
}

const DEFAULT_ENDPOINT = 'https://huggingface.co';

export const MODEL_FILES: Readonly<Record<HubDtype, string>> = {
  fp32: 'onnx/model.onnx',
  q8: 'onnx/model_quantized.onnx',
};

interface DownloadJob {
  context: HubContext;
  repoDir: string;
  commit: string;
  token: string | undefined;
  onProgress: (event: HubProgressEvent) => void;
}

/**
 * Returns the cached snapshot without any request when refs/<revision> (or the revision itself, if it is a commit
 * sha) and every needed file are on disk, so a branch is not re-checked for new commits once cached; otherwise
 * resolves the revision and downloads what is missing. Blobs already in the cache are linked, not downloaded.
 */
export async function downloadHubModel(options: DownloadHubModelOptions): Promise<HubModelLocation> {
  const { repo, revision } = parseHubSpec(options.spec);
  const endpoint = resolveEndpoint(options.endpoint);
  const token = resolveToken(options.token);
  const context: HubContext = { endpoint, repo, revision, cacheDir: options.cacheDir };
  const repoDir = getRepoCacheDir(options.cacheDir, repo);
  const onProgress = options.onProgress ?? (() => undefined);
  const wanted = listWantedFiles(options.dtype);
  const cached = await findCachedSnapshot(repoDir, revision, wanted);
  if (cached !== undefined) {
    for (const file of cached.files) {
      onProgress({ type: 'file-done', file: file.path, bytesTotal: file.size, fromCache: true });
    }
    return { dir: getSnapshotDir(repoDir, cached.commit), revision, commit: cached.commit, fromCache: true };
  }
  try {
    const commit = await resolveCommit(context, token);
    const job: DownloadJob = { context, repoDir, commit, token, onProgress };
    await downloadSnapshot(job, wanted, options.dtype);
    await writeRef(repoDir, revision, commit);
    return { dir: getSnapshotDir(repoDir, commit), revision, commit, fromCache: false };
  } catch (error) {
    throw toHubFailure(error, context);
  }
}

function listWantedFiles(dtype: HubDtype): WantedFile[] {
  return [
    { path: 'config.json', optional: false },
    { path: 'tokenizer.json', optional: false },
    { path: 'tokenizer_config.json', optional: true },
    { path: MODEL_FILES[dtype], optional: false },
  ];
}

async function resolveCommit(context: HubContext, token: string | undefined): Promise<string> {
  if (COMMIT_PATTERN.test(context.revision)) return context.revision;
  const info = await modelInfo({
    name: context.repo,
    revision: context.revision,
    hubUrl: context.endpoint,
    accessToken: token,
    additionalFields: ['sha'],
  });
  if (typeof info.sha !== 'string' || !COMMIT_PATTERN.test(info.sha)) {
    throw new Error(`the hub returned no commit sha for revision ${context.revision}`);
  }
  return info.sha;
}

/** Lists every wanted file in one request, fails before any download if a required one is absent. */
async function downloadSnapshot(job: DownloadJob, wanted: WantedFile[], dtype: HubDtype): Promise<void> {
  const modelFile = MODEL_FILES[dtype];
  const otherDtype: HubDtype = dtype === 'q8' ? 'fp32' : 'q8';
  const otherModelFile = MODEL_FILES[otherDtype];
  const infos = await pathsInfo({
    repo: { type: 'model', name: job.context.repo },
    paths: [...wanted.map((file) => file.path), otherModelFile],
    revision: job.commit,
    hubUrl: job.context.endpoint,
    accessToken: job.token,
  });
  const found = new Map(infos.filter((info) => info.type === 'file').map((info) => [info.path, info]));
  const missing = wanted.filter((file) => !file.optional && !found.has(file.path)).map((file) => file.path);
  if (missing.length > 0) {
    const other = { dtype: otherDtype, file: otherModelFile, exists: found.has(otherModelFile) };
    throw createMissingFilesError(job.context, job.commit, { files: missing, dtype, modelFile, other });
  }
  for (const file of wanted) {
    const info = found.get(file.path);
    if (info === undefined) await markMissing(job.repoDir, job.commit, file.path);
    else await fetchFileToCache(job, info);
  }
}

async function fetchFileToCache(job: DownloadJob, info: PathInfo): Promise<void> {
  const expectation = toBlobExpectation(info);
  const file = info.path;
  const progress = { bytesDone: 0, bytesTotal: info.size };
  const reused = await hasBlob(job.repoDir, expectation);
  if (!reused) {
    job.onProgress({ type: 'file-start', file, bytesTotal: info.size });
    try {
      const blob = await downloadFile({
        repo: { type: 'model', name: job.context.repo },
        path: file,
        revision: job.commit,
        hubUrl: job.context.endpoint,
        accessToken: job.token,
      });
      if (blob === null) throw new Error(`the hub listed ${file} but answered 404 when it was requested`);
      await writeBlobAtomically(job.repoDir, expectation, blob.stream(), (bytesDone) => {
        progress.bytesDone = bytesDone;
        job.onProgress({ type: 'file-progress', file, bytesDone, bytesTotal: info.size });
      });
    } catch (error) {
      throw createTransferFailure(job.context, file, progress, error);
    }
  }
  await linkSnapshotFile(job.repoDir, job.commit, file, expectation.name);
  job.onProgress({ type: 'file-done', file, bytesTotal: info.size, fromCache: reused });
}

const NAME_PATTERN = /^[A-Za-z0-9](?:[\w.-]{0,94}[A-Za-z0-9])?$/;
const REVISION_PATTERN = /^[\w.-]+(?:\/[\w.-]+)*$/;

/** Parses `org/name` or `org/name@revision` with the hub's own naming rules; UsageError otherwise. */
export function parseHubSpec(spec: string): HubSpec {
  const at = spec.indexOf('@');
  const repo = at === -1 ? spec : spec.slice(0, at);
  const revision = at === -1 ? 'main' : spec.slice(at + 1);
  const parts = repo.split('/');
  let problem: string | undefined;
  if (parts.length !== 2) problem = `${parts.length} slash-separated part(s) before the revision, not 2`;
  else if (!parts.every(isValidName)) problem = 'an org or name with characters the hub does not allow';
  else if (revision === '') problem = 'an empty revision after @';
  else if (!REVISION_PATTERN.test(revision) || revision.split('/').includes('..')) {
    problem = `revision "${revision}", which is not a valid branch, tag or commit sha`;
  }
  if (problem === undefined) return { repo, revision };
  throw createUsageError({
    input: `model spec "${spec}"`,
    expected: 'org/name or org/name@revision, e.g. Xenova/all-MiniLM-L6-v2@main',
    received: problem,
    fix: 'Write the hub repo id as org/name, optionally with @branch, @tag or @commit-sha; for a model on disk, pass its folder.',
  });
}

function isValidName(part: string): boolean {
  return NAME_PATTERN.test(part) && !part.includes('--') && !part.includes('..');
}

function resolveEndpoint(option: string | undefined): string {
  const fromEnv = option === undefined && process.env['HF_ENDPOINT'] !== undefined;
  const raw = option ?? (process.env['HF_ENDPOINT'] || DEFAULT_ENDPOINT);
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  const isHttp = url?.protocol === 'https:' || url?.protocol === 'http:';
  if (isHttp) return raw.replace(/\/+$/, '');
  throw createUsageError({
    input: fromEnv ? 'HF_ENDPOINT' : 'hub endpoint',
    expected: 'an http(s) URL such as https://huggingface.co',
    received: JSON.stringify(raw),
    fix: 'Set it to the base URL of a Hugging Face hub or mirror, or unset it to use https://huggingface.co.',
  });
}

/** The library rejects tokens not starting with `hf_` with a TypeError; say so up front, without echoing it. */
function resolveToken(option: string | undefined): string | undefined {
  const fromEnv = option === undefined;
  const token = (option ?? process.env['HF_TOKEN']) || undefined;
  if (token === undefined || token.startsWith('hf_')) return token;
  throw createUsageError({
    input: fromEnv ? 'HF_TOKEN' : 'hub token (HF_TOKEN)',
    expected: 'a Hugging Face access token starting with hf_',
    received: `a ${token.length}-character value that does not start with hf_`,
    fix: 'Copy a read token from https://huggingface.co/settings/tokens, or unset it for public models.',
  });
}
