/**
 * The Hugging Face cache layout, shared with huggingface_hub (Python), transformers and @huggingface/hub:
 *   <cacheDir>/models--org--name/
 *     blobs/<etag>                      file contents, named by LFS sha256 or git blob sha1
 *     snapshots/<commit>/<path>         relative symlinks to ../../blobs/<etag> (copies where symlinks fail)
 *     refs/<revision>                   the commit a branch or tag resolved to, no trailing newline
 *     .no_exist/<commit>/<path>         empty marker: the file is absent from the repo at that commit
 *     .embedprof/<commit>/<path>.json   embedprof's own: the size and hash the hub gave (cache-check.ts)
 * Every write goes to a unique temporary name in the same folder and is renamed into place, so an interrupted
 * run never leaves a file under a final name, and two concurrent runs cannot interleave their bytes.
 */
import { createFolders } from '../../ground/files/check-path.js';
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { copyFile, open, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { PathInfo } from '@huggingface/hub';
import { RuntimeFailure } from '../../ground/errors.js';
import { replaceAtomically, writeFileAtomically } from '../../ground/files/atomic-write.js';
import { trackTemporary, untrackTemporary } from './cache-temporaries.js';

export const COMMIT_PATTERN = /^[0-9a-f]{40}$/;

/** What a downloaded blob must match before it is renamed to its final name. */
export interface BlobExpectation {
  name: string;
  size: number;
  /** LFS files: sha256 of the content. Plain git files: sha1 of `blob <size>\0` + content. */
  digest?: { algorithm: 'sha256' | 'sha1'; hex: string; prefix?: string };
}

/** Names blobs as the library and huggingface_hub do: LFS sha256, else xet hash, else git blob sha1. */
export function toBlobExpectation(info: PathInfo): BlobExpectation {
  if (info.lfs !== undefined) {
    return { name: info.lfs.oid, size: info.size, digest: { algorithm: 'sha256', hex: info.lfs.oid } };
  }
  if (info.xetHash !== undefined) return { name: info.xetHash, size: info.size };
  if (info.oid === undefined) throw new RuntimeFailure(`the hub gave no content hash for ${info.path}`);
  return {
    name: info.oid,
    size: info.size,
    digest: { algorithm: 'sha1', hex: info.oid, prefix: `blob ${info.size}\0` },
  };
}

export function getRepoCacheDir(cacheDir: string, repo: string): string {
  return join(cacheDir, `models--${repo.split('/').join('--')}`);
}

export function getSnapshotDir(repoDir: string, commit: string): string {
  return join(repoDir, 'snapshots', commit);
}

/** The commit a revision points to in the cache, without touching the network. */
async function readCachedCommit(repoDir: string, revision: string): Promise<string | undefined> {
  if (COMMIT_PATTERN.test(revision)) return revision;
  const text = await readFile(join(repoDir, 'refs', revision), 'utf8').catch(() => undefined);
  const commit = text?.trim();
  return commit !== undefined && COMMIT_PATTERN.test(commit) ? commit : undefined;
}

/** The size of `path` (following symlinks) if it is a regular file. A dangling snapshot link counts as absent. */
export async function readFileSize(path: string): Promise<number | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() === true ? info.size : undefined;
}

export interface WantedFile {
  path: string;
  optional: boolean;
}

/**
 * The cached snapshot for `revision` when every wanted file is in it (optional ones may instead be marked in
 * .no_exist), found from the file system alone. Undefined when anything is missing.
 */
export async function findCachedSnapshot(
  repoDir: string,
  revision: string,
  wanted: readonly WantedFile[],
): Promise<{ commit: string; files: { path: string; size: number }[] } | undefined> {
  const commit = await readCachedCommit(repoDir, revision);
  if (commit === undefined) return undefined;
  const files: { path: string; size: number }[] = [];
  for (const file of wanted) {
    const size = await readFileSize(join(getSnapshotDir(repoDir, commit), file.path));
    if (size !== undefined) files.push({ path: file.path, size });
    else if (!file.optional || !(await isMarkedMissing(repoDir, commit, file.path))) return undefined;
  }
  return { commit, files };
}

