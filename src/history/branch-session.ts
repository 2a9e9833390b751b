/**
 * One visit to a data branch from a local repository: the remote's tip is fetched into a private, unique ref
 * (`refs/embedprof-tmp/…`, so concurrent visits from one clone never share FETCH_HEAD) and a temporary folder
 * holds the temporary index. Nothing is checked out: the user's work tree, index and branches are untouched.
 * `close()` deletes the ref and the folder; an interrupted process does the same (signal-cleanup.ts).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUsageError, RuntimeFailure } from '../ground/errors.js';
import { findBranchNameProblem } from '../ground/platform/git-names.js';
import {
  maskCredentials,
  readGitText,
  runGit,
  runGitSync,
  type GitResult,
} from '../ground/platform/run-git.js';
import { registerSignalCleanup } from '../ground/platform/signal-cleanup.js';

export interface DataBranchTarget {
  /** A git checkout whose configuration (remote, credentials) reaches the remote. */
  repoDir: string;
  /** A remote name ("origin") or URL. */
  remote: string;
  /** Default `embedprof-data`. */
  branch?: string;
}

export const DEFAULT_DATA_BRANCH = 'embedprof-data';

export interface BranchSession {
  repoDir: string;
  remote: string;
  branch: string;
  /** `remote "origin" (https://github.com/o/r.git)`, credentials masked: for messages. */
  label: string;
  ref: string;
  tempDir: string;
  close: () => Promise<void>;
}

async function describeRemote(repoDir: string, remote: string): Promise<string> {
  const url = await runGit(repoDir, ['remote', 'get-url'], { values: [remote] });
  const text = url.stdout.toString('utf8').trim();
  return url.code === 0
    ? `remote "${remote}" (${maskCredentials(text)})`
    : `remote ${maskCredentials(remote)}`;
}

async function checkTarget(repoDir: string, branch: string): Promise<void> {
  const repository = await runGit(repoDir, ['rev-parse', '--git-dir']).catch((error: unknown) => {
    throw new RuntimeFailure(error instanceof Error ? error.message : String(error));
  });
  if (repository.code !== 0) {
    throw createUsageError({
      input: repoDir,
      expected: 'a git repository whose remote holds the history branch',
      received: `a folder git does not know (${repository.stderr.trim()})`,
      fix: 'Run in the checkout of the repository (actions/checkout), or use a folder store (--store DIR).',
    });
  }
  const problem = findBranchNameProblem(branch);
  if (problem !== null) {
    throw createUsageError({
      input: 'the history branch',
      expected: `a git branch name such as embedprof-data (${problem})`,
      received: JSON.stringify(branch),
      fix: 'Choose a name of letters, digits, ".", "_", "/" and "-".',
    });
  }
}

function removeNow(repoDir: string, ref: string, tempDir: string): void {
  try {
    runGitSync(repoDir, ['update-ref', '-d'], { values: [ref], timeoutMs: 10_000 });
  } catch {
    // the process is ending: the ref is under refs/embedprof-tmp/, and the next visit does not read it
  }
  rmSync(tempDir, { recursive: true, force: true });
}

/** Opens a session on `target`; call `close()` in a finally block. */
export async function openBranchSession(target: DataBranchTarget): Promise<BranchSession> {
  const branch = target.branch ?? DEFAULT_DATA_BRANCH;
  await checkTarget(target.repoDir, branch);
  const label = await describeRemote(target.repoDir, target.remote);
  const ref = `refs/embedprof-tmp/${process.pid}-${randomBytes(6).toString('hex')}`;
  const tempDir = await mkdtemp(join(tmpdir(), 'embedprof-history-'));
  const unregister = registerSignalCleanup(() => removeNow(target.repoDir, ref, tempDir));
  const close = async (): Promise<void> => {
    unregister();
    await runGit(target.repoDir, ['update-ref', '-d'], { values: [ref] }).catch(() => undefined);
    await rm(tempDir, { recursive: true, force: true });
  };
  return { repoDir: target.repoDir, remote: target.remote, branch, label, ref, tempDir, close };
}

const ACCESS_PROBLEM =
  /authentication failed|could not read (username|password)|terminal prompts disabled|permission denied|permission to \S+ denied|access denied|error: 40[13]|\b403\b|not authorized|repository not found|could not read from remote repository|does not appear to be a git repository/i;

/** A failed fetch or push as an error naming the remote and branch: an access problem is the user's to fix. */
export function createRemoteError(session: BranchSession, action: string, result: GitResult): Error {
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  const detail = lines.slice(0, 3).join('; ') || `git exited with ${result.code}`;
  if (ACCESS_PROBLEM.test(result.stderr)) {
    return createUsageError({
      input: `${session.label}, branch ${session.branch}`,
      expected: `git access that can ${action}`,
      received: `an error (${detail})`,
      fix: 'Check the remote URL, and in GitHub Actions give the job `permissions: contents: write` and keep actions/checkout’s persisted credentials.',
    });
  }
  return new RuntimeFailure(`${session.label}, branch ${session.branch}: could not ${action}: ${detail}`);
}

/** The remote branch's tip commit, fetched into the session's ref; null when the remote has no such branch. */
export async function fetchBranchTip(session: BranchSession): Promise<string | null> {
  const head = `refs/heads/${session.branch}`;
  const listed = await runGit(session.repoDir, ['ls-remote', '--exit-code'], {
    values: [session.remote, head],
  });
  if (listed.code === 2) return null;
  if (listed.code !== 0) throw createRemoteError(session, 'read the history branch', listed);
  const refspec = `+${head}:${session.ref}`;
  const fetched = await runGit(session.repoDir, ['fetch', '--no-tags', '--quiet'], {
    values: [session.remote, refspec],
  });
  if (fetched.code !== 0) throw createRemoteError(session, 'fetch the history branch', fetched);
  return readGitText(session.repoDir, ['rev-parse', '--verify'], { values: [`${session.ref}^{commit}`] });
}
