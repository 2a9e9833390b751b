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
import { join } from 'node:path';
import type { BlobExpectation, WantedFile } from './hub-cache.js';
import {
  COMMIT_PATTERN,
  findCachedSnapshot,
  getRepoCacheDir,
  getSnapshotDir,
  linkSnapshotFile,
  markMissing,
  toBlobExpectation,
  writeBlobAtomically,
  writeRef,
} from './hub-cache.js';
import type { HubContext, Transfer } from './hub-errors.js';
import { findDamagedFiles, hasBlob, recordExpectation, removeDamagedFile } from './cache-check.js';
import { removeStaleTemporaries } from './cache-temporaries.js';
import { createMissingFilesError, createTransferFailure, toHubFailure } from './hub-errors.js';
import type { IdleWatchdog } from './idle-timeout.js';
import { DEFAULT_IDLE_TIMEOUT_MS, runWithIdleTimeout, watchChunks } from './idle-timeout.js';
import { parseHubSpec, resolveEndpoint, resolveToken } from './hub-spec.js';

export type HubDtype = 'fp32' | 'q8';

export type HubProgressEvent =
  | { type: 'file-start'; file: string; bytesTotal: number }
  | { type: 'file-progress'; file: string; bytesDone: number; bytesTotal: number }
  | { type: 'file-done'; file: string; bytesTotal: number; fromCache: boolean }
  /** A cached file failed its check (`reason`, e.g. `1000 bytes, expected 4096`): deleted, to be downloaded again. */
  | { type: 'file-invalid'; file: string; reason: string };

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
  /** A request that receives nothing for this long is abandoned. Default 30 000. */
  idleTimeoutMs?: number;
}

export interface HubModelLocation {
  /** snapshots/<commit> inside the cache: config.json, tokenizer.json, onnx/... */
  dir: string;
  revision: string;
  commit: string;
  /** True when nothing was requested from the network. */
  fromCache: boolean;
}

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
  idleTimeoutMs: number;
}

/**
 * Returns the cached snapshot without any request when refs/<revision> (or the revision itself, if it is a commit
 * sha) and every needed file is on disk and checks out (cache-check.ts), so a branch is not re-checked for new
 * commits once cached; otherwise resolves the revision and downloads what is missing or damaged. Blobs already
 * in the cache are linked, not downloaded. Temporary files a killed run left in blobs/ are removed first.
 */
export async function downloadHubModel(options: DownloadHubModelOptions): Promise<HubModelLocation> {
  const { repo, revision } = parseHubSpec(options.spec);
  const endpoint = resolveEndpoint(options.endpoint);
  const token = resolveToken(options.token);
  const context: HubContext = { endpoint, repo, revision, cacheDir: options.cacheDir };
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const repoDir = getRepoCacheDir(options.cacheDir, repo);
  const onProgress = options.onProgress ?? (() => undefined);
  const wanted = listWantedFiles(options.dtype);
  await removeStaleTemporaries(join(repoDir, 'blobs'));
  const cached = await readCachedSnapshot(repoDir, revision, wanted, onProgress);
  if (cached !== undefined) return cached;
  try {
    const commit = await resolveCommit(context, token, idleTimeoutMs);
    const job: DownloadJob = { context, repoDir, commit, token, onProgress, idleTimeoutMs };
    await downloadSnapshot(job, wanted, options.dtype);
    await writeRef(repoDir, revision, commit);
    return { dir: getSnapshotDir(repoDir, commit), revision, commit, fromCache: false };
  } catch (error) {
    throw toHubFailure(error, context);
  }
}

/**
 * The cached snapshot when every wanted file is there and checks out. Damaged files are reported, deleted and
 * left for the download to fetch again.
 */
async function readCachedSnapshot(
  repoDir: string,
  revision: string,
  wanted: readonly WantedFile[],
  onProgress: (event: HubProgressEvent) => void,
): Promise<HubModelLocation | undefined> {
  const cached = await findCachedSnapshot(repoDir, revision, wanted);
  if (cached === undefined) return undefined;
  const { commit, files } = cached;
  const damaged = await findDamagedFiles(
    repoDir,
    commit,
    files.map((file) => file.path),
  );
  for (const { path, reason } of damaged) {
    onProgress({ type: 'file-invalid', file: path, reason });
    await removeDamagedFile(repoDir, commit, path);
  }
  if (damaged.length > 0) return undefined;
  for (const file of files) {
    onProgress({ type: 'file-done', file: file.path, bytesTotal: file.size, fromCache: true });
  }
  return { dir: getSnapshotDir(repoDir, commit), revision, commit, fromCache: true };
}

function listWantedFiles(dtype: HubDtype): WantedFile[] {
  return [
    { path: 'config.json', optional: false },
    { path: 'tokenizer.json', optional: false },
    { path: 'tokenizer_config.json', optional: true },
    { path: MODEL_FILES[dtype], optional: false },
  ];
}

async function resolveCommit(
  context: HubContext,
  token: string | undefined,
  idleMs: number,
): Promise<string> {
  if (COMMIT_PATTERN.test(context.revision)) return context.revision;
  const info = await runWithIdleTimeout(idleMs, (watchdog) =>
    modelInfo({
      name: context.repo,
      revision: context.revision,
      hubUrl: context.endpoint,
      accessToken: token,
      additionalFields: ['sha'],
      fetch: watchdog.fetch,
    }),
  );
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
  const infos = await runWithIdleTimeout(job.idleTimeoutMs, (watchdog) =>
    pathsInfo({
      repo: { type: 'model', name: job.context.repo },
      paths: [...wanted.map((file) => file.path), otherModelFile],
      revision: job.commit,
      hubUrl: job.context.endpoint,
      accessToken: job.token,
      fetch: watchdog.fetch,
    }),
  );
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
  const reused = await hasBlob(job.repoDir, expectation);
  if (!reused) {
    job.onProgress({ type: 'file-start', file, bytesTotal: info.size });
    const url = `${job.context.endpoint}/${job.context.repo}/resolve/${job.commit}/${file}`;
    const transfer = { file, url, bytesDone: 0, bytesTotal: info.size };
    try {
      await runWithIdleTimeout(job.idleTimeoutMs, (watchdog) =>
        streamFileToBlob(job, expectation, transfer, watchdog),
      );
    } catch (error) {
      throw createTransferFailure(job.context, transfer, error);
    }
  }
  await linkSnapshotFile(job.repoDir, job.commit, file, expectation.name);
  await recordExpectation(job.repoDir, job.commit, file, expectation);
  job.onProgress({ type: 'file-done', file, bytesTotal: info.size, fromCache: reused });
}

/** Probes and streams one file into its blob, counting the bytes in `transfer` as they arrive. */
async function streamFileToBlob(
  job: DownloadJob,
  expectation: BlobExpectation,
  transfer: Transfer,
  watchdog: IdleWatchdog,
): Promise<void> {
  const { file } = transfer;
  const blob = await downloadFile({
    repo: { type: 'model', name: job.context.repo },
    path: file,
    revision: job.commit,
    hubUrl: job.context.endpoint,
    accessToken: job.token,
    fetch: watchdog.fetch,
  });
  if (blob === null) throw new Error(`the hub listed ${file} but answered 404 when it was requested`);
  await writeBlobAtomically(job.repoDir, expectation, watchChunks(blob.stream(), watchdog), (bytesDone) => {
    transfer.bytesDone = bytesDone;
    job.onProgress({ type: 'file-progress', file, bytesDone, bytesTotal: transfer.bytesTotal });
  });
}
