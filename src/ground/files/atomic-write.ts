/**
 * The project's one atomic writer. Every file goes to a unique temporary name in its target's folder and is
 * renamed into place, so a reader never sees half a file, a crash or a full disk never leaves a partial file
 * under a final name, and two concurrent writers cannot interleave their bytes. Several files that belong
 * together are written as one set by write-file-set.ts.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** `.<name>.<pid>.<8 hex digits>.tmp` beside `path`: unique per writer, hidden, never a finished file. */
export function createTemporaryPath(path: string): string {
  const unique = `${process.pid}.${randomBytes(4).toString('hex')}`;
  return join(dirname(path), `.${basename(path)}.${unique}.tmp`);
}

const TEMPORARY_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** The target's name and the writer's pid of a name createTemporaryPath made; undefined for other names. */
export function parseTemporaryName(name: string): { target: string; pid: number } | undefined {
  const match = TEMPORARY_NAME.exec(name);
  return match?.[1] === undefined ? undefined : { target: match[1], pid: Number(match[2]) };
}

/**
 * Runs `write` on a temporary path beside `path`, then renames the result onto `path`. On any failure the
 * temporary file is removed and the error rethrown. For contents that are not one buffer (streams, links).
 */
export async function replaceAtomically(
  path: string,
  write: (temporaryPath: string) => Promise<void>,
): Promise<void> {
  const temporary = createTemporaryPath(path);
  try {
    await write(temporary);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Writes `data` to `path` atomically. The folder must exist. */
export function writeFileAtomically(path: string, data: string | Uint8Array): Promise<void> {
  return replaceAtomically(path, (temporary) => writeFile(temporary, data));
}

/** Writes `value` as two-space-indented JSON with a trailing newline, atomically. */
export function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  return writeFileAtomically(path, `${JSON.stringify(value, null, 2)}\n`);
}
