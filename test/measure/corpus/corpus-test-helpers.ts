import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../src/ground/errors.js';

/** Asserts that `run` throws a UsageError (exit code 2) whose message matches every pattern. */
export function assertUsageError(run: () => unknown, ...patterns: RegExp[]): UsageError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  return checkUsageError(caught, patterns);
}

export async function assertRejectsWithUsageError(
  run: () => Promise<unknown>,
  ...patterns: RegExp[]
): Promise<UsageError> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  return checkUsageError(caught, patterns);
}

function checkUsageError(caught: unknown, patterns: RegExp[]): UsageError {
  assert.ok(caught instanceof UsageError, `expected a UsageError, got ${String(caught)}`);
  assert.equal(caught.exitCode, 2);
  for (const pattern of patterns) assert.match(caught.message, pattern);
  return caught;
}

/** A scratch directory under os.tmpdir(); `write` creates files in it, `remove` deletes it all. */
export interface ScratchDir {
  path: string;
  write(name: string, content: string | Uint8Array): Promise<string>;
  remove(): Promise<void>;
}

export async function createScratchDir(): Promise<ScratchDir> {
  const path = await mkdtemp(join(tmpdir(), 'embedprof-corpus-'));
  return {
    path,
    async write(name, content) {
      const file = join(path, name);
      await writeFile(file, content);
      return file;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/** Escapes a string for use inside a RegExp (file paths contain dots and slashes). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
