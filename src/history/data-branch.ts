/**
 * A history store kept on a branch of the repository (default `embedprof-data`), laid out as a folder store
 * (records/ at the branch's root). Adding fetches the branch (or starts it as an orphan), builds one commit
 * that adds the record file on top of the fetched tip — with git's plumbing and a temporary index, nothing
 * checked out — and pushes it. A push that loses a race (non-fast-forward, a locked ref) is rebuilt on the
 * new tip and retried with a jittered backoff: records are separate files, so there is never a conflict.
 */
import { join } from 'node:path';
import { RuntimeFailure } from '../ground/errors.js';
import { createRandom, type Random } from '../ground/random/index.js';
import type { HistoryRecord } from '../ground/schema/history-record-schema.js';
import {
  openBranchSession,
  fetchBranchTip,
  createRemoteError,
  type BranchSession,
} from './branch-session.js';
import type { DataBranchTarget } from './branch-session.js';
import { readBranchRecords, readBranchText } from './branch-records.js';
import { readGitText, runGit } from '../ground/platform/run-git.js';
import {
  createAppendOnlyError,
  createRecordFileName,
  parseHistoryRecordFile,
  RECORDS_FOLDER,
  serializeHistoryRecord,
} from './record-file.js';

export { DEFAULT_DATA_BRANCH, type DataBranchTarget } from './branch-session.js';

export interface GitIdentity {
  name: string;
  email: string;
}

export interface AddToDataBranchRequest extends DataBranchTarget {
  record: HistoryRecord;
  message: string;
  /** Default: the repository's user.name and user.email, else github-actions[bot]. */
  author?: GitIdentity;
  /** Pushes to try before giving up (default 8). */
  attempts?: number;
}

export interface DataBranchAddition {
  status: 'added' | 'unchanged';
  /** `records/<name>.json` on the branch. */
  path: string;
  bytes: number;
  /** The branch's tip holding the record. */
  commit: string;
  attempts: number;
}

const BOT: GitIdentity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};
const README = `# embedprof history\n\nThis branch is a history store written by \`embedprof history add\`: one JSON record per run in ${RECORDS_FOLDER}/, named by time and commit. It is append-only: do not edit or rename records.\n`;
const RACE =
  /\[rejected\]|non-fast-forward|fetch first|cannot lock ref|failed to update ref|incorrect old value|stale info/i;

async function readIdentity(session: BranchSession, author: GitIdentity | undefined): Promise<GitIdentity> {
  if (author !== undefined) return author;
  const read = async (key: string) =>
    (await runGit(session.repoDir, ['config'], { values: [key] })).stdout.toString().trim();
  const [name, email] = await Promise.all([read('user.name'), read('user.email')]);
  return name !== '' && email !== '' ? { name, email } : BOT;
}

