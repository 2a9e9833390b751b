import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describeError } from '../ground/errors.js';
import { writeFileAtomically as writeAtomically } from '../ground/files/atomic-write.js';
import { createFolders } from '../ground/files/check-path.js';
import { createInputError, type InputNames } from './input-names.js';

/** Creates the output folder and proves it writable before any long work starts. */
export async function prepareOutputDir(dir: string, names: InputNames): Promise<string> {
  const absolute = resolve(dir);
  const probe = join(absolute, `.embedprof-write-test-${process.pid}`);
  try {
    await createFolders(absolute);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    throw createInputError(names, 'out', {
      expected: 'a folder embedprof can create and write',
      received: `${JSON.stringify(dir)}, an unwritable path (${describeError(error)})`,
      example: 'embedprof-out',
      fix: 'Choose another output folder or fix its permissions.',
    });
  }
  return absolute;
}

/** Writes `dir/name` atomically (see files/atomic-write.ts) and returns its path. */
export async function writeFileAtomically(dir: string, name: string, content: string): Promise<string> {
  const target = join(dir, name);
  await writeAtomically(target, content);
  return target;
}

export function writeJsonAtomically(dir: string, name: string, value: unknown): Promise<string> {
  return writeFileAtomically(dir, name, `${JSON.stringify(value, null, 2)}\n`);
}
