/**
 * A history store in a folder: `DIR/records/*.json`, one file per run (see record-file.ts). Append-only: a
 * record is created with a hard link from a finished temporary file, so it appears whole or not at all and
 * two writers can never replace each other's record; an existing record is never overwritten.
 */
import type { Dirent } from 'node:fs';
import { createFolders } from '../ground/files/check-path.js';
import { link, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createUsageError, describeError } from '../ground/errors.js';
import { createTemporaryPath } from '../ground/files/atomic-write.js';
import type { HistoryRecord } from '../ground/schema/history-record-schema.js';
import {
  createAppendOnlyError,
  createRecordFileName,
  parseHistoryRecordFile,
  RECORDS_FOLDER,
  selectRecordNames,
  serializeHistoryRecord,
  sortRecords,
} from './record-file.js';

export interface StoredRecord {
  /** `unchanged` when the very same record was already stored (a re-run of the same job). */
  status: 'added' | 'unchanged';
  path: string;
  bytes: number;
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && Reflect.get(error, 'code') === code;
}

function createWriteError(path: string, error: unknown): Error {
  return createUsageError({
    input: path,
    expected: 'a history store folder embedprof can create and write',
    received: `an error (${describeError(error)})`,
    fix: 'Choose another --store folder or fix its permissions and free space.',
  });
}

/** Whether the record at `path` is `text` (same content, whatever its formatting); throws if it differs. */
async function checkExisting(path: string, text: string, record: HistoryRecord): Promise<void> {
  const existing = await readFile(path, 'utf8');
  if (existing === text) return;
  const stored = parseHistoryRecordFile(existing, createRecordFileName(record), path);
  if (serializeHistoryRecord(stored) !== text) throw createAppendOnlyError(path, record);
}

/** Adds `record` to the store in `dir` (created when missing). The same record twice is a no-op. */
export async function writeHistoryRecord(dir: string, record: HistoryRecord): Promise<StoredRecord> {
  const text = serializeHistoryRecord(record);
  const folder = join(dir, RECORDS_FOLDER);
  const path = join(folder, createRecordFileName(record));
  const bytes = Buffer.byteLength(text);
  await createFolders(folder).catch((error: unknown) => {
    throw createWriteError(folder, error);
  });
  const temporary = createTemporaryPath(path);
  try {
    await writeFile(temporary, text);
    await link(temporary, path);
    return { status: 'added', path, bytes };
  } catch (error) {
    if (!hasCode(error, 'EEXIST')) throw createWriteError(path, error);
    await checkExisting(path, text, record);
    return { status: 'unchanged', path, bytes };
  } finally {
    await rm(temporary, { force: true });
  }
}

async function listFolder(path: string): Promise<Dirent[] | null> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return null;
    throw createUsageError({
      input: path,
      expected: 'a readable history store folder',
      received: hasCode(error, 'ENOTDIR') ? 'a file' : `a read error (${describeError(error)})`,
      fix: 'Point --store at the folder that holds records/ (or at a new folder to start a history).',
    });
  }
}

/**
 * Every record of the store in `dir`, in time order. A missing or empty folder is an empty history; a folder
 * with other content but no records/, junk in records/, or a corrupt or newer-version record is a UsageError
 * naming the path.
 */
export async function readHistoryStore(dir: string): Promise<HistoryRecord[]> {
  const top = await listFolder(dir);
  if (top === null || top.length === 0) return [];
  const folder = join(dir, RECORDS_FOLDER);
  const entries = await listFolder(folder);
  if (entries === null) {
    throw createUsageError({
      input: dir,
      expected: `a history store (a folder holding ${RECORDS_FOLDER}/), or an empty or missing folder`,
      received: `a folder of ${top.length} other entr${top.length === 1 ? 'y' : 'ies'} and no ${RECORDS_FOLDER}/`,
      fix: 'Check the --store path: it is the folder `embedprof history add --store` wrote.',
    });
  }
  const records: HistoryRecord[] = [];
  const listed = entries.map((entry) => ({ name: entry.name, isFile: entry.isFile() }));
  for (const name of selectRecordNames(listed, (name) => join(folder, name))) {
    const path = join(folder, name);
    const text = await readFile(path, 'utf8').catch((error: unknown) => {
      throw createUsageError({
        input: path,
        expected: 'a readable history record',
        received: `a read error (${describeError(error)})`,
        fix: 'Check the file’s permissions.',
      });
    });
    records.push(parseHistoryRecordFile(text, name, path));
  }
  return sortRecords(records);
}
