/**
 * The one check of a path the user names, by what the run does with it (its role, declared with the setting in
 * the settings table). It looks with stat and access only, so it never blocks: a FIFO is never opened, and no
 * folder is created under /proc, where node's recursive mkdir spins forever (see createFolders).
 */
import { constants, type Stats } from 'node:fs';
import { access, mkdir, stat, statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export type PathRole =
  | 'input-file'
  | 'input-folder'
  | 'input-file-or-folder'
  | 'output-file'
  | 'output-folder'
  | 'output-file-or-folder'
  | 'cache-folder'
  /** A history store: read by some commands and written by others, so only its kind is checked. */
  | 'store-folder';

/** What was wrong with the path: the words of a UsageError, without the input's name. */
export interface PathProblem {
  expected: string;
  received: string;
  fix: string;
}

const EXPECTED: Record<PathRole, string> = {
  'input-file': 'an existing file',
  'input-folder': 'an existing folder',
  'input-file-or-folder': 'an existing file or folder',
  'output-file': 'a file embedprof can create or replace',
  'output-folder': 'a folder embedprof can create and write',
  'output-file-or-folder': 'a file or folder embedprof can create or replace',
  'cache-folder': 'a cache folder embedprof can create and write',
  'store-folder': 'a folder of history records (made when absent)',
};

/** What the entry at a path is, in a user's words. */
export function describeEntry(info: Stats | null): string {
  if (info === null) return 'a path that does not exist';
  if (info.isFile()) return 'a file';
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'a special file';
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

const FITS: Record<PathRole, (info: Stats) => boolean> = {
  'input-file': (info) => info.isFile(),
  'input-folder': (info) => info.isDirectory(),
  'input-file-or-folder': (info) => info.isFile() || info.isDirectory(),
  'output-file': (info) => info.isFile(),
  'output-folder': (info) => info.isDirectory(),
  'output-file-or-folder': (info) => info.isFile() || info.isDirectory(),
  'cache-folder': (info) => info.isDirectory(),
  'store-folder': (info) => info.isDirectory(),
};

const isInput = (role: PathRole) => role.startsWith('input-');

/** The deepest existing folder on the way to `path` (the path itself when it is a folder). */
async function findExistingFolder(path: string): Promise<{ folder: string; info: Stats | null }> {
  let current = path;
  for (;;) {
    const info = await statOrNull(current);
    const parent = dirname(current);
    if ((info !== null && info.isDirectory()) || parent === current) return { folder: current, info };
    if (info !== null) return { folder: current, info };
    current = parent;
  }
}

/** proc and sysfs: kernel files, which are no place for reports or caches (and which hang recursive mkdir). */
const KERNEL_FILE_SYSTEMS = new Set([0x9fa0, 0x62656572]);
const KERNEL_PREFIXES = ['/proc', '/sys'];

async function isKernelPath(absolute: string, folder: string): Promise<boolean> {
  if (KERNEL_PREFIXES.some((prefix) => absolute === prefix || absolute.startsWith(`${prefix}/`))) return true;
  try {
    return KERNEL_FILE_SYSTEMS.has((await statfs(folder)).type);
  } catch {
    return false;
  }
}

/** Why a folder cannot be written, from the error access() gave. */
function describeUnwritable(folder: string, error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'EROFS') return `${folder} is on a read-only file system`;
  if (code === 'EACCES' || code === 'EPERM') return `${folder} is not writable (permission denied)`;
  return `${folder} cannot be written (${error instanceof Error ? error.message : String(error)})`;
}

async function checkWritable(path: string, role: PathRole): Promise<PathProblem | null> {
  const absolute = resolve(path);
  const problem = (received: string, fix: string) => ({ expected: EXPECTED[role], received, fix });
  const found = await findExistingFolder(absolute);
  if (await isKernelPath(absolute, found.folder))
    return problem(
      'a path under /proc or /sys',
      'Choose a folder on a disk, e.g. under the working directory.',
    );
  if (found.info !== null && !found.info.isDirectory())
    return problem(`a path through ${describeEntry(found.info)} (${found.folder})`, 'Choose another path.');
  const existing = found.folder === absolute ? found.info : await statOrNull(absolute);
  if (existing !== null && !FITS[role](existing))
    return problem(describeEntry(existing), 'Choose another path, or remove what is there.');
  if (role === 'store-folder') return null;
  try {
    await access(found.folder, constants.W_OK);
  } catch (error) {
    return problem(describeUnwritable(found.folder, error), 'Choose another path or fix its permissions.');
  }
  return null;
}

/**
 * Null when `path` can serve in `role`; else what was expected, what is there (the caller adds the path) and
 * the fix. Inputs must exist and be a regular file or folder; outputs must not be
 * under /proc or /sys, must not be something else already, and their nearest existing folder must be writable.
 */
export async function checkPath(path: string, role: PathRole): Promise<PathProblem | null> {
  if (!isInput(role)) return checkWritable(path, role);
  const info = await statOrNull(resolve(path));
  if (info !== null && FITS[role](info)) return null;
  const fix =
    info === null
      ? 'Check the path (a relative one starts from the working directory).'
      : `Give the path of ${EXPECTED[role].replace('an existing ', 'a regular ')}: embedprof reads files whole, and a pipe, socket or device is none.`;
  return { expected: EXPECTED[role], received: describeEntry(info), fix };
}

/**
 * mkdir -p, one level at a time: node's recursive mkdir spins forever under a path it cannot create (seen with
 * /proc/x on Node 20 and 24) and reports ENOENT for a read-only file system; a plain mkdir fails at once, with
 * the real reason.
 */
export async function createFolders(path: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(path);
  while ((await statOrNull(current))?.isDirectory() !== true) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing)
    await mkdir(folder).catch(async (error: unknown) => {
      // another writer made it meanwhile
      if ((await statOrNull(folder))?.isDirectory() !== true) throw error;
    });
}

/**
 * Throws the caller's error when `path` is a FIFO, socket or device: call it before opening an input, which
 * would block on a FIFO. A missing path or a folder is left to the read, whose error says so.
 */
export async function assertNotSpecialFile(
  path: string,
  fail: (problem: PathProblem) => Error,
): Promise<void> {
  const info = await statOrNull(path);
  if (info === null || info.isFile() || info.isDirectory()) return;
  const problem = await checkPath(path, 'input-file');
  if (problem !== null) throw fail(problem);
}
