/**
 * Reading a fetched data branch's records straight from git's object store (ls-tree, cat-file), with the
 * same checks as a folder store: junk in records/, a corrupt or newer-version record, or a misnamed one is
 * a UsageError naming the branch and the file.
 */
import { createUsageError } from '../ground/errors.js';
import type { HistoryRecord } from '../ground/schema/history-record-schema.js';
import type { BranchSession } from './branch-session.js';
import { readGitBytes } from '../ground/platform/run-git.js';
import { parseHistoryRecordFile, RECORDS_FOLDER, selectRecordNames, sortRecords } from './record-file.js';

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  name: string;
}

async function listTree(session: BranchSession, treeish: string, path?: string): Promise<TreeEntry[]> {
  const values = [treeish, ...(path === undefined ? [] : ['--', path])];
  const output = (await readGitBytes(session.repoDir, ['ls-tree', '-z'], { values })).toString('utf8');
  return output
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode = '', type = '', object = ''] = line.slice(0, tab).split(' ');
      return { mode, type, object, name: line.slice(tab + 1) };
    });
}

/** The contents of `objects` (blob ids), read by one `git cat-file --batch`. */
async function readBlobs(session: BranchSession, objects: readonly string[]): Promise<string[]> {
  if (objects.length === 0) return [];
  const input = `${objects.join('\n')}\n`;
  const output = await readGitBytes(session.repoDir, ['cat-file', '--batch'], { input });
  const texts: string[] = [];
  let offset = 0;
  for (const object of objects) {
    const end = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, end).toString('utf8').split(' ');
    const size = Number(header[2]);
    if (end < 0 || header[0] !== object || header[1] !== 'blob' || !Number.isInteger(size)) {
      throw new Error(
        `git cat-file --batch: unexpected output ${JSON.stringify(header.join(' '))} for ${object}`,
      );
    }
    texts.push(output.subarray(end + 1, end + 1 + size).toString('utf8'));
    offset = end + 1 + size + 1;
  }
  return texts;
}

/** The text of `path` in commit `tip`, or null when the commit has no such file. */
export async function readBranchText(
  session: BranchSession,
  tip: string,
  path: string,
): Promise<string | null> {
  const [entry] = await listTree(session, tip, path);
  if (entry?.type !== 'blob') return null;
  const [text] = await readBlobs(session, [entry.object]);
  return text ?? null;
}

function describeBranch(session: BranchSession): string {
  return `${session.label}, branch ${session.branch}`;
}

/** The records folder's entries at `tip`; a branch with other content and no records/ is an error. */
async function listRecordEntries(session: BranchSession, tip: string): Promise<TreeEntry[]> {
  const top = await listTree(session, tip);
  const folder = top.find((entry) => entry.name === RECORDS_FOLDER && entry.type === 'tree');
  if (folder !== undefined) return listTree(session, folder.object);
  if (top.length === 0) return [];
  throw createUsageError({
    input: describeBranch(session),
    expected: `a history store branch (${RECORDS_FOLDER}/ at its root)`,
    received: `a branch holding ${top.map((entry) => entry.name).join(', ')}`,
    fix: 'Choose another branch for the history (the default is embedprof-data).',
  });
}

/** Every record on the branch at `tip`, in time order. */
export async function readBranchRecords(session: BranchSession, tip: string): Promise<HistoryRecord[]> {
  const entries = await listRecordEntries(session, tip);
  const describe = (name: string) => `${describeBranch(session)}, ${RECORDS_FOLDER}/${name}`;
  const listed = entries.map((entry) => ({ name: entry.name, isFile: entry.mode.startsWith('100') }));
  const names = selectRecordNames(listed, describe);
  const objects = names.map((name) => entries.find((entry) => entry.name === name)?.object ?? '');
  const texts = await readBlobs(session, objects);
  const records = names.map((name, index) =>
    parseHistoryRecordFile(texts[index] ?? '', name, describe(name)),
  );
  return sortRecords(records);
}