async function isMarkedMissing(repoDir: string, commit: string, file: string): Promise<boolean> {
  return (await readFileSize(join(repoDir, '.no_exist', commit, file))) !== undefined;
}

export async function markMissing(repoDir: string, commit: string, file: string): Promise<void> {
  const marker = join(repoDir, '.no_exist', commit, file);
  await createFolders(dirname(marker));
  await writeFile(marker, '');
}

export async function writeRef(repoDir: string, revision: string, commit: string): Promise<void> {
  if (revision === commit) return;
  const ref = join(repoDir, 'refs', revision);
  await createFolders(dirname(ref));
  await writeFileAtomically(ref, commit);
}

/** Points snapshots/<commit>/<file> at blobs/<name>, replacing any previous entry in one rename. */
export async function linkSnapshotFile(
  repoDir: string,
  commit: string,
  file: string,
  blob: string,
): Promise<void> {
  const pointer = join(getSnapshotDir(repoDir, commit), file);
  const blobPath = join(repoDir, 'blobs', blob);
  await createFolders(dirname(pointer));
  await replaceAtomically(pointer, (temporary) =>
    symlink(relative(dirname(pointer), blobPath), temporary).catch(() => copyFile(blobPath, temporary)),
  );
}

/**
 * Streams `chunks` into blobs/<name>: written under a temporary name, synced, checked against the expected
 * size and digest, then renamed. On any failure the temporary file is removed and the error rethrown; on
 * SIGINT or SIGTERM meanwhile, too (cache-temporaries.ts).
 */
export async function writeBlobAtomically(
  repoDir: string,
  expectation: BlobExpectation,
  chunks: AsyncIterable<Uint8Array>,
  onBytes: (bytesDone: number) => void,
): Promise<void> {
  const blobPath = join(repoDir, 'blobs', expectation.name);
  await createFolders(dirname(blobPath));
  let inFlight: string | undefined;
  try {
    await replaceAtomically(blobPath, (temporary) => {
      trackTemporary((inFlight = temporary));
      return streamToFile(temporary, expectation, chunks, onBytes);
    });
  } finally {
    if (inFlight !== undefined) untrackTemporary(inFlight);
  }
}

async function streamToFile(
  path: string,
  expectation: BlobExpectation,
  chunks: AsyncIterable<Uint8Array>,
  onBytes: (bytesDone: number) => void,
): Promise<void> {
  const hash = createDigest(expectation);
  const handle = await open(path, 'wx');
  let bytesDone = 0;
  try {
    for await (const chunk of chunks) {
      await handle.write(chunk);
      hash?.update(chunk);
      bytesDone += chunk.byteLength;
      onBytes(bytesDone);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  verifyBlob(expectation, bytesDone, hash?.digest('hex'));
}

export function createDigest(expectation: BlobExpectation): Hash | undefined {
  if (expectation.digest === undefined) return undefined;
  const hash = createHash(expectation.digest.algorithm);
  if (expectation.digest.prefix !== undefined) hash.update(expectation.digest.prefix);
  return hash;
}

function verifyBlob(expectation: BlobExpectation, bytesDone: number, actualDigest: string | undefined): void {
  const mismatch = describeMismatch(expectation, bytesDone, actualDigest);
  if (mismatch !== undefined) throw new RuntimeFailure(`the hub sent ${mismatch}`);
}

/** How content of `bytes` bytes hashing to `actualDigest` differs from `expectation`; undefined if it does not. */
export function describeMismatch(
  expectation: BlobExpectation,
  bytes: number,
  actualDigest: string | undefined,
): string | undefined {
  if (bytes !== expectation.size) return `${bytes} bytes, expected ${expectation.size}`;
  const expected = expectation.digest;
  if (expected !== undefined && actualDigest !== expected.hex) {
    return `content ${expected.algorithm} is ${actualDigest}, expected ${expected.hex}`;
  }
  return undefined;
}