async function addBlob(session: BranchSession, index: string, path: string, text: string): Promise<void> {
  const blob = await readGitText(session.repoDir, ['hash-object', '-w', '--stdin'], { input: text });
  const env = { GIT_INDEX_FILE: index };
  await readGitText(session.repoDir, ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`], {
    env,
  });
}

interface CommitRequest {
  tip: string | null;
  name: string;
  text: string;
  message: string;
  identity: GitIdentity;
}

/** A commit adding the record (and, on a new branch, the README) on top of `tip`. */
async function buildCommit(session: BranchSession, request: CommitRequest, attempt: number): Promise<string> {
  const index = join(session.tempDir, `index-${attempt}`);
  const env = { GIT_INDEX_FILE: index };
  await readGitText(
    session.repoDir,
    request.tip === null ? ['read-tree', '--empty'] : ['read-tree'],
    request.tip === null ? { env } : { env, values: [request.tip] },
  );
  await addBlob(session, index, `${RECORDS_FOLDER}/${request.name}`, request.text);
  if (request.tip === null) await addBlob(session, index, 'README.md', README);
  const tree = await readGitText(session.repoDir, ['write-tree'], { env });
  const { name, email } = request.identity;
  const identity = {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
  };
  const parents = request.tip === null ? [] : ['-p', request.tip];
  return readGitText(session.repoDir, ['commit-tree', ...parents, '-m', request.message], {
    env: identity,
    values: [tree],
  });
}

/** Pushes `commit` as the branch: true when it landed, false when another push got there first. */
async function pushCommit(session: BranchSession, commit: string, tip: string | null): Promise<boolean> {
  const result = await runGit(session.repoDir, ['push', '--no-verify', '--porcelain'], {
    values: [session.remote, `${commit}:refs/heads/${session.branch}`],
  });
  if (result.code === 0) return true;
  if (RACE.test(`${result.stdout.toString()}\n${result.stderr}`)) return false;
  const head = `refs/heads/${session.branch}`;
  const now = await runGit(session.repoDir, ['ls-remote'], { values: [session.remote, head] });
  const moved = now.code === 0 && now.stdout.toString().split(/\s/)[0] !== (tip ?? '');
  if (moved) return false;
  throw createRemoteError(session, 'push the history branch', result);
}

/** 200 ms × 2^(attempt − 1), times a uniform factor in [0.5, 1.5), at most 5 s. */
export function computeBackoffMs(attempt: number, random: Random): number {
  return Math.min(5000, 200 * 2 ** (attempt - 1)) * (0.5 + random.nextFloat());
}

/** A seed that differs between records, so two runs racing for the branch back off by different delays. */
function seedFromName(name: string): number {
  let hash = 2166136261;
  for (const char of name) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 16777619) >>> 0;
  return hash;
}

/** Whether the branch at `tip` already holds the record: true if the same one, an error if another. */
async function isStored(
  session: BranchSession,
  tip: string,
  name: string,
  text: string,
  record: HistoryRecord,
) {
  const label = `${session.label}, branch ${session.branch}, ${RECORDS_FOLDER}/${name}`;
  const existing = await readBranchText(session, tip, `${RECORDS_FOLDER}/${name}`);
  if (existing === null) return false;
  if (existing === text || serializeHistoryRecord(parseHistoryRecordFile(existing, name, label)) === text)
    return true;
  throw createAppendOnlyError(label, record);
}

async function addInSession(
  session: BranchSession,
  request: AddToDataBranchRequest,
): Promise<DataBranchAddition> {
  const name = createRecordFileName(request.record);
  const text = serializeHistoryRecord(request.record);
  const identity = await readIdentity(session, request.author);
  const random = createRandom(seedFromName(name));
  const attempts = request.attempts ?? 8;
  const result = { path: `${RECORDS_FOLDER}/${name}`, bytes: Buffer.byteLength(text) };
  for (let attempt = 1; ; attempt += 1) {
    const tip = await fetchBranchTip(session);
    if (tip !== null && (await isStored(session, tip, name, text, request.record))) {
      return { ...result, status: 'unchanged', commit: tip, attempts: attempt };
    }
    const commit = await buildCommit(
      session,
      { tip, name, text, message: request.message, identity },
      attempt,
    );
    if (await pushCommit(session, commit, tip))
      return { ...result, status: 'added', commit, attempts: attempt };
    if (attempt >= attempts) {
      throw new RuntimeFailure(
        `${session.label}, branch ${session.branch}: gave up after ${attempts} pushes, each overtaken by another push. Run the job again.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, computeBackoffMs(attempt, random)));
  }
}

/** Adds `request.record` to the data branch and pushes it; the same record twice is a no-op. */
export async function addToDataBranch(request: AddToDataBranchRequest): Promise<DataBranchAddition> {
  const session = await openBranchSession(request);
  try {
    return await addInSession(session, request);
  } finally {
    await session.close();
  }
}

export interface DataBranchHistory {
  records: HistoryRecord[];
  /** The branch tip read; null when the remote has no such branch (an empty history). */
  commit: string | null;
}

/** Every record on the data branch, in time order; a missing branch is an empty history. */
export async function readDataBranch(target: DataBranchTarget): Promise<DataBranchHistory> {
  const session = await openBranchSession(target);
  try {
    const tip = await fetchBranchTip(session);
    if (tip === null) return { records: [], commit: null };
    return { records: await readBranchRecords(session, tip), commit: tip };
  } finally {
    await session.close();
  }
}
