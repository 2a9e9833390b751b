/**
 * The folder the core writes into (under RUNNER_TEMP, emptied first so no file of an earlier step is read or
 * uploaded), its files, and its upload as one artifact.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../../ground/errors.js';
import type { ActionPlatform } from './action-platform.js';
import type { Shard } from '../../measure/protocol/setting-kit/shard-and-metrics.js';

export const OUT_FOLDER_NAME = 'embedprof-out';

function describeShard(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}`;
}

export function chooseOutDir(tempDir: string, shard: Shard | null): string {
  return join(tempDir, shard === null ? OUT_FOLDER_NAME : `${OUT_FOLDER_NAME}-${describeShard(shard)}`);
}

/** `name`, or `name-shard-i-of-n` for a shard. */
export function chooseArtifactName(name: string, shard: Shard | null): string {
  return shard === null ? name : `${name}-${describeShard(shard)}`;
}

export async function resetOutDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
}

/** Every file under `dir`, absolute, sorted; [] when the folder does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/** Uploads the folder as one artifact; a failure is a warning (the verdict still stands), giving null. */
export async function uploadOutDir(
  platform: ActionPlatform,
  dir: string,
  name: string,
  retentionDays: number | null,
): Promise<number | null> {
  const files = await listFiles(dir);
  if (files.length === 0) {
    platform.info(`No file in ${dir}: no artifact uploaded.`);
    return null;
  }
  try {
    const id = await platform.uploadArtifact({ name, files, rootDirectory: dir, retentionDays });
    platform.info(
      `Uploaded ${files.length} files as the artifact ${name}${id === null ? '' : ` (id ${id})`}.`,
    );
    return id;
  } catch (error) {
    platform.warning(`Could not upload the artifact ${name}: ${describeError(error)}`);
    return null;
  }
}
