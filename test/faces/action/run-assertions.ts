/**
 * Checks shared by the process tests: what reached the REST API, that the artifact is the output folder byte
 * for byte, that the token leaked nowhere, and the download-artifact step of the recipes.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FinalizedArtifact } from '../../helpers/artifact-server.js';
import type { RecordedApiRequest } from '../../helpers/github-api-server.js';
import { readZipEntries } from '../../helpers/read-zip.js';
import { TEST_TOKEN, type ActionRun } from './run-action-process.js';

/** "POST /repos/…" for every request that changed something. */
export const listWrites = (requests: readonly RecordedApiRequest[]): string[] =>
  requests
    .filter((request) => request.method !== 'GET')
    .map((request) => `${request.method} ${request.path}`);

/** The query of every GET of a comment list: the pages read. */
export const listReads = (requests: readonly RecordedApiRequest[]): Record<string, string>[] =>
  requests
    .filter((request) => request.method === 'GET' && request.path.endsWith('/comments'))
    .map((request) => request.query);

/** Every file of a folder, by path relative to it. */
export async function readFolder(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries.filter((item) => item.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), await readFile(path));
  }
  return files;
}

/** The artifact's entries, checked equal to the files of `dir`. */
export async function assertArtifactHoldsFolder(
  artifact: FinalizedArtifact,
  dir: string,
): Promise<Map<string, Buffer>> {
  const zip = readZipEntries(artifact.zip);
  assert.deepEqual(zip, await readFolder(dir), 'the artifact holds the output folder byte for byte');
  return zip;
}

/** The token appears only in the mask command (which the runner consumes), nowhere else. */
export function assertNoTokenLeak(run: ActionRun, files: Map<string, Buffer>): void {
  const lines = run.stdout.split('\n').filter((line) => line.includes(TEST_TOKEN));
  assert.deepEqual(lines, [`::add-mask::${TEST_TOKEN}`], 'only the mask command may carry the token');
  assert.ok(!run.stderr.includes(TEST_TOKEN));
  assert.ok(![...run.outputs.values()].some((value) => value.includes(TEST_TOKEN)));
  assert.ok(!run.summary.includes(TEST_TOKEN));
  for (const [name, bytes] of files) assert.ok(!bytes.toString('latin1').includes(TEST_TOKEN), name);
}

/** The artifact as actions/download-artifact leaves it: its files under `dir`. */
export async function downloadArtifact(
  artifact: FinalizedArtifact,
  dir: string,
): Promise<Map<string, Buffer>> {
  const entries = readZipEntries(artifact.zip);
  for (const [name, bytes] of entries) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), bytes);
  }
  return entries;
}
