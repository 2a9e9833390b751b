/**
 * Cached files are checked before they are used. A download records what the hub said each file is (size, and
 * the sha256 of LFS files or the git blob sha1 of the others) in `.embedprof/<commit>/<path>.json` beside the
 * HF layout; for a file cached by another tool, the blob's name says the same (blobs/<sha256 or sha1>). A file
 * whose size or hash differs is reported and deleted, so the caller downloads it again.
 */
import { createFolders } from '../../ground/files/check-path.js';
import { createReadStream } from 'node:fs';
import { lstat, readFile, readlink, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { writeJsonAtomically } from '../../ground/files/atomic-write.js';
import type { BlobExpectation } from './hub-cache.js';
import { createDigest, describeMismatch, getSnapshotDir } from './hub-cache.js';

export interface DamagedFile {
  path: string;
  /** e.g. `1000 bytes, expected 4096` */
  reason: string;
}

function getRecordPath(repoDir: string, commit: string, file: string): string {
  return join(repoDir, '.embedprof', commit, `${file}.json`);
}

/** Notes what snapshots/<commit>/<file> must hold. */
export async function recordExpectation(
  repoDir: string,
  commit: string,
  file: string,
  expectation: BlobExpectation,
): Promise<void> {
  const record = getRecordPath(repoDir, commit, file);
  await createFolders(dirname(record));
  await writeJsonAtomically(record, expectation);
}

/** The cached files among `files` that are not what the hub served. */
export async function findDamagedFiles(
  repoDir: string,
  commit: string,
  files: readonly string[],
): Promise<DamagedFile[]> {
  const damaged: DamagedFile[] = [];
  for (const path of files) {
    const entry = join(getSnapshotDir(repoDir, commit), path);
    const expectation = (await readRecord(repoDir, commit, path)) ?? (await inferExpectation(entry));
    const reason = expectation === undefined ? undefined : await checkBlob(entry, expectation);
    if (reason !== undefined) damaged.push({ path, reason });
  }
  return damaged;
}

/** Deletes the snapshot entry, the blob it points to and its record, so the next download fetches it afresh. */
export async function removeDamagedFile(repoDir: string, commit: string, file: string): Promise<void> {
  const entry = join(getSnapshotDir(repoDir, commit), file);
  const target = await readlink(entry).catch(() => undefined);
  if (target !== undefined) await rm(resolve(dirname(entry), target), { force: true });
  await rm(entry, { force: true });
  await rm(getRecordPath(repoDir, commit, file), { force: true });
}

/** True when blobs/<name> holds exactly what `expectation` describes. */
export async function hasBlob(repoDir: string, expectation: BlobExpectation): Promise<boolean> {
  return (await checkBlob(join(repoDir, 'blobs', expectation.name), expectation)) === undefined;
}

/** How the file at `path` differs from `expectation`, `missing` when it is absent, undefined when it matches. */
async function checkBlob(path: string, expectation: BlobExpectation): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile() !== true) return 'missing';
  const sizeMismatch = describeMismatch(
    { name: expectation.name, size: expectation.size },
    info.size,
    undefined,
  );
  if (sizeMismatch !== undefined) return sizeMismatch;
  const hash = createDigest(expectation);
  if (hash === undefined) return undefined;
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return describeMismatch(expectation, info.size, hash.digest('hex'));
}

async function readRecord(
  repoDir: string,
  commit: string,
  file: string,
): Promise<BlobExpectation | undefined> {
  const text = await readFile(getRecordPath(repoDir, commit, file), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isExpectation(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isExpectation(value: unknown): value is BlobExpectation {
  if (typeof value !== 'object' || value === null) return false;
  return (
    'name' in value && typeof value.name === 'string' && 'size' in value && typeof value.size === 'number'
  );
}

/** A file linked into blobs/ by another tool: its blob's name is its sha256 (LFS) or git blob sha1. */
async function inferExpectation(entry: string): Promise<BlobExpectation | undefined> {
  if ((await lstat(entry).catch(() => undefined))?.isSymbolicLink() !== true) return undefined;
  const name = basename(await readlink(entry));
  const size = (await stat(entry).catch(() => undefined))?.size;
  if (size === undefined) return undefined;
  if (/^[0-9a-f]{64}$/.test(name)) return { name, size, digest: { algorithm: 'sha256', hex: name } };
  if (!/^[0-9a-f]{40}$/.test(name)) return undefined;
  return { name, size, digest: { algorithm: 'sha1', hex: name, prefix: `blob ${size}\0` } };
}
