/**
 * Materializes a git ref as a detached worktree in a temporary folder, fetching it from `origin` when the
 * clone lacks it (a shallow CI checkout usually does). Failures are reasons, not exceptions: duet mode then
 * falls back to the committed baselines and says why.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError } from '../../ground/errors.js';
import { readGitText, runGitSync, type GitOptions } from '../../ground/platform/run-git.js';
import { registerSignalCleanup } from '../../ground/platform/signal-cleanup.js';

export type Materialized =
  | { kind: 'ready'; repoRoot: string; commit: string; dir: string; remove: () => Promise<void> }
  | { kind: 'unavailable'; reason: string };

async function tryGit(cwd: string, args: string[], options: GitOptions = {}): Promise<string | null> {
  try {
    return await readGitText(cwd, args, options);
  } catch {
    return null;
  }
}

function tryGitNow(cwd: string, args: string[], options: GitOptions = {}): void {
  try {
    runGitSync(cwd, args, { ...options, timeoutMs: 10_000 });
  } catch {
    // the process is ending; `git worktree prune` clears what is left on the next run
  }
}

/** The commit `ref` names, fetching it from origin (shallowly) when it is not in the clone. */
async function resolveCommit(repoRoot: string, ref: string): Promise<string | null> {
  const verify = ['rev-parse', '--verify', '--quiet'];
  const local = await tryGit(repoRoot, verify, { values: [`${ref}^{commit}`] });
  if (local !== null) return local;
  const remoteName = ref.replace(/^origin\//, '').replace(/^refs\/heads\//, '');
  const fetch = ['fetch', '--no-tags', '--depth=1'];
  const fetched = await tryGit(repoRoot, fetch, { values: ['origin', remoteName] });
  if (fetched === null) return null;
  return tryGit(repoRoot, verify, { values: ['FETCH_HEAD^{commit}'] });
}

/** The worktree removed synchronously, for an interrupted process (nothing async runs after a signal). */
function removeNow(repoRoot: string, dir: string): void {
  tryGitNow(repoRoot, ['worktree', 'remove', '--force'], { values: [dir] });
  rmSync(dir, { recursive: true, force: true });
  tryGitNow(repoRoot, ['worktree', 'prune']);
}

/**
 * `ref` checked out in a fresh temporary worktree of the repository containing `cwd`; removed by `remove()`,
 * or on SIGINT/SIGTERM before that.
 */
export async function materializeRef(cwd: string, ref: string): Promise<Materialized> {
  const repoRoot = await tryGit(cwd, ['rev-parse', '--show-toplevel']);
  if (repoRoot === null) return { kind: 'unavailable', reason: `${cwd} is not inside a git repository` };
  const commit = await resolveCommit(repoRoot, ref);
  if (commit === null) {
    return { kind: 'unavailable', reason: `git cannot find ${ref} here or fetch it from origin` };
  }
  const dir = await mkdtemp(join(tmpdir(), 'embedprof-base-'));
  try {
    await readGitText(repoRoot, ['worktree', 'add', '--detach', '--force'], { values: [dir, commit] });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return { kind: 'unavailable', reason: `git worktree add failed: ${describeError(error)}` };
  }
  const unregister = registerSignalCleanup(() => removeNow(repoRoot, dir));
  const remove = async (): Promise<void> => {
    unregister();
    await tryGit(repoRoot, ['worktree', 'remove', '--force'], { values: [dir] });
    await rm(dir, { recursive: true, force: true });
    await tryGit(repoRoot, ['worktree', 'prune']);
  };
  return { kind: 'ready', repoRoot, commit, dir, remove };
}
