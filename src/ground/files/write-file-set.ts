/**
 * Writes several files into a folder as one set (a run's profile.json, comparison.json and reports; a history
 * site). Every file is first written whole into a staging folder inside the target folder (same file system,
 * so the moves need no space), and only then moved into place one by one. A write that fails (a full disk)
 * leaves the previous set byte-identical and no file of the new one. A move that fails puts back what the
 * moves before it replaced, from hard links taken first. Why files are moved and the folder not swapped:
 * docs/report-set-writes.md.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { copyFile, link, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { registerSignalCleanup } from '../platform/signal-cleanup.js';
import { createFolders } from './check-path.js';

export interface SetFile {
  /** The path inside the folder, e.g. `report.html` or `cells/a.html`. */
  name: string;
  data: string | Uint8Array;
}

interface Move {
  staged: string;
  target: string;
  /** A hard link to the file the move replaces, or null when there was none. */
  previous: string | null;
}

/** `.embedprof-set.<pid>.<8 hex digits>.tmp`: hidden, unique per writer, never a finished file. */
function createStagingName(): string {
  return `.embedprof-set.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

async function stageFiles(staging: string, files: readonly SetFile[]): Promise<void> {
  for (const file of files) {
    const path = join(staging, 'new', file.name);
    await createFolders(dirname(path));
    await writeFile(path, file.data).catch((error: unknown) => {
      throw new Error(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

/** Hard links to the files the set will replace, so a failed move can put them back. */
async function keepPrevious(dir: string, staging: string, files: readonly SetFile[]): Promise<Move[]> {
  const moves: Move[] = [];
  for (const file of files) {
    const target = join(dir, file.name);
    const exists = (await stat(target).catch(() => null))?.isFile() === true;
    const previous = exists ? join(staging, 'previous', file.name) : null;
    if (previous !== null) {
      await createFolders(dirname(previous));
      // a file system without hard links gets a copy: if even that does not fit, nothing has moved yet
      await link(target, previous).catch(() => copyFile(target, previous));
    }
    moves.push({ staged: join(staging, 'new', file.name), target, previous });
  }
  return moves;
}

async function undoMoves(done: readonly Move[]): Promise<void> {
  for (const move of [...done].reverse()) {
    if (move.previous === null) await rm(move.target, { force: true });
    else await rename(move.previous, move.target);
  }
}

async function moveIntoPlace(moves: readonly Move[]): Promise<void> {
  const done: Move[] = [];
  try {
    for (const move of moves) {
      await createFolders(dirname(move.target));
      await rename(move.staged, move.target);
      done.push(move);
    }
  } catch (error) {
    await undoMoves(done);
    throw error;
  }
}

/** Writes `files` into `dir` (which must exist) as one set: all of them, or none and the previous set kept. */
export async function writeFileSet(dir: string, files: readonly SetFile[]): Promise<string[]> {
  const staging = join(dir, createStagingName());
  const unregister = registerSignalCleanup(() => rmSync(staging, { recursive: true, force: true }));
  try {
    await stageFiles(staging, files);
    await moveIntoPlace(await keepPrevious(dir, staging, files));
    return files.map((file) => join(dir, file.name));
  } finally {
    await rm(staging, { recursive: true, force: true });
    unregister();
  }
}
