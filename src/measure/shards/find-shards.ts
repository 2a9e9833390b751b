/**
 * Finds the shard folders of a sharded run under a folder of downloaded artifacts: every folder (the root
 * and up to two levels below) holding a profile.json, with its base-profile.json and comparison.json when
 * present.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface ShardFolder {
  dir: string;
  profile: string;
  baseProfile: string | null;
  comparison: string | null;
}

async function listFolders(dir: string, depth: number, skip: string): Promise<string[]> {
  if (resolve(dir) === skip) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const below = depth === 0 ? [] : entries.filter((entry) => entry.isDirectory());
  const nested = await Promise.all(below.map((entry) => listFolders(join(dir, entry.name), depth - 1, skip)));
  return [dir, ...nested.flat()];
}

const optional = (path: string): string | null => (existsSync(path) ? path : null);

/** Shard folders under `root`, sorted by path; `outDir` (when inside root) is skipped. */
export async function findShardFolders(root: string, outDir: string): Promise<ShardFolder[]> {
  const folders = await listFolders(root, 2, resolve(outDir));
  return folders
    .filter((dir) => existsSync(join(dir, 'profile.json')))
    .sort()
    .map((dir) => ({
      dir,
      profile: join(dir, 'profile.json'),
      baseProfile: optional(join(dir, 'base-profile.json')),
      comparison: optional(join(dir, 'comparison.json')),
    }));
}
