import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where `../shared` lives: beside the repository root, or wherever EMBEDPROF_SHARED_DIR points. */
export const sharedDir = resolve(process.env.EMBEDPROF_SHARED_DIR ?? resolve(process.cwd(), '..', 'shared'));

/**
 * Resolves a path inside ../shared and fails with a message that says what is missing and how to fix it.
 * Tests read shared data at run time; nothing from it is committed into the project.
 */
export function requireSharedPath(relative: string): string {
  const path = resolve(sharedDir, relative);
  if (!existsSync(path)) {
    throw new Error(
      `Test data missing: expected ${path} (from ../shared beside the repository), but it does not exist. ` +
        'Check out the project next to its shared/ folder, or set EMBEDPROF_SHARED_DIR to that folder.',
    );
  }
  return path;
}

export const miniLmTokenizerDir = (): string => requireSharedPath('models/all-MiniLM-L6-v2');
