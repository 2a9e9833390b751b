import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createUsageError, describeError } from '../errors.js';

/** Creates the output folder and proves it writable before any long work starts. */
export async function prepareOutputDir(dir: string): Promise<string> {
  const absolute = resolve(dir);
  const probe = join(absolute, `.embedprof-write-test-${process.pid}`);
  try {
    await mkdir(absolute, { recursive: true });
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    throw createUsageError({
      input: `--out ${dir}`,
      expected: 'a folder embedprof can create and write',
      received: `an unwritable path (${describeError(error)})`,
      fix: 'Choose another --out folder or fix its permissions.',
    });
  }
  return absolute;
}

/** Writes to a temporary name in the same folder, then renames: readers never see half a file. */
export async function writeFileAtomically(dir: string, name: string, content: string): Promise<string> {
  const target = join(dir, name);
  const temporary = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return target;
}

export function writeJsonAtomically(dir: string, name: string, value: unknown): Promise<string> {
  return writeFileAtomically(dir, name, `${JSON.stringify(value, null, 2)}\n`);
}
